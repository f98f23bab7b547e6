#pragma once

#include <QByteArray>
#include <QLatin1String>
#include <QString>

#include <vector>

namespace tierlens {

/// The contents of a shareable `.tierlens.zip`: named files besides `manifest.json`, which the
/// writer derives from them and the reader checks them against. The caps bound what a reader
/// inflates, so a hostile archive cannot exhaust memory or disk.
struct Bundle {
    struct Entry {
        QString name; ///< relative, '/'-separated, e.g. "figures/energy.svg"
        QByteArray data;
    };

    static constexpr int kSchemaVersion = 1;
    static constexpr qint64 kMaxArchiveBytes = 64LL << 20; ///< the .zip file itself
    static constexpr qint64 kMaxEntryBytes = 16LL << 20; ///< one inflated entry
    static constexpr qint64 kMaxTotalBytes = 64LL << 20; ///< all inflated entries together
    static constexpr int kMaxEntries = 256;
    /// Inflated / compressed size above this is treated as a zip bomb, for entries larger than
    /// kRatioFloorBytes (tiny files compress oddly and are harmless).
    static constexpr double kMaxCompressionRatio = 100;
    static constexpr qint64 kRatioFloorBytes = 64LL << 10;

    static constexpr QLatin1String kManifest { "manifest.json" };
    static constexpr QLatin1String kWorkspace { "workspace.tierlens.json" };
    static constexpr QLatin1String kWorkspaceCsv { "workspace.csv" };
    static constexpr QLatin1String kStudy { "study.json" };
    static constexpr QLatin1String kStudyCsv { "study.csv" };
    static constexpr QLatin1String kReadme { "README.txt" };

    std::vector<Entry> entries;

    /// The entry called `name`, or nullptr.
    const Entry* find(QLatin1String name) const
    {
        for (const auto& e : entries)
            if (e.name == name)
                return &e;
        return nullptr;
    }
};

} // namespace tierlens
