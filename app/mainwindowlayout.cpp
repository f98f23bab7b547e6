// The chart keeps at least half of a small window: the docked editors and panels give way.
#include "app/mainwindow.h"

#include <QDockWidget>
#include <QTimer>

#include <algorithm>

namespace tierlens {

void MainWindow::resizeEvent(QResizeEvent* event)
{
    QMainWindow::resizeEvent(event);
    // After the dock layout has taken the new size.
    QTimer::singleShot(0, this, &MainWindow::keepChartRoom);
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    QTimer::singleShot(0, this, &MainWindow::keepChartRoom);
}

void MainWindow::keepChartRoom()
{
    QWidget* chart = centralWidget();
    if (!chart || !isVisible())
        return;
    const auto docked = [this](std::initializer_list<Qt::DockWidgetArea> areas) {
        QList<QDockWidget*> out;
        for (auto* d : findChildren<QDockWidget*>(Qt::FindDirectChildrenOnly))
            // A dock behind another's tab is "visible" but takes no room of its own.
            if (d->isVisible() && !d->isFloating() && !d->visibleRegion().isEmpty()
                && std::find(areas.begin(), areas.end(), dockWidgetArea(d)) != areas.end())
                out << d;
        return out;
    };
    // Each panel gives up room in proportion to its size, never below its minimum.
    const auto shrink = [this](const QList<QDockWidget*>& docks, int excess, Qt::Orientation o) {
        if (docks.isEmpty() || excess <= 0)
            return;
        const auto extent = [o](const QWidget* w) { return o == Qt::Horizontal ? w->width() : w->height(); };
        int total = 0;
        for (const auto* d : docks)
            total += extent(d);
        if (total <= 0)
            return;
        QList<int> sizes;
        for (const auto* d : docks) {
            const QSize min = d->minimumSizeHint().expandedTo(d->minimumSize());
            const int floor = o == Qt::Horizontal ? min.width() : min.height();
            sizes << std::max(floor, extent(d) - int(qint64(excess) * extent(d) / total) - 1);
        }
        resizeDocks(docks, sizes, o);
    };
    shrink(docked({ Qt::LeftDockWidgetArea, Qt::RightDockWidgetArea }), (width() + 1) / 2 - chart->width(),
        Qt::Horizontal);
    shrink(docked({ Qt::TopDockWidgetArea, Qt::BottomDockWidgetArea }), (height() + 1) / 2 - chart->height(),
        Qt::Vertical);
}

} // namespace tierlens
