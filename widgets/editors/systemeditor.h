#pragma once

#include <QWidget>

class QLabel;

namespace tierlens {

class IdComboBox;
class ParamForm;
class PresetLibrary;
class WorkspaceDocument;

/// The GPU (a preset picker and its numbers) and the cluster (nodes, GPUs per node, TP and the
/// links joining the GPUs).
class SystemEditor : public QWidget {
    Q_OBJECT
public:
    /// The GPU picker offers `lib`'s GPUs.
    SystemEditor(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent = nullptr);

    IdComboBox* gpuPreset() const { return gpuPreset_; }
    ParamForm* gpuForm() const { return gpuForm_; }
    ParamForm* clusterForm() const { return clusterForm_; }
    IdComboBox* intraLink() const { return intraLink_; }
    IdComboBox* interLink() const { return interLink_; }

private:
    void refresh();
    void setLink(bool intra, const QString& id);

    WorkspaceDocument* doc_;
    const PresetLibrary& lib_;
    IdComboBox* gpuPreset_;
    ParamForm* gpuForm_;
    ParamForm* clusterForm_;
    IdComboBox* intraLink_;
    IdComboBox* interLink_;
    QLabel* gpuCount_;
};

} // namespace tierlens
