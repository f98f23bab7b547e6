#include "bundle/bundlewriter.h"

#include "bundle/atomicfile.h"
#include "bundle/bundlereader.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

namespace tierlens {

QString BundleWriter::sha256(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QByteArray BundleWriter::manifest(const Bundle& b)
{
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& e : b.entries)
        entries.push_back({ { "name", e.name.toStdString() }, { "size", e.data.size() },
            { "sha256", sha256(e.data).toStdString() } });
    const nlohmann::json m = {
        { "schema_version", Bundle::kSchemaVersion },
        { "app_version", TIERLENS_VERSION },
        { "created", QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString() },
        { "entries", entries },
    };
    return QByteArray::fromStdString(m.dump(2) + "\n");
}

QByteArray BundleWriter::toZip(const Bundle& b, QString* error)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    QuaZip zip(&buffer);
    const auto fail = [&](const QString& why) {
        if (error)
            *error = why;
        return QByteArray();
    };
    if (!zip.open(QuaZip::mdCreate))
        return fail(QStringLiteral("cannot create the archive (zip error %1)").arg(zip.getZipError()));
    const auto add = [&](const QString& name, const QByteArray& data) {
        QuaZipNewInfo info(name);
        info.dateTime = QDateTime::currentDateTimeUtc();
        // A regular file, rw-r--r--: extractors then create plain files, never links.
        info.externalAttr = quint32(0100644) << 16;
        QuaZipFile file(&zip);
        if (!file.open(QIODevice::WriteOnly, info))
            return false;
        const bool written = file.write(data) == data.size();
        file.close();
        return written && file.getZipError() == 0;
    };
    if (!add(Bundle::kManifest, manifest(b)))
        return fail(QStringLiteral("cannot add %1").arg(Bundle::kManifest));
    for (const auto& e : b.entries)
        if (!add(e.name, e.data))
            return fail(QStringLiteral("cannot add %1").arg(e.name));
    zip.close();
    if (zip.getZipError() != 0)
        return fail(QStringLiteral("cannot finish the archive (zip error %1)").arg(zip.getZipError()));
    return buffer.data();
}

QString BundleWriter::write(const QString& path, const Bundle& b)
{
    QString error;
    const QByteArray bytes = toZip(b, &error);
    if (bytes.isEmpty())
        return path + QStringLiteral(": ") + error;
    // Read it back with the reader's own checks: a bundle nobody can open must not be written.
    if (const auto back = BundleReader::fromBytes(bytes, QFileInfo(path).fileName().toStdString());
        !back.ok())
        return path + QStringLiteral(": not written, the bundle would be refused when opened: ")
            + QString::fromStdString(back.problems.front().toString());
    if (const QString why = AtomicFile::write(path, bytes); !why.isEmpty())
        return path + QStringLiteral(": cannot write: ") + why;
    return {};
}

} // namespace tierlens
