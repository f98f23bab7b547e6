#include "widgets/tables/operationtablemodel.h"

#include "render/chartaxis.h"

namespace tierlens {

namespace {
QString q(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
} // namespace

OperationTableModel::OperationTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void OperationTableModel::setResult(const Result& result, double peakTflops, double bandwidthGBs)
{
    beginResetModel();
    operations_ = result.operations;
    rows_ = OperationLedger::rows(result);
    peakTflops_ = peakTflops;
    bandwidthGBs_ = bandwidthGBs;
    endResetModel();
}

void OperationTableModel::clear()
{
    beginResetModel();
    rows_.clear();
    operations_.clear();
    endResetModel();
}

int OperationTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int OperationTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const OperationRow* OperationTableModel::operationOf(const LedgerRow& row) const
{
    return row.operation >= 0 && row.operation < int(operations_.size())
        ? &operations_[std::size_t(row.operation)]
        : nullptr;
}

// A term charged outside the operations: no GEMM shape, no roofline bound.
QVariant OperationTableModel::rawTerm(const LedgerRow& row, int column) const
{
    switch (column) {
    case Name:
        return q(row.name);
    case Layer:
        return tr("step");
    case Part: {
        for (int p = 0; p < kEnergyPartCount; ++p)
            if (energyPartKey(EnergyPart(p)) == row.component)
                return q(energyPartLabel(EnergyPart(p)));
        return q(row.component);
    }
    case M:
    case K:
    case N:
        return 0.0;
    case Count:
        return row.count;
    case Flops:
        return row.flops;
    case Bytes:
        return row.bytes;
    case TimeMs:
        return row.timeMs;
    case EnergyMj:
        return row.energyJPerToken * 1e3;
    case Bound:
        return QString();
    }
    return {};
}

QVariant OperationTableModel::raw(const LedgerRow& row, int column) const
{
    const OperationRow* found = operationOf(row);
    if (!found)
        return rawTerm(row, column);
    const OperationRow& op = *found;
    switch (column) {
    case Name:
        return q(op.name);
    case Layer:
        return q(op.layerKind);
    case Part:
        return q(latencyPartLabel(op.timePart)); // where its time is counted
    case M:
        return op.shape.m;
    case K:
        return op.shape.k;
    case N:
        return op.shape.n;
    case Count:
        return op.instancesPerGpu;
    case Flops:
        return op.flops;
    case Bytes:
        return op.bytes;
    case TimeMs:
        return op.stepTimeS() * 1e3;
    case EnergyMj:
        return row.energyJPerToken * 1e3;
    case Bound:
        if (op.timePart == LatencyPart::Communication)
            return tr("link");
        return op.computeBound ? tr("compute") : tr("memory");
    }
    return {};
}

QVariant OperationTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(rows_.size()))
        return {};
    const QVariant v = raw(rows_[std::size_t(index.row())], index.column());
    switch (role) {
    case Qt::UserRole:
        return v;
    case Qt::DisplayRole:
        if (v.typeId() == QMetaType::Double) {
            const double d = v.toDouble();
            if ((index.column() == M || index.column() == K || index.column() == N) && d == 0)
                return QString();
            return ChartAxis::format(d, 4);
        }
        return v;
    case Qt::TextAlignmentRole:
        return v.typeId() == QMetaType::Double ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole:
        return formula(index.row());
    default:
        return {};
    }
}

QVariant OperationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Operation");
    case Layer:
        return tr("Layers");
    case Part:
        return tr("Counts as");
    case M:
        return tr("m");
    case K:
        return tr("k");
    case N:
        return tr("n");
    case Count:
        return tr("Count / GPU");
    case Flops:
        return tr("FLOPs");
    case Bytes:
        return tr("Bytes");
    case TimeMs:
        return tr("Time / step (ms)");
    case EnergyMj:
        return tr("Energy / token (mJ)");
    case Bound:
        return tr("Bound by");
    }
    return {};
}

QString OperationTableModel::formula(int row) const
{
    if (row < 0 || row >= int(rows_.size()))
        return {};
    auto f = [](double v) { return ChartAxis::format(v, 4); };
    const LedgerRow& entry = rows_[std::size_t(row)];
    const OperationRow* found = operationOf(entry);
    if (!found)
        return tr("%1: %2 mJ per token, charged outside the operations; %3 bytes per step over all GPUs")
            .arg(q(entry.name), f(entry.energyJPerToken * 1e3), f(entry.bytes));
    const OperationRow& op = *found;
    if (op.timePart == LatencyPart::Communication)
        return tr("%1: %2 bytes per transfer, %3 µs each, %4 per GPU per step")
            .arg(q(op.name), f(op.bytes), f(op.timeS * 1e6), f(op.instancesPerGpu));
    const double computeUs = op.flops / (peakTflops_ * 1e12) * 1e6;
    const double memoryUs = op.bytes / (bandwidthGBs_ * 1e9) * 1e6;
    QString text = tr("t = max(FLOPs / P_peak, bytes / B_HBM)\n  = max(%1 / %2 TFLOP/s, %3 B / %4 GB/s)\n"
                      "  = max(%5 µs, %6 µs) = %7 µs (%8-bound)")
                       .arg(f(op.flops), f(peakTflops_), f(op.bytes), f(bandwidthGBs_), f(computeUs),
                           f(memoryUs), f(op.timeS * 1e6), op.computeBound ? tr("compute") : tr("memory"));
    if (op.shape.m > 0)
        text.prepend(tr("GEMM %1 × %2 · %2 × %3\n").arg(f(op.shape.m), f(op.shape.k), f(op.shape.n)));
    text += tr("\nE = DRAM %1 B · 8 · e_HBM + on-chip = %2 mJ per instance; × %3 instances over all GPUs")
                .arg(f(op.traffic.dramBytes), f((op.energyOffchipJ + op.energyOnchipJ) * 1e3),
                    f(op.instancesTotal));
    return text;
}

} // namespace tierlens
