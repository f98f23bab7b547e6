#include "widgets/editors/modeleditor.h"

#include "core/io/presetlibrary.h"
#include "document/presetloader.h"
#include "document/workspacedocument.h"
#include "widgets/common/idcombobox.h"
#include "widgets/common/modelparamshtml.h"
#include "widgets/editors/modelprecisioneditor.h"
#include "widgets/editors/paramform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

namespace tierlens {

ModelEditor::ModelEditor(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , lib_(lib)
    , preset_(new IdComboBox(this))
    , denseForm_(new ParamForm(doc, { QStringLiteral("model") }, this))
    , ffnKind_(new QComboBox(this))
    , moeCheck_(new QCheckBox(tr("Mixture of experts"), this))
    , moeForm_(new ParamForm(doc, { QStringLiteral("model.moe") }, this))
    , mlaCheck_(new QCheckBox(tr("Latent attention (MLA)"), this))
    , mlaForm_(new ParamForm(doc, { QStringLiteral("model.mla") }, this))
    , params_(new QLabel(this))
{
    QList<IdComboBox::Item> presets;
    for (const PresetEntry* e : lib_.list(PresetKind::Model))
        presets.push_back({ QString::fromStdString(e->id), QString::fromStdString(e->name),
            QString::fromStdString(e->description) });
    preset_->setItems(presets);
    preset_->setToolTip(tr("Loads a model preset, replacing every model number (one undo step). "
                           "Pick it again to discard your changes to it."));
    connect(preset_, &IdComboBox::idChosen, this, [this](const QString& id) {
        PresetLoader::load(*doc_, lib_, { PresetKind::Model, id });
    });

    ffnKind_->addItems({ tr("SwiGLU (3 matrices)"), tr("MLP (2 matrices)") });
    ffnKind_->setToolTip(tr("Shape of the dense FFN and of every expert: SwiGLU has gate, up and down "
                            "projections, a plain MLP only up and down."));
    connect(ffnKind_, &QComboBox::activated, this, &ModelEditor::setFfnKind);
    denseForm_->addRow(tr("FFN kind"), ffnKind_);

    moeCheck_->setToolTip(tr("Routed experts replace the dense FFN in the MoE layers. Switching it on "
                             "adds a Mixtral-like block of 8 experts, top-2."));
    mlaCheck_->setToolTip(tr("DeepSeek's multi-head latent attention, evaluated in its absorbed form. "
                             "Switching it on adds DeepSeek's ranks."));
    connect(moeCheck_, &QCheckBox::clicked, this, &ModelEditor::setMoe);
    connect(mlaCheck_, &QCheckBox::clicked, this, &ModelEditor::setMla);

    denseForm_->addLeadingRow(tr("Preset"), preset_);
    auto* denseBox = new QGroupBox(tr("Transformer"), this);
    (new QVBoxLayout(denseBox))->addWidget(denseForm_);
    auto* moeBox = new QGroupBox(tr("Experts"), this);
    auto* moeLayout = new QVBoxLayout(moeBox);
    moeLayout->addWidget(moeCheck_);
    moeLayout->addWidget(moeForm_);
    auto* mlaBox = new QGroupBox(tr("Attention"), this);
    auto* mlaLayout = new QVBoxLayout(mlaBox);
    mlaLayout->addWidget(mlaCheck_);
    mlaLayout->addWidget(mlaForm_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(denseBox);
    layout->addWidget(moeBox);
    layout->addWidget(mlaBox);
    layout->addWidget(new ModelPrecisionEditor(doc_, this));
    auto* sizeBox = new QGroupBox(tr("Size"), this);
    params_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    params_->setToolTip(
        tr("Weights of each part, in all and used for one token at batch 1 (routed experts: top-k of "
           "them per MoE layer), and their bytes at the model's bytes per parameter. Norms and biases "
           "are left out."));
    (new QVBoxLayout(sizeBox))->addWidget(params_);
    layout->addWidget(sizeBox);
    layout->addStretch();

    connect(doc_, &WorkspaceDocument::changed, this, [this](const WorkspaceChange& change) {
        if (change.touches(WorkspaceChange::Model) || change.touchesPaths("model."))
            refresh();
    });
    refresh();
}

void ModelEditor::setMoe(bool on)
{
    if (on == doc_->scenario().model.moe.has_value())
        return;
    doc_->edit(on ? tr("Add mixture of experts") : tr("Remove mixture of experts"), [on](Workspace& w) {
        if (on)
            w.scenario.model.moe.emplace();
        else
            w.scenario.model.moe.reset();
    });
}

void ModelEditor::setMla(bool on)
{
    if (on == doc_->scenario().model.mla.has_value())
        return;
    doc_->edit(on ? tr("Add latent attention") : tr("Remove latent attention"), [on](Workspace& w) {
        if (on)
            w.scenario.model.mla.emplace();
        else
            w.scenario.model.mla.reset();
    });
}

void ModelEditor::setFfnKind(int index)
{
    const auto kind = index == 0 ? ModelSpec::FfnKind::SwiGlu : ModelSpec::FfnKind::Mlp;
    if (kind != doc_->scenario().model.ffnKind)
        doc_->edit(tr("Change FFN kind"), [kind](Workspace& w) { w.scenario.model.ffnKind = kind; });
}

void ModelEditor::refresh()
{
    const ModelSpec& m = doc_->scenario().model;
    preset_->setCurrentId(QString::fromStdString(m.id), tr("Custom: %1").arg(QString::fromStdString(m.name)));
    {
        const QSignalBlocker b1(ffnKind_), b2(moeCheck_), b3(mlaCheck_);
        ffnKind_->setCurrentIndex(m.ffnKind == ModelSpec::FfnKind::SwiGlu ? 0 : 1);
        moeCheck_->setChecked(m.moe.has_value());
        mlaCheck_->setChecked(m.mla.has_value());
    }
    moeForm_->setVisible(m.moe.has_value());
    mlaForm_->setVisible(m.mla.has_value());
    params_->setText(modelParamsHtml(m, true));
}

} // namespace tierlens
