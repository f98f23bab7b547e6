// MainWindow's exports: the figure in front (file or clipboard), its numbers, and bundles.
#include "app/mainwindow.h"

#include "bundle/atomicfile.h"
#include "bundle/bundlecomposer.h"
#include "bundle/bundlewriter.h"
#include "core/io/resultjson.h"
#include "document/problemtext.h"
#include "document/recomputer.h"
#include "document/workspacedocument.h"
#include "render/figureexporter.h"
#include "render/workspacefigure.h"
#include "widgets/dialogs/figureexportdialog.h"
#include "widgets/views/barchartwidget.h"
#include "widgets/views/breakdownview.h"
#include "widgets/views/chartwidget.h"
#include "widgets/views/heatmapview.h"
#include "widgets/views/heatmapwidget.h"
#include "widgets/views/paretoview.h"
#include "widgets/views/rooflineview.h"
#include "widgets/views/tornadoview.h"

#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QMimeData>
#include <QStatusBar>
#include <QTabWidget>

namespace tierlens {

const ChartWidget* MainWindow::currentChart() const
{
    QWidget* w = tabs_->currentWidget();
    if (w == energy_)
        return energy_->chart();
    if (w == latency_)
        return latency_->chart();
    if (w == heatmap_)
        return heatmap_->chart();
    if (auto* t = qobject_cast<TornadoView*>(w))
        return t->chart();
    if (w == roofline_)
        return roofline_;
    if (w == pareto_)
        return pareto_;
    return nullptr; // expert coverage is a table-like view, not a ChartPainter figure
}

std::string MainWindow::currentFigureView() const
{
    QWidget* w = tabs_->currentWidget();
    if (w == energy_)
        return "energy";
    if (w == latency_)
        return "latency";
    if (w == heatmap_)
        return "heatmap";
    if (qobject_cast<TornadoView*>(w))
        return "tornado";
    if (w == roofline_)
        return "roofline";
    if (w == pareto_)
        return "pareto";
    return {};
}

QString MainWindow::exportFigureTo(const QString& path, const FigureExportOptions& options)
{
    const std::string view = currentFigureView();
    if (view.empty())
        return tr("Choose the energy, latency or heatmap view to export.");
    if (!result_ || !result_->problems.empty())
        return tr("There is no figure to export: the scenario has problems.");
    // Built from the workspace, as the CLI and bundles build it, not copied from the screen: the
    // on-screen selection is not part of a paper, and the file must match `tierlens-cli export`.
    return WorkspaceFigure::exportToFile(figureWorkspace(), *result_, view, path, options);
}

void MainWindow::exportFigure()
{
    if (currentFigureView().empty()) {
        message(tr("Export Figure"), tr("Choose the energy, latency or heatmap view to export."));
        return;
    }
    const std::string& study = doc_->workspace().sourceStudy;
    QString base = QString::fromStdString(study.empty() ? doc_->workspace().scenario.id : study);
    base.replace(QLatin1Char('/'), QLatin1Char('-'));
    FigureExportDialog dialog(base + QLatin1Char('-')
            + tabs_->tabText(tabs_->currentIndex()).section(QLatin1Char(' '), 0, 0).toLower(),
        this);
    // The dialog previews the figure the file will hold and, when accepted, writes its palette,
    // legend, value labels and title into the workspace (one undo step), which the export below
    // and every later one then draw with.
    if (result_ && result_->problems.empty())
        dialog.setFigure(figureWorkspace(), result_, currentFigureView());
    else
        dialog.setFigure(figureWorkspace(), nullptr, currentFigureView());
    dialog.setDocument(doc_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString error = exportFigureTo(dialog.path(), dialog.options());
    if (!error.isEmpty())
        message(tr("Export Figure"), error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(dialog.path())), 5000);
}

void MainWindow::copyFigure()
{
    const ChartWidget* chart = currentChart();
    if (!chart || !result_ || !result_->problems.empty()) {
        message(tr("Copy Figure"), tr("Choose the energy, latency or heatmap view to copy."));
        return;
    }
    // The widget's size at 2× its screen pixels: what was on screen, sharp when pasted.
    FigureExportOptions o;
    o.unit = FigureExportOptions::Unit::Pixel;
    o.dpi = 192;
    o.width = chart->width() * 2;
    o.height = chart->height() * 2;
    o.fontPt = chart->font().pointSizeF() > 0 ? chart->font().pointSizeF() : 9;
    QString error;
    const Workspace w = figureWorkspace();
    const std::string view = currentFigureView();
    const auto render = [&](FigureExportOptions::Format format) {
        return WorkspaceFigure::render(w, *result_, view, format, o, &error);
    };
    const QByteArray png = render(FigureExportOptions::Format::Png);
    const QByteArray svg = render(FigureExportOptions::Format::Svg);
    if (png.isEmpty() || svg.isEmpty()) {
        message(tr("Copy Figure"), error);
        return;
    }
    auto* mime = new QMimeData;
    mime->setImageData(QImage::fromData(png, "PNG"));
    mime->setData(QStringLiteral("image/png"), png);
    mime->setData(QStringLiteral("image/svg+xml"), svg);
    QGuiApplication::clipboard()->setMimeData(mime);
    statusBar()->showMessage(tr("Figure copied"), 3000);
}

void MainWindow::exportData()
{
    if (!result_ || !result_->problems.empty()) {
        message(tr("Export Data"), tr("There are no numbers to export: the scenario has problems."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Data"), QString(), tr("CSV, tidy (*.csv);;JSON (*.json)"));
    if (path.isEmpty())
        return;
    const Workspace& w = doc_->workspace();
    const std::string text
        = QFileInfo(path).suffix().compare(QStringLiteral("json"), Qt::CaseInsensitive) == 0
        ? workspaceResultToJson(w, *result_).dump(2) + "\n"
        : workspaceResultToCsv(w, *result_);
    if (const QString why = AtomicFile::write(path, QByteArrayView(text.data(), qsizetype(text.size())));
        !why.isEmpty())
        message(tr("Export Data"), tr("%1: cannot write: %2").arg(path, why));
}

void MainWindow::exportBundle()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export Bundle"),
        QStringLiteral("workspace.tierlens.zip"), tr("Tierlens bundles (*.tierlens.zip)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".zip")))
        path += QStringLiteral(".tierlens.zip");
    exportBundleTo(path);
}

bool MainWindow::exportBundleTo(const QString& path)
{
    const auto composed = BundleComposer::compose(doc_->workspace(), nullptr, lib_);
    const QString error
        = composed.ok() ? BundleWriter::write(path, composed.value) : problemText(composed.problems);
    if (!error.isEmpty()) {
        message(tr("Export Bundle"), tr("%1 was not written: %2").arg(path, error));
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

} // namespace tierlens
