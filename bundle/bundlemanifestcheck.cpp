#include "bundle/bundlemanifestcheck.h"

#include "bundle/bundlewriter.h"
#include "core/io/jsontext.h"

#include <QSet>

namespace tierlens {

Problems BundleManifestCheck::check(const QByteArray& manifest, const Bundle& b, const std::string& source)
{
    const std::string where = source + ": " + std::string(Bundle::kManifest.data());
    auto parsed = parseJsonText(std::string_view(manifest.constData(), std::size_t(manifest.size())), where);
    if (!parsed.ok())
        return parsed.problems;
    const nlohmann::json& m = parsed.value;
    Problems problems;
    if (!m.is_object())
        return { { where, "must be a JSON object" } };
    const auto version = m.find("schema_version");
    if (version == m.end() || !version->is_number_integer())
        problems.push_back({ where + ": schema_version", "must be a whole number" });
    else if (version->get<long long>() != Bundle::kSchemaVersion)
        problems.push_back({ where + ": schema_version",
            "is " + version->dump() + "; this version reads " + std::to_string(Bundle::kSchemaVersion) });
    const auto entries = m.find("entries");
    if (entries == m.end() || !entries->is_array()) {
        problems.push_back({ where + ": entries", "must be an array of {name, size, sha256}" });
        return problems;
    }
    QSet<QString> listed;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const nlohmann::json& e = (*entries)[i];
        const std::string at = where + ": entries[" + std::to_string(i) + "]";
        if (!e.is_object() || !e.contains("name") || !e["name"].is_string() || !e.contains("size")
            || !e["size"].is_number_unsigned() || !e.contains("sha256") || !e["sha256"].is_string()) {
            problems.push_back({ at, "must be {\"name\": text, \"size\": bytes, \"sha256\": hex}" });
            continue;
        }
        const QString name = QString::fromStdString(e["name"].get<std::string>());
        const std::string entryWhere = source + ": " + name.toStdString();
        if (listed.contains(name)) {
            problems.push_back({ at, "lists " + name.toStdString() + " twice" });
            continue;
        }
        listed.insert(name);
        const Bundle::Entry* actual = nullptr;
        for (const auto& candidate : b.entries)
            if (candidate.name == name)
                actual = &candidate;
        if (!actual) {
            problems.push_back({ entryWhere, "is listed in the manifest but not in the archive" });
            continue;
        }
        const auto size = e["size"].get<unsigned long long>();
        if (size != static_cast<unsigned long long>(actual->data.size()))
            problems.push_back({ entryWhere,
                "is " + std::to_string(actual->data.size()) + " bytes; the manifest says "
                    + std::to_string(size) });
        const std::string sha = BundleWriter::sha256(actual->data).toStdString();
        if (e["sha256"].get<std::string>() != sha)
            problems.push_back({ entryWhere,
                "has SHA-256 " + sha + "; the manifest says " + e["sha256"].get<std::string>() });
    }
    for (const auto& e : b.entries)
        if (!listed.contains(e.name))
            problems.push_back(
                { source + ": " + e.name.toStdString(), "is in the archive but not in the manifest" });
    return problems;
}

} // namespace tierlens
