#include "widgets/editors/systemeditor.h"

#include "core/io/presetlibrary.h"
#include "document/presetloader.h"
#include "document/workspacedocument.h"
#include "widgets/common/idcombobox.h"
#include "widgets/editors/paramform.h"

#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace tierlens {

SystemEditor::SystemEditor(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , lib_(lib)
    , gpuPreset_(new IdComboBox(this))
    , gpuForm_(new ParamForm(doc, { QStringLiteral("gpu") }, this))
    , clusterForm_(new ParamForm(doc, { QStringLiteral("cluster"), QStringLiteral("parallelism") }, this))
    , intraLink_(new IdComboBox(this))
    , interLink_(new IdComboBox(this))
    , gpuCount_(new QLabel(this))
{
    QList<IdComboBox::Item> presets;
    for (const PresetEntry* e : lib_.list(PresetKind::Gpu))
        presets.push_back({ QString::fromStdString(e->id), QString::fromStdString(e->name),
            QString::fromStdString(e->description) });
    gpuPreset_->setItems(presets);
    gpuPreset_->setToolTip(tr("Loads a GPU preset, replacing every GPU number below (one undo step). "
                              "Pick it again to discard your changes to it."));
    connect(gpuPreset_, &IdComboBox::idChosen, this, [this](const QString& id) {
        PresetLoader::load(*doc_, lib_, { PresetKind::Gpu, id });
    });

    intraLink_->setToolTip(tr("Link between the GPUs of one node (tensor-parallel AllReduce, MoE "
                              "dispatch). Links are edited under Interconnects."));
    interLink_->setToolTip(tr("Link between nodes; the reference sends all MoE traffic over it once "
                              "there are several nodes."));
    connect(intraLink_, &IdComboBox::idChosen, this, [this](const QString& id) { setLink(true, id); });
    connect(interLink_, &IdComboBox::idChosen, this, [this](const QString& id) { setLink(false, id); });
    clusterForm_->addRow(tr("Intra-node link"), intraLink_);
    clusterForm_->addRow(tr("Inter-node link"), interLink_);
    clusterForm_->addRow(tr("Total"), gpuCount_);

    gpuForm_->addLeadingRow(tr("Preset"), gpuPreset_);
    auto* gpuBox = new QGroupBox(tr("GPU"), this);
    (new QVBoxLayout(gpuBox))->addWidget(gpuForm_);
    auto* clusterBox = new QGroupBox(tr("Cluster"), this);
    auto* clusterLayout = new QVBoxLayout(clusterBox);
    clusterLayout->addWidget(clusterForm_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(gpuBox);
    layout->addWidget(clusterBox);
    layout->addStretch();

    connect(doc_, &WorkspaceDocument::changed, this, [this](const WorkspaceChange& change) {
        if (change.touches(WorkspaceChange::Gpu) || change.touches(WorkspaceChange::Cluster)
            || change.touches(WorkspaceChange::Links) || change.touchesPaths("cluster.")
            || change.touchesPaths("parallelism."))
            refresh();
    });
    refresh();
}

void SystemEditor::setLink(bool intra, const QString& id)
{
    const std::string link = id.toStdString();
    const Cluster& c = doc_->scenario().cluster;
    if ((intra ? c.intraLink : c.interLink) == link)
        return;
    doc_->edit(intra ? tr("Set intra-node link to %1").arg(id) : tr("Set inter-node link to %1").arg(id),
        [intra, link](
            Workspace& w) { (intra ? w.scenario.cluster.intraLink : w.scenario.cluster.interLink) = link; });
}

void SystemEditor::refresh()
{
    const Scenario& s = doc_->scenario();
    gpuPreset_->setCurrentId(
        QString::fromStdString(s.gpu.id), tr("Custom: %1").arg(QString::fromStdString(s.gpu.name)));

    // "None" lets a one-node system drop its inter-node link; the validator only asks for links
    // the cluster's size needs.
    QList<IdComboBox::Item> links { { QString(), tr("None"), tr("No link") } };
    for (const auto& l : s.links)
        links.push_back({ QString::fromStdString(l.id), QString::fromStdString(l.name),
            tr("Id: %1").arg(QString::fromStdString(l.id)) });
    intraLink_->setItems(links);
    interLink_->setItems(links);
    intraLink_->setCurrentId(QString::fromStdString(s.cluster.intraLink));
    interLink_->setCurrentId(QString::fromStdString(s.cluster.interLink));

    const int gpus = s.cluster.gpus();
    const int tp = s.parallelism.tp;
    const QString count = gpus == 1 ? tr("1 GPU") : tr("%1 GPUs").arg(gpus);
    gpuCount_->setText(
        tp > 0 && gpus % tp == 0 ? tr("%1, data parallel %2").arg(count).arg(gpus / tp) : count);
}

} // namespace tierlens
