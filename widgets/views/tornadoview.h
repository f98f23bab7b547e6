#pragma once

#include "render/tornadopainter.h"
#include "widgets/views/chartwidget.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace tierlens {

class WorkspaceDocument;

/// Screen host of a TornadoPainter.
class TornadoWidget : public ChartWidget {
    Q_OBJECT
public:
    using ChartWidget::ChartWidget;
    const ChartPainter& chartPainter() const override { return painter_; }
    TornadoPainter& painter() { return painter_; }

private:
    TornadoPainter painter_;
};

/// Which ranged constants move a result most: the workspace's tornado (WorkspaceChart::tornado)
/// for the chosen metric, recomputed after every edit of the document while the view is visible,
/// and when it is shown after edits made while it was not. The ranges are edited in the
/// Ranges dialog, which a button here opens.
class TornadoView : public QWidget {
    Q_OBJECT
public:
    explicit TornadoView(WorkspaceDocument* doc, QWidget* parent = nullptr);

    TornadoWidget* chart() const { return chart_; }
    /// The metric ranked: energy, latency, or one of their components.
    RangeMetric metric() const;

public slots:
    void refresh();
    /// Opens the ranges editor on the document (one per view, reused).
    void editRanges();

protected:
    void showEvent(QShowEvent* event) override;

private:
    WorkspaceDocument* doc_;
    QComboBox* metric_;
    QLabel* message_;
    TornadoWidget* chart_;
    bool pending_ = false;
    bool dirty_ = false; ///< edited while hidden: ranked again when shown (as RequestView)
};

} // namespace tierlens
