#pragma once
// Reading and writing the numeric fields of a struct through its FieldSpec table.

#include "core/data/fieldspec.h"
#include "core/data/problem.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace tierlens::jsonio {

using nlohmann::json;

inline std::string join(std::string_view path, std::string_view key)
{
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

inline std::string typeName(const json& j)
{
    return j.type_name();
}

/// Reads a number at j[key] into v. Reports a missing key only when required.
inline bool readNumber(const json& j, std::string_view key, double& v, bool integer, const std::string& path,
    Problems& out, bool required = true)
{
    const auto it = j.find(key);
    if (it == j.end()) {
        if (required)
            out.push_back({ path, "is missing (a number is required)" });
        return false;
    }
    if (!it->is_number()) {
        out.push_back({ path, "must be a number, got " + typeName(*it) });
        return false;
    }
    const double d = it->get<double>();
    if (!std::isfinite(d)) {
        out.push_back({ path, "must be a finite number" });
        return false;
    }
    if (integer && d != std::floor(d)) {
        out.push_back({ path, "must be a whole number, got " + it->dump() });
        return false;
    }
    if (integer && std::fabs(d) > 2147483647.0) {
        out.push_back({ path, "is too large for a count (at most 2147483647), got " + it->dump() });
        return false;
    }
    v = d;
    return true;
}

template <class S>
void readFields(
    const json& j, S& s, std::span<const FieldSpec<S>> fields, std::string_view path, Problems& out)
{
    for (const auto& f : fields) {
        double v = 0;
        if (readNumber(j, f.key, v, fieldIsInteger(f), join(path, f.key), out, !f.optional))
            setFieldValue(s, f, v);
    }
}

template <class S> void writeFields(json& j, const S& s, std::span<const FieldSpec<S>> fields)
{
    for (const auto& f : fields) {
        if (fieldIsInteger(f))
            j[std::string(f.key)] = static_cast<long long>(fieldValue(s, f));
        else
            j[std::string(f.key)] = fieldValue(s, f);
    }
}

inline bool readString(const json& j, std::string_view key, std::string& v, const std::string& path,
    Problems& out, bool required = true)
{
    const auto it = j.find(key);
    if (it == j.end()) {
        if (required)
            out.push_back({ path, "is missing (a string is required)" });
        return false;
    }
    if (!it->is_string()) {
        out.push_back({ path, "must be a string, got " + typeName(*it) });
        return false;
    }
    v = it->get<std::string>();
    return true;
}

inline bool readBool(const json& j, std::string_view key, bool& v, const std::string& path, Problems& out)
{
    const auto it = j.find(key);
    if (it == j.end())
        return false;
    if (!it->is_boolean()) {
        out.push_back({ path, "must be true or false, got " + typeName(*it) });
        return false;
    }
    v = it->get<bool>();
    return true;
}

/// Requires j to be an object; reports it under path otherwise.
inline bool expectObject(const json& j, const std::string& path, Problems& out)
{
    if (j.is_object())
        return true;
    out.push_back({ path, "must be an object, got " + typeName(j) });
    return false;
}

/// Reports keys of j that are neither fields nor in `extra` (catches typos such as "read_pj_per_bt").
template <class S>
void reportUnknownKeys(const json& j, std::span<const FieldSpec<S>> fields,
    std::initializer_list<std::string_view> extra, std::string_view path, Problems& out)
{
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        if (findField(fields, k))
            continue;
        bool known = k == "description" || k == "source" || k == "notes";
        for (auto e : extra)
            known = known || e == k;
        if (!known)
            out.push_back({ join(path, k), "is not a known field" });
    }
}

} // namespace tierlens::jsonio
