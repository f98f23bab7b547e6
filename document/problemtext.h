#pragma once
// Problems as the text of a message box: one per line, each naming its file or field.

#include "core/data/problem.h"

#include <QString>
#include <QStringList>

namespace tierlens {

inline QString problemText(const Problems& problems)
{
    QStringList lines;
    for (const auto& p : problems)
        lines << QString::fromStdString(p.toString());
    return lines.join(QLatin1Char('\n'));
}

} // namespace tierlens
