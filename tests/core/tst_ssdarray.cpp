// NVMe drives as an array: bandwidth and read energy from first principles, more drives never
// slow a step, and one drive at batch 1024 no longer hides the expert copy behind compute while
// the reference's 900 GB/s "SSD" does, with the explanation saying why.
#include "core/explain/explainer.h"
#include "core/io/scenariojson.h"
#include "core/model/evaluator.h"
#include "core/validation/validator.h"
#include "tests/support/testsupport.h"

using namespace tierlens;

namespace {

constexpr double kDriveGBs = 14.0; // one PCIe Gen5 drive
constexpr double kActiveW = 18.0;
constexpr double kIdleW = 5.0;

MemoryTier array(int drives, int gpusPerArray = 1)
{
    MemoryTier t;
    t.id = "nvme";
    t.name = "NVMe array";
    t.kind = MemoryTier::Kind::Flash;
    t.drives = drives;
    t.driveReadGBs = kDriveGBs;
    t.driveReadPowerW = kActiveW;
    t.driveIdlePowerW = kIdleW;
    t.gpusPerArray = gpusPerArray;
    t.bandwidthGBs = 1; // ignored by an array: the drives set the bandwidth
    t.capacityGiB = 100000;
    return t;
}

// Mixtral's shapes with 2 experts, both chosen by every token, on one GPU: every step copies
// exactly 2 experts per layer, so the bytes are known without the model's routing.
Scenario twoExpertScenario(const MemoryTier& tier)
{
    Scenario s = test::preset("paper/mixtral-hbm");
    s.cluster.nodes = 1;
    s.cluster.gpusPerNode = 1;
    s.parallelism.tp = 1;
    s.model.moe->experts = 2;
    s.model.moe->topK = 2;
    s.gpu.idlePowerW = 0;
    s.gpu.hbmWritePjPerBit = 0;
    s.tiers = { tier };
    s.placement.expertTier = tier.id;
    s.placement.path.clear();
    s.placement.copyRouterWeights = false;
    s.workload.batch = 4;
    s.options.latencyRule = Options::LatencyRule::CopyOnly;
    return s;
}

double copiedBytesPerStep(const Scenario& s)
{
    const ModelSpec& m = s.model;
    const double expertBytes = double(m.ffnMatrices()) * m.hidden * m.moe->expertFfnDim * m.bytesPerParam;
    return m.layers * 2.0 * expertBytes; // every layer is an MoE layer in Mixtral
}

Result evaluated(const Scenario& s)
{
    const Problems problems = validateScenario(s);
    for (const auto& p : problems)
        qWarning("%s", p.toString().c_str());
    if (!problems.empty())
        qFatal("invalid test scenario");
    return evaluate(s);
}

// A tier preset read into a MemoryTier, failing on any problem.
MemoryTier tierPreset(const std::string& id)
{
    const PresetEntry* e = PresetLibrary::builtin().find(PresetKind::Tier, id);
    if (!e)
        qFatal("no tier preset %s", id.c_str());
    MemoryTier t;
    Problems problems;
    fromJson(e->json, t, id, problems);
    if (!problems.empty())
        qFatal("tier preset %s does not read", id.c_str());
    return t;
}

} // namespace

class TestSsdArray : public QObject {
    Q_OBJECT
private slots:
    void bandwidthIsDrivesTimesOneDrive();
    void copyTimeAndEnergyFromFirstPrinciples();
    void idlePowerIsBackground();
    void moreDrivesNeverSlowAStep();
    void oneDriveAtBatch1024IsNotHidden();
    void arrayJsonNeedsItsDrives();
};

void TestSsdArray::bandwidthIsDrivesTimesOneDrive()
{
    for (int n : { 1, 2, 4, 8 }) {
        QCOMPARE(array(n).readBandwidthGBs(), n * kDriveGBs);
        // G GPUs reading the array at once each get 1/G of it.
        QCOMPARE(array(n, 2).readBandwidthGBs(), n * kDriveGBs / 2);
        // Joules per byte = watts / (bytes per second), above the idle draw; 8 bits a byte.
        const double joulesPerBit = (kActiveW - kIdleW) / (kDriveGBs * 1e9) / 8;
        TL_COMPARE_REL(array(n).readPjPerBitAt(1e6), joulesPerBit * 1e12, 1e-12);
    }
    // Not an array: the tier's own bandwidth.
    MemoryTier plain = array(0);
    plain.bandwidthGBs = 900;
    QCOMPARE(plain.readBandwidthGBs(), 900.0);
}

void TestSsdArray::copyTimeAndEnergyFromFirstPrinciples()
{
    for (int n : { 1, 3, 4 }) {
        const Scenario s = twoExpertScenario(array(n));
        const Result r = evaluated(s);
        const double bytes = copiedBytesPerStep(s);
        QVERIFY(bytes > 1e9);
        TL_COMPARE_REL(r.copiedBytes, bytes, 1e-9);
        // bytes ÷ (drives × per-drive bandwidth)
        TL_COMPARE_REL(r.copyS, bytes / (n * kDriveGBs * 1e9), 1e-9);
        // bytes × 8 × power ÷ bandwidth (bits per second), with the array's own power and
        // bandwidth: the drive count cancels. No link and no HBM write energy here.
        const double watts = n * (kActiveW - kIdleW);
        const double bitsPerS = n * kDriveGBs * 1e9 * 8;
        TL_COMPARE_REL(
            r.energy(EnergyPart::MoeOffload) * s.workload.batch, bytes * 8 * watts / bitsPerS, 1e-9);
    }
}

