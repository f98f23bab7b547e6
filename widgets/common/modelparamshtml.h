#pragma once
// The model's parameter counts (core/modelparams.h) as a rich-text table, shared by the import
// dialog and the model editor so that both show the very rows the CLI prints.

#include "core/model/modelparams.h"

#include <QObject>
#include <QString>

namespace tierlens {

/// The table by class. `narrow`: three columns, each count with its bytes under it (the model
/// editor's panel); otherwise five (the import dialog).
inline QString modelParamsHtml(const ModelSpec& m, bool narrow = false)
{
    const ModelParams p = countModelParams(m);
    QString html = narrow
        ? QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\"><tr><th align=\"left\">%1</th>"
                         "<th align=\"right\">%2</th><th align=\"right\">%3</th></tr>")
              .arg(QObject::tr("Parameters"), QObject::tr("total"), QObject::tr("per token"))
        : QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\"><tr><th align=\"left\">%1</th>"
                         "<th align=\"right\">%2</th><th align=\"right\">%3</th><th align=\"right\">%4</th>"
                         "<th align=\"right\">%5</th></tr>")
              .arg(QObject::tr("Parameters"), QObject::tr("total"), QObject::tr("bytes"),
                  QObject::tr("active per token"), QObject::tr("bytes"));
    const auto rows = modelParamsRows(p);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const bool total = i + 1 == rows.size();
        const QString open = total ? QStringLiteral("<b>") : QString();
        const QString close = total ? QStringLiteral("</b>") : QString();
        const QString label = QString::fromStdString(r.label).toHtmlEscaped();
        if (narrow)
            html += QStringLiteral("<tr><td>%6%1%7</td><td align=\"right\">%6%2%7<br><small>%3</small></td>"
                                   "<td align=\"right\">%6%4%7<br><small>%5</small></td></tr>")
                        .arg(label, QString::fromStdString(r.total), QString::fromStdString(r.totalBytes),
                            QString::fromStdString(r.active), QString::fromStdString(r.activeBytes), open,
                            close);
        else
            html += QStringLiteral(
                "<tr><td>%6%1%7</td><td align=\"right\">%6%2%7</td><td align=\"right\">%6%3%7</td>"
                "<td align=\"right\">%6%4%7</td><td align=\"right\">%6%5%7</td></tr>")
                        .arg(label, QString::fromStdString(r.total), QString::fromStdString(r.totalBytes),
                            QString::fromStdString(r.active), QString::fromStdString(r.activeBytes), open,
                            close);
    }
    return html + QStringLiteral("</table>");
}

/// "46.7 B total, 12.88 B active per token": the one-line summary.
inline QString modelParamsSummary(const ModelSpec& m)
{
    const ModelParams p = countModelParams(m);
    return QObject::tr("%1 total (%2), %3 active per token (%4)")
        .arg(QString::fromStdString(paramCountText(p.totalParams())),
            QString::fromStdString(paramBytesText(p.totalBytes())),
            QString::fromStdString(paramCountText(p.activePerToken())),
            QString::fromStdString(paramBytesText(p.activeBytes())));
}

} // namespace tierlens
