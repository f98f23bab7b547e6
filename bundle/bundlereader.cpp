#include "bundle/bundlereader.h"

#include "bundle/bundlemanifestcheck.h"
#include "core/io/jsontext.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>

namespace tierlens {

namespace {

struct EntryInfo {
    QString name;
    qint64 size = 0; // declared in the central directory
    qint64 compressed = 0;
    bool directory = false;
};

std::string mib(qint64 bytes)
{
    return std::to_string(bytes >> 20) + " MiB";
}

// Why `name` cannot be extracted under a target folder, or an empty string.
std::string nameProblem(const QString& name)
{
    if (name.isEmpty())
        return "has an empty name";
    if (name.size() > 255)
        return "has a name longer than 255 characters";
    for (QChar c : name)
        if (c.unicode() < 0x20 || c == QChar(0x7f))
            return "has a control character in its name";
    if (name.contains(QLatin1Char('\\')))
        return "uses a backslash in its name; expected a relative path with '/' separators";
    if (name.startsWith(QLatin1Char('/')))
        return "is an absolute path; expected a path relative to the bundle";
    if (name.size() >= 2 && name[1] == QLatin1Char(':'))
        return "starts with a drive letter; expected a path relative to the bundle";
    const bool directory = name.endsWith(QLatin1Char('/'));
    const QStringList parts = (directory ? name.chopped(1) : name).split(QLatin1Char('/'));
    for (const QString& part : parts) {
        if (part == QLatin1String(".."))
            return "has a \"..\" component, which would escape the folder it is extracted to";
        if (part.isEmpty() || part == QLatin1String("."))
            return "has an empty or \".\" path component";
    }
    return {};
}

// Every check that needs only the central directory, so a hostile entry is never inflated.
Problems checkDirectory(
    const std::vector<EntryInfo>& infos, const std::vector<quint32>& attributes, const std::string& source)
{
    Problems problems;
    const auto add = [&](const QString& entry, const std::string& what) {
        problems.push_back({ source + ": " + entry.toStdString(), what });
    };
    QSet<QString> names;
    QHash<QString, QString> folded;
    qint64 total = 0;
    for (std::size_t i = 0; i < infos.size(); ++i) {
        const EntryInfo& e = infos[i];
        if (const std::string why = nameProblem(e.name); !why.empty())
            add(e.name, why);
        // Unix mode in the high 16 bits of the external attributes: S_IFLNK marks a link.
        if (((attributes[i] >> 16) & 0170000) == 0120000)
            add(e.name, "is a symbolic link; a bundle holds only regular files");
        if (names.contains(e.name))
            add(e.name, "appears more than once; expected unique entry names");
        else if (const QString key = e.name.toCaseFolded(); folded.contains(key))
            add(e.name,
                "differs from \"" + folded.value(key).toStdString()
                    + "\" only in case; expected names unique on any file system");
        names.insert(e.name);
        folded.insert(e.name.toCaseFolded(), e.name);
        if (e.size > Bundle::kMaxEntryBytes)
            add(e.name,
                "inflates to " + std::to_string(e.size) + " bytes; at most " + mib(Bundle::kMaxEntryBytes)
                    + " per entry");
        if (e.size > Bundle::kRatioFloorBytes
            && double(e.size) > Bundle::kMaxCompressionRatio * double(std::max<qint64>(e.compressed, 1)))
            add(e.name,
                "is compressed " + std::to_string(e.size / std::max<qint64>(e.compressed, 1))
                    + " : 1; at most " + std::to_string(int(Bundle::kMaxCompressionRatio))
                    + " : 1 (a zip bomb otherwise)");
        total += std::max<qint64>(e.size, 0);
    }
    if (total > Bundle::kMaxTotalBytes)
        problems.push_back({ source,
            "inflates to " + std::to_string(total) + " bytes in all; at most "
                + mib(Bundle::kMaxTotalBytes) });
    return problems;
}

// Inflates the current entry, never past its declared size.
QByteArray inflate(QuaZip& zip, const EntryInfo& e, const std::string& source, Problems& problems)
{
    const std::string where = source + ": " + e.name.toStdString();
    QuaZipFile file(&zip);
    if (!file.open(QIODevice::ReadOnly)) {
        problems.push_back(
            { where, "cannot be inflated (zip error " + std::to_string(file.getZipError()) + ")" });
        return {};
    }
    QByteArray data;
    char chunk[64 * 1024];
    while (true) {
        const qint64 n = file.read(chunk, sizeof chunk);
        if (n < 0) {
            problems.push_back(
                { where, "is corrupt (zip error " + std::to_string(file.getZipError()) + ")" });
            return {};
        }
        if (n == 0)
            break;
        // Counted, not trusted: the declared size may lie.
        if (data.size() + n > e.size) {
            problems.push_back({ where,
                "inflates to more than the " + std::to_string(e.size) + " bytes the archive declares" });
            return {};
        }
        data.append(chunk, n);
    }
    file.close();
    if (file.getZipError() != UNZ_OK) {
        problems.push_back({ where, "fails its CRC check: the archive is corrupt" });
        return {};
    }
    if (data.size() != e.size) {
        problems.push_back({ where,
            "inflates to " + std::to_string(data.size()) + " bytes; the archive declares "
                + std::to_string(e.size) });
        return {};
    }
    return data;
}

} // namespace

bool BundleReader::isBundlePath(const QString& path)
{
    return path.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive);
}

