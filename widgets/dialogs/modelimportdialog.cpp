#include "widgets/dialogs/modelimportdialog.h"

#include "core/io/jsontext.h"
#include "document/workspacedocument.h"
#include "widgets/common/modelparamshtml.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

namespace tierlens {

namespace {

QStringList describe(const ModelSpec& m)
{
    QStringList rows;
    auto row
        = [&](const QString& label, const QString& value) { rows << label + QStringLiteral(": ") + value; };
    row(QObject::tr("Id"), QString::fromStdString(m.id));
    row(QObject::tr("Name"), QString::fromStdString(m.name));
    row(QObject::tr("Layers"), QString::number(m.layers));
    row(QObject::tr("Hidden size"), QString::number(m.hidden));
    row(QObject::tr("Heads / KV heads"),
        QStringLiteral("%1 / %2 (head dim %3)").arg(m.heads).arg(m.kvHeads).arg(m.headDim));
    row(QObject::tr("Dense FFN"),
        QStringLiteral("%1 (%2)").arg(m.ffnDim).arg(
            m.ffnKind == ModelSpec::FfnKind::SwiGlu ? QStringLiteral("SwiGLU") : QStringLiteral("MLP")));
    if (m.moe) {
        row(QObject::tr("Experts"),
            QObject::tr("%1 routed, top-%2, %3 shared, FFN %4")
                .arg(m.moe->experts)
                .arg(m.moe->topK)
                .arg(m.moe->sharedExperts)
                .arg(m.moe->expertFfnDim));
        row(QObject::tr("MoE layers"), QObject::tr("%1 of %2").arg(m.moeLayerCount()).arg(m.layers));
    } else {
        row(QObject::tr("Experts"), QObject::tr("none (dense)"));
    }
    if (m.mla)
        row(QObject::tr("Attention"),
            QObject::tr("MLA, KV rank %1, Q rank %2").arg(m.mla->kvLoraRank).arg(m.mla->qLoraRank));
    row(QObject::tr("Bytes per parameter"), QString::number(m.bytesPerParam));
    row(QObject::tr("Parameters"), modelParamsSummary(m));
    return rows;
}

} // namespace

ModelImportDialog::ModelImportDialog(const QString& fileName, const HfConfigImport& imported, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Import Model Config"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("<b>%1</b> maps to this model. OK replaces the scenario's model (undoable).")
                                 .arg(fileName.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    summary_ = describe(imported.model.value);
    for (const QString& line : summary_) {
        const int colon = line.indexOf(QStringLiteral(": "));
        auto* value = new QLabel(line.mid(colon + 2), this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(line.left(colon) + QLatin1Char(':'), value);
    }
    layout->addLayout(form);
    // Split by class, to compare with a model card.
    params_ = new QLabel(modelParamsHtml(imported.model.value), this);
    params_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    params_->setToolTip(
        tr("Weights of each part, in all and used for one token at batch 1 (routed experts: top-k of "
           "them per MoE layer), and their bytes at the model's bytes per parameter. Norms and biases "
           "are left out."));
    layout->addWidget(params_);

    layout->addWidget(new QLabel(imported.notes.empty()
            ? tr("Every key that matters was mapped.")
            : tr("Not mapped, or only approximated (%1):").arg(imported.notes.size()),
        this));
    notes_ = new QListWidget(this);
    notes_->setWordWrap(true);
    notes_->setAlternatingRowColors(true);
    notes_->setSpacing(2);
    notes_->setSelectionMode(QAbstractItemView::NoSelection);
    notes_->setFocusPolicy(Qt::NoFocus);
    for (const auto& n : imported.notes)
        notes_->addItem(QString::fromStdString(n));
    notes_->setVisible(!imported.notes.empty());
    layout->addWidget(notes_, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(600, imported.notes.empty() ? 520 : 640);
}

HfConfigImport ModelImportDialog::read(const QString& path)
{
    return importHfConfigFile(path.toStdString());
}

bool ModelImportDialog::looksLikeHfConfig(const QString& path)
{
    const auto text = readTextFile(path.toStdString(), 4u << 20);
    if (!text.ok())
        return false;
    const auto j = parseJsonText(text.value, {});
    if (!j.ok() || !j.value.is_object())
        return false;
    // Scenarios and workspaces have a "model" (or "workspace"); configs name their architecture.
    const auto& o = j.value;
    return !o.contains("model") && !o.contains("workspace")
        && (o.contains("model_type") || o.contains("architectures") || o.contains("text_config"));
}

void ModelImportDialog::apply(WorkspaceDocument& doc, const ModelSpec& model)
{
    doc.edit(tr("Import model %1").arg(QString::fromStdString(model.name.empty() ? model.id : model.name)),
        [&](Workspace& ws) { ws.scenario.model = model; });
}

} // namespace tierlens
