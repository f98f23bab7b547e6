#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QToolButton;

namespace tierlens {

class ComparedPlacementsEditor;
class IdComboBox;
class WorkspaceDocument;
class TieredPlacementEditor;

/// Where the routed experts live ("hbm" or a tier) and the chain of links they cross into HBM, the
/// router-copy switch, and the latency options of an offloaded placement.
class PlacementEditor : public QWidget {
    Q_OBJECT
public:
    explicit PlacementEditor(WorkspaceDocument* doc, QWidget* parent = nullptr);

    IdComboBox* expertTier() const { return tier_; }
    QListWidget* pathList() const { return path_; }
    QCheckBox* copyRouterWeights() const { return copyRouter_; }
    QComboBox* latencyRule() const { return latencyRule_; }
    QCheckBox* copyStealsBandwidth() const { return steals_; }
    TieredPlacementEditor* tieredPlacementEditor() const { return tieredPlacement_; }
    ComparedPlacementsEditor* comparedPlacements() const { return compared_; }
    /// "SSD (NVMe flash) → NVLink-C2C gen 5 → HBM"
    QString chainText() const;

    /// Link chain edits, one undo step each. `row` -1 appends.
    void addLink(const QString& linkId, int row = -1);
    void removeLink(int row);
    void moveLink(int row, int delta);

private:
    void refresh();
    void setPath(const std::vector<std::string>& path, const QString& text);
    void updateButtons();

    WorkspaceDocument* doc_;
    IdComboBox* tier_;
    QListWidget* path_;
    QToolButton* add_;
    QToolButton* remove_;
    QToolButton* up_;
    QToolButton* down_;
    QLabel* chain_;
    QCheckBox* copyRouter_;
    QComboBox* latencyRule_;
    QCheckBox* steals_;
    TieredPlacementEditor* tieredPlacement_;
    ComparedPlacementsEditor* compared_;
};

} // namespace tierlens
