#pragma once

#include "bundle/bundle.h"
#include "core/data/problem.h"
#include "core/data/workspace.h"

#include <nlohmann/json.hpp>

#include <string>

namespace tierlens {

class PresetLibrary;

/// Reads bundles without trusting them. Everything is checked before anything is returned: entry
/// names (no "..", absolute paths, drive letters or backslashes), no links, no duplicate names (nor
/// names differing only in case), sizes and compression ratio from the central directory against
/// the caps in Bundle before inflating, bytes counted while inflating, CRCs, and the manifest
/// against the entries (every one listed, nothing more, sizes and SHA-256 equal). Each problem
/// names the bundle file and the entry, and says what was expected.
class BundleReader {
public:
    /// True for a `.zip` path (a bundle rather than a workspace JSON).
    static bool isBundlePath(const QString& path);
    static Loaded<Bundle> read(const QString& path);
    /// `source` names the archive in problems.
    static Loaded<Bundle> fromBytes(const QByteArray& zip, const std::string& source);

    /// An entry parsed as JSON; syntax errors give the entry and line:column.
    static Loaded<nlohmann::json> entryJson(const Bundle& b, QLatin1String name, const std::string& source);
    /// The bundle's workspace (workspace.tierlens.json).
    static Loaded<Workspace> workspace(const Bundle& b, const std::string& source, const PresetLibrary& lib);
    /// read() then workspace(): what the window opens.
    static Loaded<Workspace> loadWorkspace(const QString& path, const PresetLibrary& lib);

private:
    static Loaded<Bundle> readArchive(const QByteArray& zip, const std::string& source);
};

} // namespace tierlens
