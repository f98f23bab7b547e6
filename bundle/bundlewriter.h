#pragma once

#include "bundle/bundle.h"

#include <QByteArray>
#include <QString>

namespace tierlens {

/// Writes bundles: `manifest.json` first (schema_version, app_version, created, and name, size and
/// SHA-256 of every other entry), then the entries, deflated.
class BundleWriter {
public:
    /// The manifest describing `b`'s entries, as JSON text.
    static QByteArray manifest(const Bundle& b);
    /// The whole archive in memory; empty with `error` set on failure.
    static QByteArray toZip(const Bundle& b, QString* error = nullptr);
    /// Writes the archive through AtomicFile (a failure leaves any earlier file intact); empty on
    /// success, else why it failed.
    static QString write(const QString& path, const Bundle& b);
    /// Lowercase hex SHA-256 of `data`, as the manifest lists it.
    static QString sha256(const QByteArray& data);
};

} // namespace tierlens
