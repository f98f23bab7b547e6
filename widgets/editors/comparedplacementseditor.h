#pragma once

#include <QString>
#include <QWidget>

#include <string>
#include <vector>

class QListWidget;
class QToolButton;

namespace tierlens {

class IdComboBox;
class WorkspaceDocument;
struct Scenario;

/// The placements the breakdown charts compare side by side (Workspace::placements): where each
/// one keeps the routed experts and the links their copies cross. Every change is one undo step;
/// the first change turns the implicit list (HBM plus every tier) into an explicit one.
class ComparedPlacementsEditor : public QWidget {
    Q_OBJECT
public:
    explicit ComparedPlacementsEditor(WorkspaceDocument* doc, QWidget* parent = nullptr);

    QListWidget* placementList() const { return list_; }
    IdComboBox* tierBox() const { return tier_; }
    QListWidget* pathList() const { return path_; }
    QToolButton* addButton() const { return add_; }
    QToolButton* removeButton() const { return remove_; }

    /// Compares one more placement: the experts in `tierId` ("hbm" or a tier), over the scenario's
    /// link chain (none for HBM). The new row becomes the current one.
    void addPlacement(const QString& tierId);
    /// Removes a compared placement; the last one stays (an empty list means "the defaults").
    void removePlacement(int row);
    void setTier(int row, const QString& tierId);
    void setPath(int row, const std::vector<std::string>& path);
    /// Link chain edits of one placement. `at` -1 appends.
    void addLink(int row, const QString& linkId, int at = -1);
    void removeLink(int row, int at);

    /// "SSD (NVMe flash) → NVLink-C2C gen 5 → HBM", or the reason there is no chain.
    static QString routeText(
        const Scenario& s, const std::string& expertTier, const std::vector<std::string>& path);

private:
    void refresh();
    void updateDetail();
    int currentRow() const;

    WorkspaceDocument* doc_;
    QListWidget* list_;
    QToolButton* add_;
    QToolButton* remove_;
    IdComboBox* tier_;
    QListWidget* path_;
    QToolButton* addLink_;
    QToolButton* removeLink_;
};

} // namespace tierlens
