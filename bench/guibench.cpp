// Edit → views repainted, in the real window (offscreen). Target: p95 <= 16 ms (one frame).
// 200 edits of the fig6 setup, 50 with each of the four views in front. Each edit changes one
// number through the document, then the event loop runs the coalesced recompute, hands the new
// result to every view (hidden ones too, so switching tabs shows fresh numbers) and repaints the
// window as shown: the view in front, the editors, the operations table, the status bar.

#include "app/mainwindow.h"
#include "core/study/memoryretention.h"
#include "document/recomputer.h"
#include "document/workspacedocument.h"
#include "widgets/views/heatmapview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTabWidget>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace tierlens;

namespace {
// Counts paint events of the view in front and its children, to prove each measured edit
// really repainted what is shown.
class PaintCounter : public QObject {
public:
    int paints = 0;
    bool eventFilter(QObject*, QEvent* e) override
    {
        paints += e->type() == QEvent::Paint ? 1 : 0;
        return false;
    }
};

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0; // TIERLENS_BENCH_EDITS=0: only the heatmap part runs
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(double(v.size()) * p))];
}
// The fig6 heatmap at 256 flash energies × 256 batches, in front: each edit is recomputed (off
// the GUI thread: 65 536 cells) and the heatmap repainted. Target: p95 <= 16 ms from the edit to
// the new cells on screen.
void heatmap256(MainWindow& window)
{
    WorkspaceDocument* doc = window.document();
    doc->edit(QStringLiteral("bench heatmap"), [](Workspace& w) {
        w.heatmap.x.values.clear();
        w.heatmap.y.values.clear();
        for (int i = 0; i < 256; ++i) {
            w.heatmap.x.values.push_back(1.0 - 0.9 * i / 255.0);
            w.heatmap.y.values.push_back(i + 1);
        }
    });
    window.tabs()->setCurrentWidget(window.heatmapView());
    Recomputer* rc = window.recomputer();
    const auto settle = [&] {
        // Until the background run has published and the heatmap has been repainted.
        // Waiting for events rather than spinning: a spinning loop would take a core from
        // the run's threads.
        while (rc->busy())
            QApplication::processEvents(QEventLoop::WaitForMoreEvents);
        for (int pass = 0; pass < 3; ++pass)
            QApplication::processEvents();
    };
    settle();
    const Workspace& w = doc->workspace();
    std::vector<double> times, handed;
    QElapsedTimer t;
    double handedMs = 0;
    // After the window's own slot: the views have their new data, nothing is repainted yet.
    QObject::connect(
        rc, &Recomputer::resultReady, &window, [&] { handedMs = double(t.nsecsElapsed()) / 1e6; });
    // 100 edits: with 30 the p95 was the second-slowest edit, one scheduling hiccup of this
    // machine's host decided it.
    constexpr int kEdits = 100;
    for (int i = 0; i < kEdits; ++i) {
        const auto before = rc->result();
        t.start();
        doc->setValue(QStringLiteral("gpu.hbm_read_pj_per_bit"), 3.0 + 0.01 * i);
        do
            settle();
        while (rc->result() == before);
        times.push_back(double(t.nsecsElapsed()) / 1e6);
        handed.push_back(handedMs);
    }
    const double p95 = percentile(times, 0.95);
    std::printf("edit -> %zux%zu heatmap recomputed and repainted (%d edits): median %.2f ms  p95 %.2f ms  "
                "target p95 <= 16 ms: %s\n",
        w.heatmap.y.values.size(), w.heatmap.x.values.size(), kEdits, percentile(times, 0.5), p95,
        p95 <= 16 ? "met" : "MISSED");
    std::printf("  recompute alone (last edit): %.3f ms; new numbers in every view after %.2f ms (median)\n",
        rc->lastComputeMs(), percentile(handed, 0.5));
}

} // namespace

int main(int argc, char** argv)
{
    retainFreedMemory(); // as the window runs
    qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tierlens-bench"));
    MainWindow window;
    window.setInteractive(false);
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();

    // Alternate between parameters that change different parts of the model.
    const char* paths[] = { "tiers.ssd.read_pj_per_bit", "links.nvlink-c2c-gen5.bandwidth_gb_s",
        "gpu.hbm_read_pj_per_bit", "workload.prompt_length" };
    const double base[] = { 102.4, 900, 4.2, 1024 };
    const int perTab = qEnvironmentVariableIsSet("TIERLENS_BENCH_EDITS")
        ? qEnvironmentVariableIntValue("TIERLENS_BENCH_EDITS")
        : 50;
    const int tabs = window.tabs()->count();
    std::vector<double> all;
    std::vector<std::vector<double>> byTab(static_cast<std::size_t>(tabs));
    QElapsedTimer t;
    PaintCounter counter;
    for (int tab = 0; tab < tabs; ++tab)
        for (QWidget* w : window.tabs()->widget(tab)->findChildren<QWidget*>())
            w->installEventFilter(&counter);
    int repainted = 0;
    for (int i = 0; i < perTab * tabs; ++i) {
        const int tab = i / perTab;
        if (window.tabs()->currentIndex() != tab) {
            window.tabs()->setCurrentIndex(tab);
            QApplication::processEvents();
        }
        counter.paints = 0;
        const int p = i % 4;
        const double value = base[p] * (0.5 + 0.5 * ((i / 4) % 10) / 10.0);
        t.start();
        window.document()->setValue(QString::fromLatin1(paths[p]), p == 3 ? double(int(value)) : value);
        // The zero-delay timer (recompute, data to every view), then the layout and repaint requests
        // those views post; a few passes drain them all.
        for (int pass = 0; pass < 4; ++pass)
            QApplication::processEvents();
        const double ms = double(t.nsecsElapsed()) / 1e6;
        repainted += counter.paints > 0 ? 1 : 0;
        all.push_back(ms);
        byTab[std::size_t(tab)].push_back(ms);
    }
    const double p95 = percentile(all, 0.95);
    std::printf("edit -> window repainted (1600x1000, %d edits): median %.2f ms  p95 %.2f ms  max %.2f ms  "
                "target p95 <= 16 ms: %s\n",
        int(all.size()), percentile(all, 0.5), p95, percentile(all, 1.0), p95 <= 16 ? "met" : "MISSED");
    for (int tab = 0; tab < tabs; ++tab)
        std::printf("  with %-16s in front: median %.2f ms  p95 %.2f ms\n",
            qPrintable(window.tabs()->tabText(tab)), percentile(byTab[std::size_t(tab)], 0.5),
            percentile(byTab[std::size_t(tab)], 0.95));
    std::printf("  the view in front repainted within the measured time after %d of %d edits (the coverage "
                "view only repaints when routing changes)\n",
        repainted, int(all.size()));
    std::printf("  recompute alone (last edit): %.3f ms\n", window.recomputer()->lastComputeMs());
    heatmap256(window);
    return 0;
}
