#pragma once

#include <QWidget>

namespace tierlens {

class IdComboBox;
class WorkspaceDocument;

/// Where the KV cache lives (placement.kv_cache): HBM or a tier, the link it crosses to HBM and
/// the HBM budget per GPU beyond which the rest lives on the tier.
class KvPlacementEditor : public QWidget {
    Q_OBJECT
public:
    explicit KvPlacementEditor(WorkspaceDocument* doc, QWidget* parent = nullptr);

    IdComboBox* tier() const { return tier_; }
    IdComboBox* link() const { return link_; }

private:
    void refresh();

    WorkspaceDocument* doc_;
    IdComboBox* tier_;
    IdComboBox* link_;
};

} // namespace tierlens
