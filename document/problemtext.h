#pragma once
// Problems as people read them: one per line, each naming its file or field.

#include "core/data/problem.h"

#include <QString>
#include <QStringList>

namespace tierlens {

struct Workspace;

/// Problems of a file or an import, one per line, each with its JSON path.
inline QString problemText(const Problems& problems)
{
    QStringList lines;
    for (const auto& p : problems)
        lines << QString::fromStdString(p.toString());
    return lines.join(QLatin1Char('\n'));
}

/// The field of a problem of `w` as the editors name it: a tier or link by its id, as tooltips,
/// Goal Seek and `--set` do ("tiers.ssd.bandwidth_gb_s"), rather than by its index in the JSON
/// ("tiers[1].bandwidth_gb_s"). Paths that name no listed item stay as they are.
QString problemPath(const Workspace& w, const std::string& jsonPath);
/// "path: message", with problemPath(): the one line of a problem in the editor panel and the banner.
QString problemLine(const Workspace& w, const Problem& p);

} // namespace tierlens
