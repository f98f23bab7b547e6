#include "app/workspacefile.h"

#include "bundle/atomicfile.h"
#include "core/io/jsontext.h"
#include "core/io/presetlibrary.h"

#include <QFileInfo>

namespace tierlens {

Loaded<Workspace> WorkspaceFile::load(const QString& path, const PresetLibrary& lib)
{
    const auto j = readJson(path);
    if (!j.ok())
        return { {}, j.problems };
    auto r = loadWorkspace(j.value, lib);
    const std::string name = QFileInfo(path).fileName().toStdString();
    for (auto& p : r.problems)
        p.path = name + ": " + p.path;
    return r;
}

QString WorkspaceFile::save(const QString& path, const Workspace& w)
{
    return writeJson(path, toJson(w));
}

Loaded<nlohmann::json> WorkspaceFile::readJson(const QString& path)
{
    // The core's reader counts bytes while reading: a device or a pipe (/dev/zero) has no size
    // to check up front and would otherwise be read until memory runs out.
    const std::string name = QFileInfo(path).fileName().toStdString();
    const auto text = readTextFile(path.toStdString(), kMaxBytes);
    if (!text.ok())
        return { {}, text.problems };
    return parseJsonText(text.value, name);
}

QString WorkspaceFile::writeJson(const QString& path, const nlohmann::json& j)
{
    const std::string text = j.dump(2) + "\n";
    return AtomicFile::write(path, QByteArrayView(text.data(), qsizetype(text.size())));
}

} // namespace tierlens
