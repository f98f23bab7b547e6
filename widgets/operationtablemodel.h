#pragma once

#include "result.h"

#include <QAbstractTableModel>

namespace tierlens {

/// Every operation of one evaluated step, for the per-operation inspector. Display role: formatted
/// text; Qt::UserRole: the raw number (sorting); tooltip: the roofline formula with its numbers.
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
    QVariant raw(const OperationRow& op, int column) const;

    std::vector<OperationRow> rows_;
    int batch_ = 1;
    double peakTflops_ = 0;
    double bandwidthGBs_ = 0;
};

} // namespace tierlens
