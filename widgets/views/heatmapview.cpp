#include "widgets/views/heatmapview.h"

#include "core/io/presetlibrary.h"
#include "document/workspacedocument.h"
#include "render/chartdatabuilder.h"
#include "render/workspacechart.h"
#include "widgets/editors/heatmapaxiseditor.h"
#include "widgets/views/heatmapwidget.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace tierlens {

namespace {
constexpr int kCurrentSnapshot = -2;
constexpr int kKeepBaseline = -3;
} // namespace

HeatmapView::HeatmapView(WorkspaceDocument* doc, const PresetLibrary& lib, QWidget* parent)
    : QWidget(parent)
    , doc_(doc)
    , lib_(lib)
    , x_(new HeatmapAxisEditor(tr("Columns:"), this))
    , y_(new HeatmapAxisEditor(tr("Rows:"), this))
    , metric_(new QComboBox(this))
    , baseline_(new QComboBox(this))
    , message_(new QLabel(this))
    , chart_(new HeatmapWidget(this))
{
    metric_->addItem(tr("Energy per token"), int(StudyMetric::EnergyPerToken));
    metric_->addItem(tr("Step latency"), int(StudyMetric::Latency));
    baseline_->setToolTip(tr("Divide every cell by this scenario's value at the same point: below 1 the "
                             "edited scenario wins."));
    message_->setStyleSheet(QStringLiteral("color: #B00020;"));
    message_->setWordWrap(true);
    message_->hide();

    auto* controls = new QGridLayout;
    controls->addWidget(x_, 0, 0, 1, 4);
    controls->addWidget(y_, 1, 0, 1, 4);
    controls->addWidget(new QLabel(tr("Metric:"), this), 2, 0);
    controls->addWidget(metric_, 2, 1);
    controls->addWidget(new QLabel(tr("Relative to:"), this), 2, 2);
    controls->addWidget(baseline_, 2, 3);
    controls->setColumnStretch(3, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(controls);
    layout->addWidget(message_);
    layout->addWidget(chart_, 1);

    auto editAxis = [this](bool columns) {
        return [this, columns](const StudyAxis& axis) {
            message_->hide();
            doc_->edit(tr("Change heatmap axis"),
                [&](Workspace& w) { (columns ? w.heatmap.x : w.heatmap.y) = axis; });
        };
    };
    connect(x_, &HeatmapAxisEditor::edited, this, editAxis(true));
    connect(y_, &HeatmapAxisEditor::edited, this, editAxis(false));
    for (auto* e : { x_, y_ })
        connect(e, &HeatmapAxisEditor::invalid, this, [this](const QString& m) {
            message_->setText(m);
            message_->show();
        });
    connect(metric_, &QComboBox::activated, this, [this](int i) {
        doc_->edit(tr("Change heatmap metric"),
            [&](Workspace& w) { w.heatmap.metric = StudyMetric(metric_->itemData(i).toInt()); });
    });
    connect(baseline_, &QComboBox::activated, this, &HeatmapView::setBaseline);
    connect(chart_, &HeatmapWidget::cellClicked, this, &HeatmapView::cellClicked);
}

void HeatmapView::setBaseline(int index)
{
    const QVariant choice = baseline_->itemData(index);
    if (!choice.isValid()) {
        doc_->edit(tr("No heatmap baseline"), [](Workspace& w) { w.heatmap.baseline.reset(); });
        return;
    }
    if (choice.toInt() == kKeepBaseline)
        return;
    if (choice.toInt() == kCurrentSnapshot) {
        const Scenario snapshot = doc_->scenario();
        doc_->edit(
            tr("Heatmap baseline: current scenario"), [&](Workspace& w) { w.heatmap.baseline = snapshot; });
        return;
    }
    const auto loaded = lib_.scenario(choice.toString().toStdString());
    if (!loaded.ok()) {
        message_->setText(QString::fromStdString(loaded.problems.front().toString()));
        message_->show();
        return;
    }
    doc_->edit(tr("Heatmap baseline: %1").arg(QString::fromStdString(loaded.value.name)),
        [&](Workspace& w) { w.heatmap.baseline = loaded.value; });
}

void HeatmapView::setResult(const Workspace& w, std::shared_ptr<const WorkspaceResult> r)
{
    x_->setAxis(w.heatmap.x, w.scenario);
    y_->setAxis(w.heatmap.y, w.scenario);
    {
        const QSignalBlocker block(metric_);
        metric_->setCurrentIndex(metric_->findData(int(w.heatmap.metric)));
    }
    {
        const QSignalBlocker block(baseline_);
        std::vector<std::pair<QString, QVariant>> items { { tr("nothing (plain values)"), QVariant() } };
        if (w.heatmap.baseline)
            items.emplace_back(QString::fromStdString(w.heatmap.baseline->name), kKeepBaseline);
        items.emplace_back(tr("a snapshot of the current scenario"), kCurrentSnapshot);
        for (const auto* e : lib_.list(PresetKind::Scenario))
            items.emplace_back(QString::fromStdString(e->name), QString::fromStdString(e->id));
        if (items != baselineItems_) {
            baselineItems_ = items;
            baseline_->clear();
            for (const auto& [text, choice] : items)
                baseline_->addItem(text, choice);
        }
        baseline_->setCurrentIndex(w.heatmap.baseline ? 1 : 0);
    }
    chart_->setData(ChartDataBuilder::heatmap(w, *r));
    // Drawn as every export of the workspace draws it (WorkspaceChart).
    chart_->setRenderOptions(WorkspaceChart::renderOptions(w.view, chart_->renderOptions()));
}

} // namespace tierlens
