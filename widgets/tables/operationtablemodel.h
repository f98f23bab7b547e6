#pragma once

#include "core/data/result.h"
#include "core/model/operationledger.h"

#include <QAbstractTableModel>

namespace tierlens {

/// Every energy term of one evaluated step, for the per-operation inspector: the roofline's
/// operations and the terms charged outside them (expert copies, links, wasted prefetches,
/// background), so the energy column sums to the bar. Display role: formatted text; Qt::UserRole:
/// the raw number (sorting); tooltip: the roofline formula with its numbers.
class OperationTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Layer, Part, M, K, N, Count, Flops, Bytes, TimeMs, EnergyMj, Bound, ColumnCount };

    explicit OperationTableModel(QObject* parent = nullptr);

    /// `peakTflops` and `bandwidthGBs` are the roofline's, for the formula tooltips.
    void setResult(const Result& result, double peakTflops, double bandwidthGBs);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The roofline formula of a row with this step's numbers substituted.
    QString formula(int row) const;

private:
    QVariant raw(const LedgerRow& row, int column) const;
    QVariant rawTerm(const LedgerRow& row, int column) const;
    const OperationRow* operationOf(const LedgerRow& row) const;

    std::vector<OperationRow> operations_;
    std::vector<LedgerRow> rows_;
    double peakTflops_ = 0;
    double bandwidthGBs_ = 0;
};

} // namespace tierlens
