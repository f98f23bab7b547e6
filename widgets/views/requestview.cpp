#include "widgets/views/requestview.h"

#include "core/data/parampath.h"
#include "core/io/presetlibrary.h"
#include "core/validation/validator.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tierlens {

namespace {

QString fixed(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
}

// Milliseconds below 10 s, seconds above.
QString time(double s)
{
    return s < 10 ? QStringLiteral("%1 ms").arg(fixed(s * 1e3, 2)) : QStringLiteral("%1 s").arg(fixed(s, 2));
}

QString gigabytes(double bytes)
{
    return QStringLiteral("%1 GB").arg(fixed(bytes / 1e9, 3));
}

} // namespace

RequestView::RequestView(QWidget* parent)
    : QWidget(parent)
{
    // Scrolled as a whole: the numbers and a study's comparison table may outgrow the tab.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    auto* layout = new QVBoxLayout(content);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    layout->addWidget(title_);
    auto* form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    for (int i = 0; i < kRequestQuantityCount; ++i) {
        auto* v = new QLabel(this);
        v->setTextFormat(Qt::RichText);
        v->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::TextSelectableByMouse);
        // A click shows the arithmetic in the Explain panel.
        connect(v, &QLabel::linkActivated, this, [this, i](const QString&) {
            emit explanationRequested(explainRequest(scenario_, result_, RequestQuantity(i)));
        });
        values_[std::size_t(i)] = v;
        form->addRow(
            QString::fromUtf8(requestQuantityLabel(RequestQuantity(i)).data()) + QStringLiteral(":"), v);
    }
    layout->addLayout(form);
    details_ = new QLabel(this);
    details_->setWordWrap(true);
    details_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(details_);
    comparisonTitle_ = new QLabel(this);
    comparisonTitle_->setWordWrap(true);
    layout->addWidget(comparisonTitle_);
    comparisonTable_ = new QTableWidget(this);
    comparisonTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    comparisonTable_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    comparisonTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    comparisonTable_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(comparisonTable_);
    comparisonTitle_->hide();
    comparisonTable_->hide();
    layout->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll);
}

std::optional<RequestComparison> RequestComparison::fromStudy(const PresetLibrary& lib, const std::string& id)
{
    const PresetEntry* e = lib.find(PresetKind::Study, id);
    if (!e)
        return std::nullopt;
    auto st = loadStudy(e->json, lib, e->source);
    if (!st.ok() || st.value.kind != Study::Kind::Line || !isRequestMetric(st.value.metric))
        return std::nullopt;
    RequestComparison c;
    c.title = QString::fromStdString(st.value.name);
    c.metric = st.value.metric;
    c.x = st.value.x;
    for (const auto& s : st.value.series)
        c.rows.emplace_back(QString::fromStdString(s.placementLabel.empty() ? s.label : s.placementLabel),
            s.scenario.placement);
    return c;
}

void RequestView::setComparison(std::optional<RequestComparison> comparison)
{
    comparison_ = std::move(comparison);
    comparisonTitle_->setVisible(comparison_.has_value());
    comparisonTable_->setVisible(comparison_.has_value());
    dirty_ = true;
    if (isVisible())
        recompute();
}

void RequestView::setScenario(const Scenario& s)
{
    scenario_ = s;
    dirty_ = true;
    if (isVisible())
        recompute();
}

void RequestView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (dirty_)
        recompute();
}

QString RequestView::valueText(RequestQuantity q) const
{
    return values_[std::size_t(q)]->text();
}

