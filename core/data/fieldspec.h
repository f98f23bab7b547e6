#pragma once
// One table per plain-data struct describes its numeric fields. The same table drives JSON I/O,
// validation ranges, ParamPath get/set and the editors' units and tooltips, so adding a parameter
// is a one-line change.

#include <limits>
#include <span>
#include <string_view>
#include <variant>

namespace tierlens {

/// Description of one numeric field of struct S.
template <class S> struct FieldSpec {
    std::string_view key; ///< JSON key and ParamPath segment
    std::variant<double S::*, int S::*> member;
    std::string_view unit; ///< shown next to the value ("GB/s", "pJ/bit")
    double min = 0.0; ///< smallest allowed value
    bool minExclusive = false; ///< true: the value must be strictly greater than min
    double max = 1e15; ///< largest allowed value (guards against absurd input)
    std::string_view help; ///< what it means and where its default comes from
    bool optional = false; ///< may be absent from JSON; the struct's default is kept then
};

template <class S> double fieldValue(const S& s, const FieldSpec<S>& f)
{
    return std::visit([&](auto m) { return static_cast<double>(s.*m); }, f.member);
}

template <class S> void setFieldValue(S& s, const FieldSpec<S>& f, double v)
{
    std::visit(
        [&](auto m) {
            using T = std::remove_reference_t<decltype(s.*m)>;
            s.*m = static_cast<T>(v);
        },
        f.member);
}

template <class S> bool fieldIsInteger(const FieldSpec<S>& f)
{
    return std::holds_alternative<int S::*>(f.member);
}

/// Looks a field up by key; nullptr when S has no such field.
template <class S> const FieldSpec<S>* findField(std::span<const FieldSpec<S>> fields, std::string_view key)
{
    for (const auto& f : fields)
        if (f.key == key)
            return &f;
    return nullptr;
}

} // namespace tierlens
