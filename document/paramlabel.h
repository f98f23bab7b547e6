#pragma once

#include "core/data/parampath.h"

#include <QLocale>
#include <QString>

#include <string_view>
#include <vector>

namespace tierlens {

/// The name a person reads for a ParamPath: "tiers.ssd.read_pj_per_bit" is "SSD read energy
/// (pJ/bit)", with the tier or link named as the scenario names it. Axis pickers, axis titles, the
/// Undo menu and Goal Seek show these; the JSON path stays in tooltips and on the command line.
class ParamLabel {
public:
    /// Name and unit, or the path itself when the scenario has no such number.
    static QString text(const Scenario& s, std::string_view path);
    static QString text(const Scenario& s, const ParamInfo& info);
    /// The name alone ("SSD read energy").
    static QString name(const Scenario& s, std::string_view path);
    /// Row label of a field key ("hbm_read_pj_per_bit" → "HBM read energy").
    static QString field(std::string_view key);
    /// Every field label, so forms can line their label columns up.
    static std::vector<QString> fieldNames();
    /// What a field means, where its default comes from, its path and range: the tooltip of every
    /// spin box, form label and table cell that edits it.
    static QString toolTip(const ParamInfo& info);
    /// A number as the editors print it: locale decimal point, no trailing zeros, no grouping.
    static QString number(double v, const QLocale& locale = QLocale());
};

} // namespace tierlens
