#include "document/problemtext.h"

#include "core/data/workspace.h"

#include <QRegularExpression>

namespace tierlens {

QString problemPath(const Workspace& w, const std::string& jsonPath)
{
    // The evaluation prefixes the heatmap baseline's problems; its items are the baseline's.
    static const QRegularExpression item(
        QStringLiteral("^(heatmap\\.baseline\\.)?(tiers|links)\\[(\\d+)\\]"));
    const QString path = QString::fromStdString(jsonPath);
    const auto m = item.match(path);
    if (!m.hasMatch())
        return path;
    const bool baseline = !m.captured(1).isEmpty();
    if (baseline && !w.heatmap.baseline)
        return path;
    const Scenario& s = baseline ? *w.heatmap.baseline : w.scenario;
    const bool tiers = m.captured(2) == QLatin1String("tiers");
    const std::size_t i = m.captured(3).toULongLong();
    if (i >= (tiers ? s.tiers.size() : s.links.size()))
        return path;
    const std::string& id = tiers ? s.tiers[i].id : s.links[i].id;
    // An empty id cannot name the item; keep the index then.
    if (id.empty())
        return path;
    return m.captured(1) + m.captured(2) + QLatin1Char('.') + QString::fromStdString(id)
        + path.mid(m.capturedLength());
}

QString problemLine(const Workspace& w, const Problem& p)
{
    const QString path = problemPath(w, p.path);
    const QString message = QString::fromStdString(p.message);
    return path.isEmpty() ? message : path + QStringLiteral(": ") + message;
}

} // namespace tierlens
