#include "workspacefile.h"

#include "atomicfile.h"
#include "jsontext.h"
#include "presetlibrary.h"

#include <QFile>
#include <QFileInfo>

namespace tierlens {

Loaded<Workspace> WorkspaceFile::load(const QString& path, const PresetLibrary& lib)
{
    const auto j = readJson(path);
    if (!j.ok())
        return {{}, j.problems};
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
    Loaded<nlohmann::json> r;
    const std::string name = QFileInfo(path).fileName().toStdString();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        r.problems.push_back({name, "cannot be opened: " + f.errorString().toStdString()});
        return r;
    }
    if (f.size() > kMaxBytes) {
        r.problems.push_back({name, "is larger than 16 MiB; a scenario file is a few kilobytes"});
        return r;
    }
    const QByteArray bytes = f.readAll();
    return parseJsonText(std::string_view(bytes.constData(), std::size_t(bytes.size())), name);
}

QString WorkspaceFile::writeJson(const QString& path, const nlohmann::json& j)
{
    const std::string text = j.dump(2) + "\n";
    return AtomicFile::write(path, QByteArrayView(text.data(), qsizetype(text.size())));
}

} // namespace tierlens
