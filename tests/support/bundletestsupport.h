#pragma once
// Builds zip archives entry by entry with QuaZip, so tests can make hostile bundles that the
// writer itself would never produce.

#include "bundle/bundle.h"
#include "bundle/bundlewriter.h"

#include <QBuffer>
#include <QtTest/QTest>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

#include <vector>

namespace tierlens::test {

struct RawEntry {
    QString name;
    QByteArray data;
    quint32 externalAttr = quint32(0100644) << 16; ///< Unix mode in the high half
    bool stored = false; ///< no compression
};

inline QByteArray zipOf(const std::vector<RawEntry>& entries)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    QuaZip zip(&buffer);
    if (!zip.open(QuaZip::mdCreate))
        qFatal("cannot create a zip in memory");
    for (const auto& e : entries) {
        QuaZipNewInfo info(e.name);
        info.externalAttr = e.externalAttr;
        QuaZipFile file(&zip);
        const bool opened = e.stored ? file.open(QIODevice::WriteOnly, info, nullptr, 0, 0, 0)
                                     : file.open(QIODevice::WriteOnly, info);
        if (!opened || file.write(e.data) != e.data.size())
            qFatal("cannot add %s to a zip", qPrintable(e.name));
        file.close();
    }
    zip.close();
    return buffer.data();
}

/// A manifest for `entries` (correct sizes and checksums) followed by the entries.
inline std::vector<RawEntry> withManifest(std::vector<RawEntry> entries)
{
    Bundle b;
    for (const auto& e : entries)
        b.entries.push_back({ e.name, e.data });
    entries.insert(entries.begin(), RawEntry { QString(Bundle::kManifest), BundleWriter::manifest(b) });
    return entries;
}

} // namespace tierlens::test
