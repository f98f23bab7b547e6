#pragma once

#include <QByteArrayView>
#include <QString>

namespace tierlens {

/// Replaces a file all at once or not at all. QSaveFile alone is not enough: its writes are
/// buffered, and a write that fails only when the buffer is flushed inside commit() (a full disk)
/// is not counted against the save, so commit() still renames a truncated file over the good one.
class AtomicFile {
public:
    /// Writes `data` to `path` through a temporary beside it. Empty on success; else why, and the
    /// old file (if any) is untouched and no temporary is left.
    static QString write(const QString& path, QByteArrayView data);
};

} // namespace tierlens
