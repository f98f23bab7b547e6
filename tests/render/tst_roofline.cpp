// Memory-level roofline: the points against the roofs, the ridges, the exported figure.
#include "core/model/evaluator.h"
#include "render/figureexporter.h"
#include "render/rooflinepainter.h"
#include "tests/support/svgtexts.h"
#include "tests/support/testsupport.h"

#include <QGuiApplication>

using namespace tierlens;

class TestRoofline : public QObject {
    Q_OBJECT
private slots:
    void pointsLieUnderTheirRoof();
    void ridgesArePeakOverBandwidth();
    void hbmPlacementHasOneRoof();
    void exportNamesEveryRoof();
};

void TestRoofline::pointsLieUnderTheirRoof()
{
    for (const char* id : { "default", "paper/mixtral-hbm", "paper/deepseek-r1-hbm", "prefetch/st-moe-85" })
        for (int batch : { 1, 16, 256, 1024 }) {
            Scenario s = test::preset(id);
            s.workload.batch = batch;
            const Result r = evaluate(s);
            const RooflineData d = RooflineData::fromResult(s, r);
            QVERIFY(!d.points.empty());
            // Every operation computes from HBM (copied experts are read from HBM): the roof over
            // it is min(peak, intensity × HBM bandwidth).
            const double peak = s.gpu.peakTflops * 1e12, hbm = s.gpu.hbmBandwidthGBs * 1e9;
            QCOMPARE(d.peakFlopsPerS, peak);
            double closest = 0;
            for (const auto& p : d.points) {
                const double roof = std::min(peak, p.intensity * hbm);
                QVERIFY2(p.flopsPerS <= roof * (1 + 1e-9),
                    qPrintable(QStringLiteral("%1 in %2 at batch %3: %4 FLOP/s above its roof %5")
                                   .arg(p.name, QString::fromLatin1(id))
                                   .arg(batch)
                                   .arg(p.flopsPerS)
                                   .arg(roof)));
                closest = std::max(closest, p.flopsPerS / roof);
            }
            // The roofs bound something real: the step's fastest operation reaches a good part of
            // its roof (memory-bound GEMMs stream at the HBM bandwidth left to them).
            QVERIFY2(closest > 0.3,
                qPrintable(QStringLiteral("%1 at batch %2: best %3 of the roof")
                               .arg(QString::fromLatin1(id))
                               .arg(batch)
                               .arg(closest)));
        }
}

void TestRoofline::ridgesArePeakOverBandwidth()
{
    // Experts on SSD over NVLink-C2C gen 5: HBM, the link and the tier each get a roof; a slower
    // drive than the link keeps them apart.
    Scenario s = test::preset("default");
    s.findTier("ssd")->bandwidthGBs = 7;
    const RooflineData d = RooflineData::fromResult(s, evaluate(s));
    QCOMPARE(d.roofs.size(), std::size_t(3));
    const double peak = s.gpu.peakTflops * 1e12;
    const double bw[]
        = { s.gpu.hbmBandwidthGBs * 1e9, s.findLink("nvlink-c2c-gen5")->bandwidthGBs * 1e9, 7e9 };
    for (std::size_t i = 0; i < 3; ++i) {
        QCOMPARE(d.roofs[i].bytesPerS, bw[i]);
        QVERIFY(test::near(d.ridge(i), peak / bw[i], 1e-12));
    }
    // H100: 989.4 TFLOP/s over 3352 GB/s is a ridge near 295 FLOP/byte.
    QVERIFY(std::fabs(d.ridge(0) - 295.17) < 0.01);
    // The reference's drive keeps up with the link: one roof, named after both.
    const Scenario same = test::preset("default");
    QCOMPARE(same.findTier("ssd")->bandwidthGBs, same.findLink("nvlink-c2c-gen5")->bandwidthGBs);
    const RooflineData ds = RooflineData::fromResult(same, evaluate(same));
    QCOMPARE(ds.roofs.size(), std::size_t(2));
    QVERIFY(ds.roofs[1].label.contains(QString::fromStdString(same.findTier("ssd")->name)));
    QVERIFY(ds.roofs[1].label.contains(QString::fromStdString(same.findLink("nvlink-c2c-gen5")->name)));
    QVERIFY(test::near(ds.ridge(1), peak / (same.findTier("ssd")->bandwidthGBs * 1e9), 1e-12));
}

void TestRoofline::hbmPlacementHasOneRoof()
{
    const Scenario s = test::preset("paper/mixtral-hbm");
    const RooflineData d = RooflineData::fromResult(s, evaluate(s));
    QCOMPARE(d.roofs.size(), std::size_t(1));
    QVERIFY(d.roofs[0].label.startsWith(QStringLiteral("HBM")));
}

void TestRoofline::exportNamesEveryRoof()
{
    Scenario s = test::preset("default");
    s.findTier("ssd")->bandwidthGBs = 7; // three roofs, three labels
    RooflinePainter p;
    p.setData(RooflineData::fromResult(s, evaluate(s)));
    FigureExportOptions o;
    o.width = 3.5;
    o.height = 2.6;
    o.fontPt = 8;
    QString error;
    const QByteArray svg = FigureExporter::render(p, FigureExportOptions::Format::Svg, o, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList texts;
    for (const auto& t : test::readSvgTexts(svg, o.dpi))
        texts << t.text;
    const QString all = texts.join(QLatin1Char('|'));
    for (const auto& roof : p.data().roofs)
        QVERIFY2(all.contains(roof.label), qPrintable(roof.label + QStringLiteral(" not in ") + all));
    QVERIFY2(all.contains(p.data().computeLabel), qPrintable(all));
    QVERIFY(all.contains(QStringLiteral("Arithmetic intensity (FLOP/byte)")));
}

QTEST_MAIN(TestRoofline)
#include "tst_roofline.moc"
