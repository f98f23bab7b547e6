#include "core/data/viewsettings.h"

#include "core/io/jsonfields.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace tierlens {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 8> kKeys { "axis", "reference", "title", "palette", "legend", "values",
    "panels", "range_mode" };

} // namespace

const char* breakdownAxisName(BreakdownAxis a)
{
    switch (a) {
    case BreakdownAxis::Linear:
        return "linear";
    case BreakdownAxis::Log:
        return "log";
    case BreakdownAxis::Normalised:
        break;
    }
    return "normalised";
}

std::optional<BreakdownAxis> breakdownAxisFromName(const std::string& name)
{
    for (BreakdownAxis a : { BreakdownAxis::Normalised, BreakdownAxis::Linear, BreakdownAxis::Log })
        if (name == breakdownAxisName(a))
            return a;
    return std::nullopt;
}

const char* paletteName(ViewSettings::Palette p)
{
    return p == ViewSettings::Palette::Grayscale ? "grayscale" : "colorblind";
}

json toJson(const ViewSettings& v)
{
    json j = json::object();
    if (v.axis)
        j["axis"] = breakdownAxisName(*v.axis);
    if (v.reference)
        j["reference"] = *v.reference;
    if (!v.title.empty())
        j["title"] = v.title;
    j["palette"] = paletteName(v.palette);
    j["legend"] = v.legend;
    j["values"] = v.values;
    j["panels"] = v.panels;
    if (v.rangeMode) // off is the default; files saved before range mode stay as they were
        j["range_mode"] = true;
    return j;
}

ViewSettings viewSettingsFromJson(const json& j, const std::string& path, Problems& out)
{
    using namespace jsonio;
    ViewSettings v;
    if (!expectObject(j, path, out))
        return v;
    for (auto it = j.begin(); it != j.end(); ++it)
        if (std::find(kKeys.begin(), kKeys.end(), it.key()) == kKeys.end())
            out.push_back({ join(path, it.key()),
                "is not a view setting (axis, reference, title, palette, legend, values, panels, "
                "range_mode)" });
    std::string axis;
    if (j.contains("axis") && !j["axis"].is_null() && readString(j, "axis", axis, join(path, "axis"), out)) {
        v.axis = breakdownAxisFromName(axis);
        if (!v.axis)
            out.push_back({ join(path, "axis"), "must be normalised, linear or log, got \"" + axis + "\"" });
    }
    std::string reference;
    if (j.contains("reference") && !j["reference"].is_null()
        && readString(j, "reference", reference, join(path, "reference"), out))
        v.reference = reference;
    readString(j, "title", v.title, join(path, "title"), out, false);
    std::string palette;
    if (readString(j, "palette", palette, join(path, "palette"), out, false)) {
        if (palette == paletteName(ViewSettings::Palette::Grayscale))
            v.palette = ViewSettings::Palette::Grayscale;
        else if (palette != paletteName(ViewSettings::Palette::ColorBlindSafe))
            out.push_back(
                { join(path, "palette"), "must be colorblind or grayscale, got \"" + palette + "\"" });
    }
    readBool(j, "legend", v.legend, join(path, "legend"), out);
    readBool(j, "values", v.values, join(path, "values"), out);
    readBool(j, "panels", v.panels, join(path, "panels"), out);
    readBool(j, "range_mode", v.rangeMode, join(path, "range_mode"), out);
    return v;
}

} // namespace tierlens