void RequestView::recompute()
{
    dirty_ = false;
    const RequestResult& r = result_ = evaluateRequest(scenario_);
    title_->setText(tr("<b>%1</b><br>batch %2 · prompt %3 tokens · output %4 tokens · %5 GPUs")
                        .arg(QString::fromStdString(scenario_.name.empty() ? scenario_.id : scenario_.name))
                        .arg(r.batch)
                        .arg(r.promptLength)
                        .arg(r.outputLength)
                        .arg(r.gpus));
    const std::array<QString, kRequestQuantityCount> text = {
        tr("%1 (prefill %2)").arg(time(r.ttftS), time(r.prefillS)),
        tr("%1 (first %2, last %3)").arg(time(r.tpotMeanS), time(r.tpotFirstS), time(r.tpotLastS)),
        tr("%1 tokens/s").arg(fixed(r.tokensPerS, 1)),
        tr("%1 tokens/s").arg(fixed(r.tokensPerSPerGpu, 1)),
        tr("%1 J").arg(fixed(r.energyJPerRequest, 2)),
        tr("%1 J").arg(fixed(r.prefillJPerRequest, 2)),
        tr("%1 J").arg(fixed(r.decodeJPerRequest, 2)),
        tr("%1 J").arg(fixed(r.jPerOutputToken, 4)),
        tr("%1 W").arg(fixed(r.avgPowerW, 0)),
        tr("%1 W").arg(fixed(r.avgPowerWPerGpu, 1)),
        scenario_.placement.kvCache.offloaded()
            ? tr("%1 per GPU from %2, %3 per step")
                  .arg(gigabytes(r.firstStep.q.kvOffHbmBytesPerGpu),
                      QString::fromStdString(scenario_.placement.kvCache.tier),
                      time(r.firstStep.q.kvTransferS))
            : tr("none: the KV cache lives in HBM"),
        QString(),
    };
    for (int i = 0; i < kRequestQuantityCount; ++i) {
        QString t = text[std::size_t(i)];
        if (RequestQuantity(i) == RequestQuantity::MaxBatch)
            for (const auto& f : r.maxBatch)
                if (f.placement == scenario_.placement.kvCache.tier)
                    t = tr("%1 sequences (KV in %2)")
                            .arg(f.maxBatch)
                            .arg(QString::fromStdString(f.placement));
        values_[std::size_t(i)]->setText(
            QStringLiteral("<a href=\"%1\">%2</a>").arg(i).arg(t.toHtmlEscaped()));
        values_[std::size_t(i)]->setToolTip(
            QString::fromStdString(toPlainText(explainRequest(scenario_, r, RequestQuantity(i)))));
    }
    QStringList lines;
    lines << tr("<b>KV read per decode step</b> (mean over the steps, all GPUs):");
    for (const auto& [tier, bytes] : r.kvBytesPerStep)
        lines << tr("&nbsp;&nbsp;%1: %2").arg(QString::fromStdString(tier), gigabytes(bytes));
    lines
        << tr("<b>Largest batch</b> whose KV cache at %1 tokens fits:").arg(r.promptLength + r.outputLength);
    for (const auto& f : r.maxBatch)
        lines << tr("&nbsp;&nbsp;KV in %1: %2").arg(QString::fromStdString(f.placement)).arg(f.maxBatch);
    lines << tr(
        "TTFT is the prefill plus the first decode step; the batch's requests start and end together. "
        "LayerNorm, embedding and LM head are left out, as in every step.");
    for (const auto& w : r.warnings)
        lines << tr("<span style=\"color:#8A1C1C\">%1</span>").arg(QString::fromStdString(w).toHtmlEscaped());
    details_->setText(lines.join(QStringLiteral("<br>")));
    recomputeComparison();
}

void RequestView::recomputeComparison()
{
    if (!comparison_)
        return;
    const RequestComparison& c = *comparison_;
    const QString unit = QString::fromUtf8(studyMetricUnit(c.metric).data());
    comparisonTitle_->setText(tr("<b>%1</b> (%2) — each placement of the experts and the KV cache applied to "
                                 "this scenario")
                                  .arg(c.title.toHtmlEscaped(), unit));
    comparisonTable_->setRowCount(int(c.rows.size()));
    comparisonTable_->setColumnCount(int(c.x.values.size()));
    QStringList columns;
    const auto own = parampath::get(scenario_, c.x.path);
    for (double v : c.x.values)
        columns << QStringLiteral("%1 = %2")
                       .arg(QString::fromStdString(c.x.label.empty() ? c.x.path : c.x.label))
                       .arg(c.x.scale && own ? *own * v : v);
    comparisonTable_->setHorizontalHeaderLabels(columns);
    QStringList rows;
    for (int r = 0; r < int(c.rows.size()); ++r) {
        rows << c.rows[std::size_t(r)].first;
        // The compared parts of the placement; the cache and router settings stay the scenario's.
        Scenario s = scenario_;
        const Placement& p = c.rows[std::size_t(r)].second;
        s.placement.expertTier = p.expertTier;
        s.placement.path = p.path;
        s.placement.tiers = p.tiers;
        s.placement.kvCache = p.kvCache;
        for (int col = 0; col < int(c.x.values.size()); ++col) {
            Scenario at = s;
            const double v = c.x.values[std::size_t(col)];
            // A placement naming a tier or link this scenario no longer has cannot be evaluated:
            // say so rather than show a meaningless number.
            const bool valid = own && parampath::set(at, c.x.path, c.x.scale ? *own * v : v)
                && validateScenario(at).empty();
            auto* item = new QTableWidgetItem(valid ? QString::number(evaluateRequest(at).metric(c.metric),
                                                  'f', c.metric == StudyMetric::EnergyPerRequest ? 1 : 2)
                                                    : tr("n/a"));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            comparisonTable_->setItem(r, col, item);
        }
    }
    comparisonTable_->setVerticalHeaderLabels(rows);
    // Every row shown: the view scrolls, the table does not.
    comparisonTable_->resizeRowsToContents();
    int height
        = comparisonTable_->horizontalHeader()->sizeHint().height() + 2 * comparisonTable_->frameWidth();
    for (int r = 0; r < comparisonTable_->rowCount(); ++r)
        height += comparisonTable_->rowHeight(r);
    comparisonTable_->setFixedHeight(height);
}

} // namespace tierlens
