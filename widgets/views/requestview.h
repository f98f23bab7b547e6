#pragma once

#include "core/data/scenario.h"
#include "core/data/study.h"
#include "core/explain/explainrequest.h"
#include "core/model/requestmodel.h"

#include <QString>
#include <QWidget>

#include <array>
#include <optional>
#include <utility>
#include <vector>

class QLabel;
class QTableWidget;

namespace tierlens {

class PresetLibrary;

/// A request study's comparison (request/…): its placements of the experts and the KV cache,
/// applied to the current scenario, at each of its x values. It follows every edit except to the
/// placements it compares.
struct RequestComparison {
    QString title;
    StudyMetric metric = StudyMetric::Ttft;
    StudyAxis x;
    std::vector<std::pair<QString, Placement>> rows;

    /// The comparison of study preset `id`; none unless it is a line study of a request metric.
    static std::optional<RequestComparison> fromStudy(const PresetLibrary& lib, const std::string& id);
};

/// A whole request of the scenario at its batch: time to first token, time per output token,
/// throughput, energy per request split prefill/decode, average power, KV reads and the largest
/// batch each KV placement fits. Every number explains itself: its tooltip holds the arithmetic,
/// a click sends it to the Explain panel.
class RequestView : public QWidget {
    Q_OBJECT
public:
    explicit RequestView(QWidget* parent = nullptr);

    /// Evaluates the request now when the view is shown, else when it next is.
    void setScenario(const Scenario& s);
    /// The placements of a request study to compare under the form; none hides the table.
    void setComparison(std::optional<RequestComparison> comparison);
    QTableWidget* comparisonTable() const { return comparisonTable_; }
    const RequestResult& result() const { return result_; }
    /// The text a number shows, for tests.
    QString valueText(RequestQuantity q) const;

signals:
    void explanationRequested(const tierlens::Explanation& explanation);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void recompute();
    void recomputeComparison();

    Scenario scenario_;
    RequestResult result_;
    bool dirty_ = false;
    QLabel* title_;
    std::array<QLabel*, kRequestQuantityCount> values_ {};
    QLabel* details_;
    std::optional<RequestComparison> comparison_;
    QLabel* comparisonTitle_;
    QTableWidget* comparisonTable_;
};

} // namespace tierlens
