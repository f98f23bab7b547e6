#include "widgets/views/requestview.h"

#include <QFormLayout>
#include <QLabel>
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
    auto* layout = new QVBoxLayout(this);
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
    layout->addStretch(1);
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
}

} // namespace tierlens
