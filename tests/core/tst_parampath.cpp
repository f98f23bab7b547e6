#include "core/data/parampath.h"
#include "tests/support/testsupport.h"

using namespace tierlens;

class TestParamPath : public QObject {
    Q_OBJECT
private slots:
    void getAndSet_data();
    void getAndSet();
    void errors_data();
    void errors();
    void integersStayWhole();
    void listCoversEveryField();
};

void TestParamPath::getAndSet_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("initial");
    QTest::newRow("gpu") << "gpu.hbm_bandwidth_gb_s" << 3352.0;
    QTest::newRow("tier") << "tiers.ssd.read_pj_per_bit" << 102.4;
    QTest::newRow("link") << "links.nvlink4.latency_us" << 0.8;
    QTest::newRow("model") << "model.hidden" << 4096.0;
    QTest::newRow("moe") << "model.moe.top_k" << 2.0;
    QTest::newRow("cluster") << "cluster.gpus_per_node" << 4.0;
    QTest::newRow("parallelism") << "parallelism.tp" << 4.0;
    QTest::newRow("workload") << "workload.prompt_length" << 1024.0;
}

void TestParamPath::getAndSet()
{
    QFETCH(QString, path);
    QFETCH(double, initial);
    Scenario s = test::preset("default");
    const std::string p = path.toStdString();
    QCOMPARE(*parampath::get(s, p), initial);
    std::string error;
    QVERIFY2(parampath::set(s, p, 3, &error), error.c_str());
    QCOMPARE(*parampath::get(s, p), 3.0);
}

void TestParamPath::errors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown head") << "gpus.x"
                                  << "unknown parameter path";
    QTest::newRow("unknown field") << "gpu.hbm_bw"
                                   << "has no number \"hbm_bw\"; it has: peak_tflops";
    QTest::newRow("unknown tier") << "tiers.tape.read_pj_per_bit"
                                  << "no tier with id \"tape\"";
    QTest::newRow("short tier path") << "tiers.ssd"
                                     << "tiers.<id>.<field>";
    QTest::newRow("no mla") << "model.mla.kv_lora_rank"
                            << "the model has no latent attention";
}

void TestParamPath::errors()
{
    QFETCH(QString, path);
    QFETCH(QString, message);
    Scenario s = test::preset("default");
    std::string error;
    QVERIFY(!parampath::set(s, path.toStdString(), 1, &error));
    QVERIFY2(error.find(message.toStdString()) != std::string::npos, error.c_str());
}

void TestParamPath::integersStayWhole()
{
    Scenario s = test::preset("default");
    std::string error;
    QVERIFY(!parampath::set(s, "model.moe.experts", 8.5, &error));
    QVERIFY(error.find("whole number") != std::string::npos);
    QVERIFY(!parampath::set(s, "gpu.peak_tflops", std::nan(""), &error));
    QCOMPARE(s.model.moe->experts, 8);
}

void TestParamPath::listCoversEveryField()
{
    const Scenario s = test::preset("paper/deepseek-r1-hbm");
    const auto all = parampath::list(s);
    const auto expected = GpuSpec::fields().size() + Cluster::fields().size()
        + s.tiers.size() * MemoryTier::fields().size() + s.links.size() * Interconnect::fields().size()
        + ModelSpec::fields().size() + MoeSpec::fields().size() + MlaSpec::fields().size()
        + Parallelism::fields().size() + Workload::fields().size() + FlashOffload::fields().size()
        + Routing::fields().size() + ExpertCache::fields().size() + KvCachePlacement::fields().size()
        + CostSpec::fields().size();
    QCOMPARE(all.size(), expected);
    for (const auto& info : all) {
        QVERIFY2(parampath::get(s, info.path).has_value(), info.path.c_str());
        QVERIFY2(!info.help.empty(), info.path.c_str());
    }
}

QTEST_APPLESS_MAIN(TestParamPath)
#include "tst_parampath.moc"
