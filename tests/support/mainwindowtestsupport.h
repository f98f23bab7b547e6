#pragma once
// The window as the app tests start it: shown, without modal dialogs, with a study loaded and
// its numbers on screen.

#include "app/mainwindow.h"
#include "document/recomputer.h"

#include <QApplication>
#include <QSize>
#include <QtTest/QTest>

namespace tierlens::test {

/// A window as each app test case starts with: the test's own settings, no modal dialogs, shown at
/// 1400 × 900 with the default scenario's numbers on screen. The caller deletes it.
inline MainWindow* newShownWindow()
{
    QApplication::setOrganizationName(QStringLiteral("Tierlens-test"));
    auto* w = new MainWindow;
    w->setInteractive(false);
    w->resize(1400, 900);
    w->show();
    QApplication::processEvents();
    return w;
}

/// Shows `w` at `size`, loads the study preset `study` and waits for its result; false (after a
/// warning saying which step) when the study does not load or the result does not come.
inline bool showWindowWithStudy(MainWindow& w, const QString& study, QSize size = { 1400, 900 })
{
    w.setInteractive(false);
    w.resize(size);
    w.show();
    if (!w.loadPreset(PresetKind::Study, study)) {
        qWarning("study %s did not load: %s", qPrintable(study), qPrintable(w.lastMessage()));
        return false;
    }
    w.recomputer()->recomputeNow();
    if (!QTest::qWaitFor([&w] { return !w.recomputer()->busy(); })) {
        qWarning("the result of %s did not come", qPrintable(study));
        return false;
    }
    QApplication::processEvents();
    return true;
}

} // namespace tierlens::test
