#include "widgets/views/explainpanel.h"

#include <QEvent>
#include <QRegularExpression>
#include <QStringList>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextOption>
#include <QVBoxLayout>

namespace tierlens {

namespace {

QString esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

// A quantity that must not break between number and unit ("27.44 mJ").
// The context line "Mixtral … · experts on SSD … · batch 16": short segments stay whole.
QString contextHtml(const std::string& context)
{
    const QString sep = QStringLiteral(" · ");
    QStringList parts = QString::fromStdString(context).split(sep);
    for (QString& p : parts) {
        p = p.toHtmlEscaped();
        if (p.size() <= 24)
            p.replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
    }
    return parts.join(sep);
}

// Escaped text in which a number keeps its unit on the same line ("900 GB/s", "2 B").
QString prose(const std::string& s)
{
    static const QRegularExpression numberUnit(QStringLiteral("(\\d) (?=[A-Za-zµ])"));
    return esc(s).replace(numberUnit, QStringLiteral("\\1&nbsp;"));
}

QString quantity(double value, const std::string& unit)
{
    return esc(formatQuantity(value, unit)).replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
}

// Blend of two colours, for muted text that follows light and dark palettes alike.
QString mix(const QColor& a, const QColor& b, double t)
{
    const QColor c = QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
        float(a.greenF() * (1 - t) + b.greenF() * t), float(a.blueF() * (1 - t) + b.blueF() * t));
    return c.name();
}

struct Colors {
    QString text, muted, formula, rule, warning;
    explicit Colors(const QPalette& p)
    {
        const QColor fg = p.color(QPalette::Text), bg = p.color(QPalette::Base);
        text = fg.name();
        muted = mix(fg, bg, 0.4);
        formula = mix(fg, p.color(QPalette::Link), 0.55);
        rule = mix(fg, bg, 0.82);
        warning = bg.lightness() < 128 ? QStringLiteral("#ff8a80") : QStringLiteral("#b3261e");
    }
};

const QString kMono = QStringLiteral("'DejaVu Sans Mono', 'Liberation Mono', monospace");

QString termsHtml(const std::vector<ExplainTerm>& terms, const Colors& c)
{
    QString h = QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" "
                               "style=\"margin-top:4px; margin-left:6px\">");
    for (const auto& t : terms) {
        h += QStringLiteral("<tr><td valign=\"top\" style=\"padding:2px 6px 2px 0\">");
        // Operation names ("expert.up") are identifiers; component names ("MoE on-chip") are prose.
        if (t.label.find_first_of("._") != std::string::npos)
            h += QStringLiteral("<span style=\"font-family:%1\">%2</span>").arg(kMono, esc(t.label));
        else
            h += esc(t.label);
        if (!t.detail.empty())
            h += QStringLiteral("<br><span style=\"color:%1; font-size:small\">%2</span>")
                     .arg(c.muted, prose(t.detail));
        h += QStringLiteral("</td><td valign=\"top\" align=\"right\" style=\"padding:2px 0\">%1</td></tr>")
                 .arg(quantity(t.value, t.unit));
    }
    return h + QStringLiteral("</table>");
}

QString stepHtml(int number, const ExplainStep& s, const Colors& c)
{
    const QString value = quantity(s.value, s.unit);
    QString h
        = QStringLiteral("<tr><td valign=\"top\" width=\"26\" style=\"color:%1; padding:0 0 10px 0\">%2.</td>"
                         "<td valign=\"top\" style=\"padding:0 0 10px 0\">")
              .arg(c.muted)
              .arg(number);
    h += QStringLiteral("<p style=\"margin:0\">%1</p>").arg(esc(s.what));
    h += QStringLiteral("<p style=\"margin:3px 0 0 0; font-family:%1; font-style:italic; color:%2\">%3</p>")
             .arg(kMono, c.formula, esc(s.formula));
    // When the numbers say no more than the value itself (B_eff = B_HBM), show the value once.
    if (formatQuantity(s.value, s.unit) != s.substituted)
        h += QStringLiteral("<p style=\"margin:3px 0 0 0\">= %1</p>").arg(prose(s.substituted));
    h += QStringLiteral("<p style=\"margin:3px 0 0 0\">= <b>%1</b></p>").arg(value);
    if (!s.terms.empty())
        h += termsHtml(s.terms, c);
    return h + QStringLiteral("</td></tr>");
}

} // namespace

ExplainPanel::ExplainPanel(QWidget* parent)
    : QWidget(parent)
    , browser_(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("explainPanel"));
    browser_->setObjectName(QStringLiteral("explainBrowser"));
    browser_->setOpenLinks(false);
    browser_->setFrameShape(QFrame::NoFrame);
    browser_->setLineWrapMode(QTextEdit::WidgetWidth);
    // Long identifiers (tiers.ssd.read_pj_per_bit) may break anywhere rather than scroll sideways.
    browser_->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    browser_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    browser_->document()->setDocumentMargin(10);
    browser_->setAccessibleName(tr("Explanation"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(browser_);
    render();
}

QString ExplainPanel::placeholderHtml(const QPalette& palette)
{
    const Colors c(palette);
    return QStringLiteral("<p align=\"center\" style=\"margin-top:24px; color:%1\">%2</p>")
        .arg(c.muted,
            tr("Click a bar segment or a heatmap cell to see how its number is built.").toHtmlEscaped());
}

QString ExplainPanel::toHtml(const Explanation& ex, const QPalette& palette)
{
    if (ex.empty())
        return placeholderHtml(palette);
    const Colors c(palette);
    QString h = QStringLiteral("<html><body style=\"color:%1\">").arg(c.text);
    h += QStringLiteral("<p style=\"margin:0; font-size:large; font-weight:600\">%1</p>").arg(esc(ex.title));
    if (!ex.context.empty())
        h += QStringLiteral("<p style=\"margin:2px 0 0 0; color:%1; font-size:small\">%2</p>")
                 .arg(c.muted, contextHtml(ex.context));
    h += QStringLiteral("<p style=\"margin:8px 0 10px 0; font-size:large\">= <b>%1</b></p>")
             .arg(quantity(ex.value, ex.unit));
    h += QStringLiteral("<hr style=\"color:%1\">").arg(c.rule);
    h += QStringLiteral(
        "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" style=\"margin-top:8px\">");
    int i = 0;
    for (const auto& s : ex.steps)
        h += stepHtml(++i, s, c);
    h += QStringLiteral("</table>");
    if (!ex.note.empty()) {
        const bool warning = ex.note.find("Warning") != std::string::npos;
        h += QStringLiteral("<p style=\"margin:4px 0 0 0; color:%1; font-size:small\"><i>%2</i></p>")
                 .arg(warning ? c.warning : c.muted, esc(ex.note));
    }
    return h + QStringLiteral("</body></html>");
}

void ExplainPanel::showExplanation(const Explanation& explanation)
{
    if (explanation.empty())
        current_.reset();
    else
        current_ = explanation;
    render();
}

void ExplainPanel::clear()
{
    current_.reset();
    render();
}

void ExplainPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        render();
}

void ExplainPanel::render()
{
    browser_->setHtml(current_ ? toHtml(*current_, palette()) : placeholderHtml(palette()));
}

} // namespace tierlens
