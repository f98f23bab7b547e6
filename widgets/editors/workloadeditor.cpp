#include "widgets/editors/workloadeditor.h"

#include "document/workspacedocument.h"
#include "widgets/common/messagelabel.h"
#include "widgets/common/numberspinbox.h"
#include "widgets/editors/paramform.h"

#include "core/io/routingtrace.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <algorithm>

namespace tierlens {

namespace {
constexpr int kMaxBatch = 1 << 24; // the validator's limit for workload.batches
} // namespace

WorkloadEditor::WorkloadEditor(WorkspaceDocument* doc, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , form_(new ParamForm(doc, { QStringLiteral("workload") }, this))
    , routingForm_(new ParamForm(doc, { QStringLiteral("workload.routing") }, this))
    , batches_(new QLineEdit(this))
    , message_(new MessageLabel(this))
    , routing_(new QComboBox(this))
    , importTrace_(new QPushButton(tr("Import trace…"), this))
{
    batches_->setPlaceholderText(tr("e.g. 1, 4, 16, 64"));
    batches_->setToolTip(tr("Global batches shown side by side in the breakdown views, separated by "
                            "commas. Press Enter to apply. <code>workload.batches</code>"));
    connect(batches_, &QLineEdit::editingFinished, this, [this] { applyBatches(batches_->text()); });

    routing_->addItem(tr("Uniform"));
    routing_->addItem(tr("Zipf"));
    routing_->addItem(tr("Trace"));
    routing_->setToolTip(tr("How tokens choose their experts: uniformly, with Zipf popularity (expert i "
                            "weighted 1/(i+1)^s) or as an imported trace's per-layer counts."));
    connect(routing_, &QComboBox::activated, this, [this](int index) {
        const auto kind = static_cast<Routing::Kind>(index);
        if (kind == Routing::Kind::Trace && doc_->scenario().workload.routing.layerCounts.empty()) {
            importTrace();
            return;
        }
        doc_->edit(tr("Routing: %1").arg(routing_->itemText(index)),
            [kind](Workspace& w) { w.scenario.workload.routing.kind = kind; });
    });
    importTrace_->setToolTip(tr("Read a CSV of layer,token,expert rows; the scenario keeps the per-layer "
                                "expert counts, not the file."));
    connect(importTrace_, &QPushButton::clicked, this, &WorkloadEditor::importTrace);
    auto* routingBox = new QHBoxLayout;
    routingBox->setContentsMargins(0, 0, 0, 0);
    routingBox->addWidget(routing_, 1);
    routingBox->addWidget(importTrace_);

    auto* batchesBox = new QVBoxLayout;
    batchesBox->setContentsMargins(0, 0, 0, 0);
    batchesBox->addWidget(batches_);
    batchesBox->addWidget(message_);
    form_->addRow(tr("Batches shown"), batchesBox);
    routingForm_->addLeadingRow(tr("Routing"), routingBox);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(form_);
    layout->addWidget(routingForm_);

    connect(doc_, &WorkspaceDocument::changed, this, &WorkloadEditor::refresh);
    refresh();
}

QString WorkloadEditor::batchesMessage() const
{
    return message_->text();
}

std::optional<std::vector<int>> WorkloadEditor::parseBatches(const QString& text, QString* error)
{
    const auto fail = [&](const QString& why) -> std::optional<std::vector<int>> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    const QStringList parts = text.split(separators, Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return fail(tr("List at least one batch, e.g. 1, 4, 16, 64."));
    std::vector<int> out;
    for (const QString& part : parts) {
        bool ok = false;
        const int b = part.toInt(&ok);
        if (!ok)
            return fail(tr("“%1” is not a whole number; the list was kept.").arg(part));
        if (b < 1 || b > kMaxBatch)
            return fail(tr("Batch %1 is outside 1 … %2; the list was kept.").arg(b).arg(kMaxBatch));
        if (std::find(out.begin(), out.end(), b) != out.end())
            return fail(tr("Batch %1 is listed twice; the list was kept.").arg(b));
        out.push_back(b);
    }
    return out;
}

QString WorkloadEditor::formatBatches(const std::vector<int>& batches)
{
    QStringList parts;
    for (int b : batches)
        parts << QString::number(b);
    return parts.join(QStringLiteral(", "));
}

bool WorkloadEditor::applyBatches(const QString& text)
{
    QString why;
    const auto batches = parseBatches(text, &why);
    if (!batches) {
        message_->showMessage(why);
        return false;
    }
    message_->showMessage({});
    if (*batches != doc_->scenario().workload.batches)
        doc_->edit(
            tr("Change batch list"), [list = *batches](Workspace& w) { w.scenario.workload.batches = list; });
    batches_->setText(formatBatches(*batches));
    return true;
}

bool WorkloadEditor::importTraceFile(const QString& file)
{
    const auto trace = RoutingTrace::load(file.toStdString());
    if (!trace.ok()) {
        message_->showMessage(QString::fromStdString(trace.problems.front().toString()));
        return false;
    }
    message_->showMessage({});
    doc_->edit(tr("Import routing trace"), [counts = trace.value](Workspace& w) {
        w.scenario.workload.routing.kind = Routing::Kind::Trace;
        w.scenario.workload.routing.layerCounts = counts;
    });
    return true;
}

void WorkloadEditor::importTrace()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Import routing trace"), {}, tr("CSV files (*.csv);;All files (*)"));
    if (!file.isEmpty())
        importTraceFile(file);
    refresh();
}

void WorkloadEditor::refresh()
{
    const Routing::Kind kind = doc_->scenario().workload.routing.kind;
    routing_->setCurrentIndex(static_cast<int>(kind));
    // The exponent only shapes Zipf popularity; uniform and trace routing ignore it.
    if (auto* s = routingForm_->spinBox(QStringLiteral("workload.routing.s")))
        s->setEnabled(kind == Routing::Kind::Zipf);
    const auto& batches = doc_->scenario().workload.batches;
    // While the user types, or has yet to fix a rejected list, the text is theirs; a list changed
    // elsewhere (undo) replaces it once they are not typing.
    if (batches_->hasFocus() || (batches == shown_ && !message_->text().isEmpty()))
        return;
    shown_ = batches;
    message_->showMessage({});
    const QString text = formatBatches(batches);
    if (batches_->text() != text)
        batches_->setText(text);
}

} // namespace tierlens
