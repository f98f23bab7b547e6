// The validation gallery in the window: one row per published number, coloured by outcome;
// double-click opens the study behind it.
#include "app/mainwindow.h"
#include "core/io/presetlibrary.h"
#include "core/study/papercheck.h"
#include "document/workspacedocument.h"
#include "tests/support/testsupport.h"
#include "widgets/views/validationgallery.h"

#include <QApplication>
#include <QDockWidget>
#include <QTableWidget>

#include <cctype>

using namespace tierlens;

class TestValidationGallery : public QObject {
    Q_OBJECT
private slots:
    void rowsFollowTheChecks();
    void doubleClickOpensTheStudy();
};

void TestValidationGallery::rowsFollowTheChecks()
{
    ValidationGallery gallery(PresetLibrary::builtin());
    const auto& checks = paperChecks();
    QTableWidget* t = gallery.table();
    QCOMPARE(t->rowCount(), int(checks.size()));
    const PaperRuns runs(PresetLibrary::builtin());
    int passed = 0, paper = 0, measured = 0;
    for (int row = 0; row < t->rowCount(); ++row) {
        const PaperCheck& c = checks[std::size_t(row)];
        const PaperCheckResult r = runPaperCheck(c, runs);
        const QString outcome = t->item(row, ValidationGallery::Outcome)->text();
        QCOMPARE(outcome,
            c.measured() && r.pass() ? QStringLiteral("measured") : ValidationGallery::outcomeText(r.status));
        QCOMPARE(t->item(row, ValidationGallery::Tolerance)->text().toStdString(), paperToleranceText(c));
        QCOMPARE(t->item(row, ValidationGallery::Check)->text().toStdString(), c.description);
        QVERIFY(t->item(row, ValidationGallery::Ours)->text().startsWith(QString::number(r.ours, 'g', 4)));
        QVERIFY(t->item(row, ValidationGallery::Check)
                    ->toolTip()
                    .contains(QString::fromStdString(c.how).toHtmlEscaped()));
        // Measured rows are counted apart and cite their measurement.
        if (c.measured()) {
            ++measured;
            QVERIFY(t->item(row, ValidationGallery::Check)->toolTip().contains(QStringLiteral("Measured:")));
            QVERIFY(t->item(row, ValidationGallery::Difference)->text().endsWith(QStringLiteral("%")));
            continue;
        }
        ++paper;
        passed += r.pass() ? 1 : 0;
    }
    // The three outcomes read and look different.
    QVERIFY(ValidationGallery::outcomeText(PaperStatus::Pass)
        != ValidationGallery::outcomeText(PaperStatus::Deviation));
    QVERIFY(ValidationGallery::outcomeText(PaperStatus::Fail)
        != ValidationGallery::outcomeText(PaperStatus::Deviation));
    // All 40 cells of the reference's flash-scaling table are rows.
    int fig6Cells = 0;
    for (const auto& c : checks)
        fig6Cells
            += c.id.rfind("fig6.b", 0) == 0 && std::isdigit(static_cast<unsigned char>(c.id[6])) ? 1 : 0;
    QCOMPARE(fig6Cells, 40);
    // Table 2's bundling row is a documented deviation: its own status, its reason in the tooltip,
    // its own colour.
    int bundling = -1;
    for (int row = 0; row < t->rowCount(); ++row)
        if (checks[std::size_t(row)].id == "flash.table2.bundling")
            bundling = row;
    QVERIFY(bundling >= 0);
    QCOMPARE(t->item(bundling, ValidationGallery::Outcome)->text(), QStringLiteral("deviation"));
    QVERIFY(
        t->item(bundling, ValidationGallery::Check)->toolTip().contains(QStringLiteral("Known deviation")));
    QVERIFY(t->item(0, 0)->background() != t->item(bundling, 0)->background());
    QVERIFY(gallery.summaryText().contains(QStringLiteral("%1 of %2").arg(passed).arg(paper)));
    QVERIFY(measured > 0);
    QVERIFY(gallery.summaryText().contains(QStringLiteral("%1 of %1 measured").arg(measured)));
    QVERIFY(gallery.summaryText().contains(QStringLiteral("Documented deviations")));
    QVERIFY(!gallery.summaryText().contains(QStringLiteral("Not reproduced")));
}

void TestValidationGallery::doubleClickOpensTheStudy()
{
    QApplication::setOrganizationName(QStringLiteral("Tierlens-test"));
    MainWindow w;
    w.setInteractive(false);
    w.show();
    w.showValidationGallery();
    QApplication::processEvents();
    QVERIFY(w.validationGalleryDock()->isVisible());
    const auto& checks = paperChecks();
    int row = -1;
    for (std::size_t i = 0; i < checks.size(); ++i)
        if (checks[i].id == "fig5.deepseek-r1.latency-b1024")
            row = int(i);
    QVERIFY(row >= 0);
    emit w.validationGallery()->table()->cellDoubleClicked(row, 0);
    QCOMPARE(w.document()->workspace().sourceStudy, std::string("paper/fig5"));
    QCOMPARE(w.document()->scenario().model.name.find("DeepSeek") != std::string::npos, true);
}

QTEST_MAIN(TestValidationGallery)
#include "tst_validationgallery.moc"
