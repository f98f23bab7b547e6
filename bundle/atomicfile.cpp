#include "bundle/atomicfile.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace tierlens {

QString AtomicFile::write(const QString& path, QByteArrayView data)
{
    QSaveFile f(path);
    // Unbuffered, every failed or short write shows here, before anything is renamed.
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return f.errorString();
    const qint64 written = f.write(data.data(), data.size());
    if (written != data.size()) {
        QString why = f.errorString();
        if (why.isEmpty() || f.error() == QFileDevice::NoError)
            why = QCoreApplication::translate(
                "AtomicFile", "only %1 of %2 bytes could be written (is the disk full?)")
                      .arg(qMax<qint64>(written, 0))
                      .arg(data.size());
        f.cancelWriting(); // the destructor then removes the temporary
        return why;
    }
    if (!f.commit())
        return f.errorString();
    return {};
}

} // namespace tierlens
