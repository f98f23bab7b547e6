#pragma once

#include "core/data/problem.h"
#include "core/data/workspace.h"

#include <nlohmann/json.hpp>

#include <QString>

namespace tierlens {

class PresetLibrary;

/// Reading and writing `.tierlens.json` files. Reading never changes anything on failure; writing
/// goes through AtomicFile, so a failed save (a full disk) leaves the old file intact.
class WorkspaceFile {
public:
    static constexpr qint64 kMaxBytes = 16 * 1024 * 1024;

    /// Problems name the file and the JSON path or line and column.
    static Loaded<Workspace> load(const QString& path, const PresetLibrary& lib);
    /// Empty on success, else why it failed.
    static QString save(const QString& path, const Workspace& w);

    /// The JSON document of a file of at most kMaxBytes; problems name the file.
    static Loaded<nlohmann::json> readJson(const QString& path);
    /// Writes `j` indented, all or nothing. Empty on success, else why it failed.
    static QString writeJson(const QString& path, const nlohmann::json& j);
};

} // namespace tierlens
