#pragma once

#include "core/data/scenario.h"
#include "core/explain/explainrequest.h"
#include "core/model/requestmodel.h"

#include <QString>
#include <QWidget>

#include <array>

class QLabel;

namespace tierlens {

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
    const RequestResult& result() const { return result_; }
    /// The text a number shows, for tests.
    QString valueText(RequestQuantity q) const;

signals:
    void explanationRequested(const tierlens::Explanation& explanation);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void recompute();

    Scenario scenario_;
    RequestResult result_;
    bool dirty_ = false;
    QLabel* title_;
    std::array<QLabel*, kRequestQuantityCount> values_ {};
    QLabel* details_;
};

} // namespace tierlens