Loaded<Bundle> BundleReader::read(const QString& path)
{
    const std::string source = QFileInfo(path).fileName().toStdString();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return { {}, { { source, "cannot be opened: " + f.errorString().toStdString() } } };
    if (f.size() > Bundle::kMaxArchiveBytes)
        return { {},
            { { source,
                "is " + std::to_string(f.size()) + " bytes; a bundle is at most "
                    + mib(Bundle::kMaxArchiveBytes) } } };
    // A pipe or device reports no size (/dev/zero says 0 and never ends): count while reading.
    QByteArray bytes;
    for (QByteArray chunk; !(chunk = f.read(1 << 20)).isEmpty();) {
        bytes += chunk;
        if (bytes.size() > Bundle::kMaxArchiveBytes)
            return { {},
                { { source,
                    "is larger than " + mib(Bundle::kMaxArchiveBytes) + "; a bundle is at most that" } } };
    }
    return fromBytes(bytes, source);
}

Loaded<Bundle> BundleReader::fromBytes(const QByteArray& zipBytes, const std::string& source)
{
    // All or nothing: a rejected archive yields no entries at all.
    Loaded<Bundle> r = readArchive(zipBytes, source);
    if (!r.ok())
        r.value = {};
    return r;
}

Loaded<Bundle> BundleReader::readArchive(const QByteArray& zipBytes, const std::string& source)
{
    Loaded<Bundle> r;
    if (zipBytes.size() > Bundle::kMaxArchiveBytes) {
        r.problems.push_back({ source, "is larger than " + mib(Bundle::kMaxArchiveBytes) });
        return r;
    }
    QByteArray bytes = zipBytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QuaZip zip(&buffer);
    if (!zip.open(QuaZip::mdUnzip)) {
        r.problems.push_back(
            { source, "is not a zip archive (zip error " + std::to_string(zip.getZipError()) + ")" });
        return r;
    }
    if (zip.getEntriesCount() > Bundle::kMaxEntries) {
        r.problems.push_back({ source,
            "has " + std::to_string(zip.getEntriesCount()) + " entries; at most "
                + std::to_string(Bundle::kMaxEntries) });
        return r;
    }
    std::vector<EntryInfo> infos;
    std::vector<quint32> attributes;
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFileInfo64 info;
        if (!zip.getCurrentFileInfo(&info)) {
            r.problems.push_back({ source, "has an unreadable central directory entry" });
            return r;
        }
        // 64-bit sizes are clamped so a huge declared size still fails the caps, not overflows.
        const auto clamp = [](quint64 v) { return qint64(std::min<quint64>(v, quint64(1) << 62)); };
        infos.push_back({ info.name, clamp(info.uncompressedSize), clamp(info.compressedSize),
            info.name.endsWith(QLatin1Char('/')) });
        attributes.push_back(info.externalAttr);
        if (info.isEncrypted())
            r.problems.push_back(
                { source + ": " + info.name.toStdString(), "is encrypted; bundles are not" });
    }
    if (zip.getZipError() != UNZ_OK)
        r.problems.push_back({ source,
            "has a corrupt central directory (zip error " + std::to_string(zip.getZipError()) + ")" });
    const Problems directory = checkDirectory(infos, attributes, source);
    r.problems.insert(r.problems.end(), directory.begin(), directory.end());
    if (!r.ok())
        return r;

    QByteArray manifest;
    bool haveManifest = false;
    std::size_t i = 0;
    for (bool more = zip.goToFirstFile(); more && i < infos.size(); more = zip.goToNextFile(), ++i) {
        const EntryInfo& e = infos[i];
        if (e.directory)
            continue;
        QByteArray data = inflate(zip, e, source, r.problems);
        if (e.name == Bundle::kManifest) {
            manifest = std::move(data);
            haveManifest = true;
        } else {
            r.value.entries.push_back({ e.name, std::move(data) });
        }
    }
    if (!r.ok())
        return r;
    if (!haveManifest) {
        r.problems.push_back(
            { source, "has no manifest.json; expected one listing every entry with its size and SHA-256" });
        return r;
    }
    r.problems = BundleManifestCheck::check(manifest, r.value, source);
    return r;
}

Loaded<nlohmann::json> BundleReader::entryJson(const Bundle& b, QLatin1String name, const std::string& source)
{
    const std::string where = source + ": " + std::string(name.data(), std::size_t(name.size()));
    const Bundle::Entry* e = b.find(name);
    if (!e)
        return { {}, { { where, "is missing" } } };
    return parseJsonText(std::string_view(e->data.constData(), std::size_t(e->data.size())), where);
}

Loaded<Workspace> BundleReader::workspace(
    const Bundle& b, const std::string& source, const PresetLibrary& lib)
{
    auto j = entryJson(b, Bundle::kWorkspace, source);
    if (!j.ok())
        return { {}, j.problems };
    auto r = tierlens::loadWorkspace(j.value, lib);
    for (auto& p : r.problems)
        p.path
            = source + ": " + std::string(Bundle::kWorkspace.data()) + (p.path.empty() ? "" : ": " + p.path);
    return r;
}

Loaded<Workspace> BundleReader::loadWorkspace(const QString& path, const PresetLibrary& lib)
{
    const auto b = read(path);
    if (!b.ok())
        return { {}, b.problems };
    return workspace(b.value, QFileInfo(path).fileName().toStdString(), lib);
}

} // namespace tierlens