void TestSsdArray::idlePowerIsBackground()
{
    // Two GPUs sharing four drives: each is charged for two drives' idle power over the step.
    Scenario s = twoExpertScenario(array(4, 2));
    s.cluster.gpusPerNode = 2;
    s.parallelism.tp = 2;
    s.tiers[0].staticPowerW = 0;
    const Result r = evaluated(s);
    const double perGpuW = 4.0 / 2.0 * kIdleW;
    TL_COMPARE_REL(
        r.energy(EnergyPart::Background) * s.workload.batch, r.totalLatencyS() * 2 * perGpuW, 1e-9);
}

void TestSsdArray::moreDrivesNeverSlowAStep()
{
    Scenario base = test::preset("hardware/mixtral-h200-nvme-gen5-1drive");
    for (int batch : { 1, 64, 1024 }) {
        base.workload.batch = batch;
        double previous = std::numeric_limits<double>::infinity();
        double previousCopy = previous;
        for (int n = 1; n <= 16; ++n) {
            Scenario s = base;
            s.tiers[0].drives = n;
            const Result r = evaluated(s);
            QVERIFY2(r.totalLatencyS() <= previous * (1 + 1e-12),
                qPrintable(
                    QStringLiteral("batch %1: %2 drives slower than %3").arg(batch).arg(n).arg(n - 1)));
            QVERIFY(r.copyS <= previousCopy * (1 + 1e-12));
            previous = r.totalLatencyS();
            previousCopy = r.copyS;
        }
    }
}

void TestSsdArray::oneDriveAtBatch1024IsNotHidden()
{
    // The shipped Mixtral scenario of the reference, experts moved to SSD at batch 1024.
    Scenario reference = test::preset("paper/mixtral-hbm");
    reference.workload.batch = 1024;
    reference.placement.expertTier = "ssd";
    reference.placement.path = { "nvlink-c2c-gen5" };
    const Result fast = evaluated(reference);
    QVERIFY(fast.copyS > 0);
    QCOMPARE(fast.copyHiddenS, fast.copyS); // 900 GB/s: compute hides the whole copy

    // The same with the tier swapped for one real drive over PCIe.
    Scenario drive = reference;
    drive.tiers.push_back(tierPreset("nvme-gen5-1"));
    drive.placement.expertTier = "nvme-gen5-1";
    drive.placement.path = { "pcie-gen5-x16" };
    const Result slow = evaluated(drive);
    QVERIFY(slow.copyHiddenS < slow.copyS);
    // Same bytes, 900 / 14 times the time.
    TL_COMPARE_REL(slow.copiedBytes, fast.copiedBytes, 1e-12);
    QVERIFY(slow.copyS > 50 * fast.copyS);
    QVERIFY(slow.totalLatencyS() > fast.totalLatencyS());

    const std::string why = toPlainText(explainLatency(drive, slow, LatencyPart::Moe));
    QVERIFY2(why.find("1 drive × 14 GB/s = 14 GB/s") != std::string::npos, why.c_str());
    QVERIFY2(why.find("are not hidden") != std::string::npos, why.c_str());
    QVERIFY2(why.find("longer than the") != std::string::npos, why.c_str());
    const std::string energy = toPlainText(explainEnergy(drive, slow, EnergyPart::MoeOffload));
    QVERIFY2(energy.find("(18 W − 5 W) / 14 GB/s") != std::string::npos, energy.c_str());
    const std::string hidden = toPlainText(explainLatency(reference, fast, LatencyPart::Moe));
    QVERIFY2(hidden.find("are not hidden") == std::string::npos, hidden.c_str());
}

void TestSsdArray::arrayJsonNeedsItsDrives()
{
    nlohmann::json j = toJson(array(4));
    QVERIFY(j.contains("drives"));
    MemoryTier back;
    Problems problems;
    fromJson(j, back, "tier", problems);
    QVERIFY(problems.empty());
    QCOMPARE(back.drives, 4);
    QCOMPARE(back.readBandwidthGBs(), 4 * kDriveGBs);
    j.erase("drive_read_gb_s");
    j.erase("bandwidth_gb_s");
    problems.clear();
    fromJson(j, back, "tier", problems);
    bool named = false;
    for (const auto& p : problems)
        named = named || p.path == "tier.drive_read_gb_s";
    QVERIFY(named);
    // A tier that is no array writes no drive fields: older files stay as they were.
    MemoryTier plain = array(0);
    QVERIFY(!toJson(plain).contains("drives"));
}

QTEST_APPLESS_MAIN(TestSsdArray)
#include "tst_ssdarray.moc"
