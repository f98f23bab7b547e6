#pragma once

#include "problem.h"
#include "workspace.h"

#include <QString>

namespace tierlens {

class PresetLibrary;

/// Reading and writing `.tierlens.json` files. Reading never changes anything on failure; writing
/// goes through QSaveFile, so a failed save leaves the old file intact.
class WorkspaceFile {
public:
    static constexpr qint64 kMaxBytes = 16 * 1024 * 1024;

    /// Problems name the file and the JSON path or line and column.
    static Loaded<Workspace> load(const QString& path, const PresetLibrary& lib);
    /// Empty on success, else why it failed.
    static QString save(const QString& path, const Workspace& w);
};

} // namespace tierlens
