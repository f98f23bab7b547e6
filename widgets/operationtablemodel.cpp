#include "operationtablemodel.h"

#include "chartaxis.h"

namespace tierlens {

namespace {
QString q(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }
} // namespace

OperationTableModel::OperationTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void OperationTableModel::setResult(const Result& result, double peakTflops, double bandwidthGBs)
{
    beginResetModel();
    rows_ = result.operations;
    batch_ = std::max(1, result.batch);
    peakTflops_ = peakTflops;
    bandwidthGBs_ = bandwidthGBs;
    endResetModel();
}

void OperationTableModel::clear()
{
    beginResetModel();
    rows_.clear();
    endResetModel();
}

int OperationTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int OperationTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OperationTableModel::raw(const OperationRow& op, int column) const
{
    switch (column) {
    case Name: return q(op.name);
    case Layer: return q(op.layerKind);
    case Part: return q(latencyPartLabel(op.timePart));  // where its time is counted
    case M: return op.shape.m;
    case K: return op.shape.k;
    case N: return op.shape.n;
    case Count: return op.instancesPerGpu;
    case Flops: return op.flops;
    case Bytes: return op.bytes;
    case TimeMs: return op.stepTimeS() * 1e3;
    case EnergyMj: return op.stepEnergyJ() / batch_ * 1e3;
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
    const OperationRow& op = rows_[std::size_t(index.row())];
    const QVariant v = raw(op, index.column());
    switch (role) {
    case Qt::UserRole: return v;
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
    case Qt::ToolTipRole: return formula(index.row());
    default: return {};
    }
}

QVariant OperationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Operation");
    case Layer: return tr("Layers");
    case Part: return tr("Counts as");
    case M: return tr("m");
    case K: return tr("k");
    case N: return tr("n");
    case Count: return tr("Count / GPU");
    case Flops: return tr("FLOPs");
    case Bytes: return tr("Bytes");
    case TimeMs: return tr("Time / step (ms)");
    case EnergyMj: return tr("Energy / token (mJ)");
    case Bound: return tr("Bound by");
    }
    return {};
}

QString OperationTableModel::formula(int row) const
{
    if (row < 0 || row >= int(rows_.size()))
        return {};
    const OperationRow& op = rows_[std::size_t(row)];
    auto f = [](double v) { return ChartAxis::format(v, 4); };
    if (op.timePart == LatencyPart::Communication)
        return tr("%1: %2 bytes per transfer, %3 µs each, %4 per GPU per step")
            .arg(q(op.name), f(op.bytes), f(op.timeS * 1e6), f(op.instancesPerGpu));
    const double computeUs = op.flops / (peakTflops_ * 1e12) * 1e6;
    const double memoryUs = op.bytes / (bandwidthGBs_ * 1e9) * 1e6;
    QString text = tr("t = max(FLOPs / P_peak, bytes / B_HBM)\n  = max(%1 / %2 TFLOP/s, %3 B / %4 GB/s)\n"
                      "  = max(%5 µs, %6 µs) = %7 µs (%8-bound)")
                       .arg(f(op.flops), f(peakTflops_), f(op.bytes), f(bandwidthGBs_), f(computeUs), f(memoryUs),
                            f(op.timeS * 1e6), op.computeBound ? tr("compute") : tr("memory"));
    if (op.shape.m > 0)
        text.prepend(tr("GEMM %1 × %2 · %2 × %3\n").arg(f(op.shape.m), f(op.shape.k), f(op.shape.n)));
    text += tr("\nE = DRAM %1 B · 8 · e_HBM + on-chip = %2 mJ per instance; × %3 instances over all GPUs")
                .arg(f(op.traffic.dramBytes), f((op.energyOffchipJ + op.energyOnchipJ) * 1e3), f(op.instancesTotal));
    return text;
}

} // namespace tierlens
