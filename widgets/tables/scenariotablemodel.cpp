#include "widgets/tables/scenariotablemodel.h"

#include "core/data/provenance.h"
#include "document/paramlabel.h"
#include "document/presetloader.h"
#include "document/workspacechange.h"
#include "document/workspacedocument.h"
#include "widgets/common/numberspinbox.h"

namespace tierlens {

namespace {

// The one row where two id lists part ways, or their common length.
std::size_t firstDifference(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i])
        ++i;
    return i;
}

bool equalWithout(
    const std::vector<std::string>& longer, std::size_t skip, const std::vector<std::string>& shorter)
{
    for (std::size_t i = 0, j = 0; i < longer.size(); ++i)
        if (i != skip && longer[i] != shorter[j++])
            return false;
    return true;
}

} // namespace

ScenarioTableModel::ScenarioTableModel(WorkspaceDocument* doc, std::string collection, QObject* parent)
    : QAbstractTableModel(parent)
    , doc_(doc)
    , collection_(std::move(collection))
{
    connect(doc_, &WorkspaceDocument::changed, this, &ScenarioTableModel::documentChanged);
}

int ScenarioTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(ids_.size());
}

int ScenarioTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(columns_.size());
}

std::string ScenarioTableModel::pathOf(int row, int column) const
{
    return collection_ + "." + ids_[std::size_t(row)] + "." + columns_[std::size_t(column)].key;
}

bool ScenarioTableModel::isCell(const QModelIndex& index) const
{
    // Views and the model tester ask about the invisible root too; that is no mistake to warn of.
    return index.isValid()
        && checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid);
}

ParamInfo ScenarioTableModel::paramInfo(const QModelIndex& index) const
{
    if (!isCell(index) || !isNumber(index.column()))
        return {};
    ParamInfo info = columns_[std::size_t(index.column())].info;
    info.path = pathOf(index.row(), index.column());
    return info;
}

QVariant ScenarioTableModel::data(const QModelIndex& index, int role) const
{
    if (!isCell(index))
        return {};
    const int row = index.row();
    const int column = index.column();
    if (role == IdRole)
        return QString::fromStdString(ids_[std::size_t(row)]);
    if (!isNumber(column)) {
        if (role == ParamPathRole)
            return QString();
        return textData(doc_->scenario(), ids_[std::size_t(row)], column, role);
    }
    switch (role) {
    case Qt::DisplayRole:
        return NumberSpinBox::format(values_[std::size_t(row)][std::size_t(column)].toDouble());
    case Qt::EditRole:
        return values_[std::size_t(row)][std::size_t(column)];
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        // Where the constant comes from, or that nobody says: an assumption.
        const std::string source = sourceText(doc_->scenario(), pathOf(row, column));
        QString tip = ParamLabel::toolTip(paramInfo(index));
        if (!source.empty())
            tip += QStringLiteral("<p>%1</p>").arg(QString::fromStdString(source).toHtmlEscaped());
        return tip;
    }
    case ParamPathRole:
        return QString::fromStdString(pathOf(row, column));
    default:
        return {};
    }
}

QVariant ScenarioTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if ((role == Qt::DisplayRole || role == Qt::ToolTipRole) && section >= 0 && section < rowCount())
            return QString::fromStdString(ids_[std::size_t(section)]);
        return {};
    }
    if (section < 0 || section >= columnCount())
        return {};
    const Column& c = columns_[std::size_t(section)];
    const QString unit = QString::fromUtf8(c.info.unit.data(), qsizetype(c.info.unit.size()));
    if (role == Qt::DisplayRole)
        return unit.isEmpty() ? c.title : c.title + QLatin1Char('\n') + unit;
    if (role == Qt::ToolTipRole && !c.key.empty())
        return QString(ParamLabel::field(c.key) + QStringLiteral(": ")
            + QString::fromUtf8(c.info.help.data(), qsizetype(c.info.help.size())));
    return {};
}

Qt::ItemFlags ScenarioTableModel::flags(const QModelIndex& index) const
{
    if (!isCell(index))
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemNeverHasChildren;
}

bool ScenarioTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !isCell(index))
        return false;
    if (!isNumber(index.column()))
        return setTextData(index.row(), index.column(), value);
    bool ok = false;
    const double v = value.toDouble(&ok);
    // The document signals the change; dataChanged follows from sync().
    return ok && doc_->setValue(QString::fromStdString(pathOf(index.row(), index.column())), v);
}

QString ScenarioTableModel::idAt(int row) const
{
    return row >= 0 && row < rowCount() ? QString::fromStdString(ids_[std::size_t(row)]) : QString();
}

int ScenarioTableModel::rowOf(const QString& id) const
{
    const std::string key = id.toStdString();
    for (std::size_t i = 0; i < ids_.size(); ++i)
        if (ids_[i] == key)
            return int(i);
    return -1;
}

int ScenarioTableModel::addPreset(const PresetLibrary& lib, const QString& presetId, int row)
{
    if (row < 0 || row > rowCount())
        row = rowCount();
    return PresetLoader::load(*doc_, lib, { presetKind(), presetId, 0, row }) ? row : -1;
}

bool ScenarioTableModel::moveRowBy(int row, int delta)
{
    const int to = row + delta;
    if (row < 0 || row >= rowCount() || to < 0 || to >= rowCount() || delta == 0)
        return false;
    doc_->edit(delta < 0 ? tr("Move %1 up").arg(idAt(row)) : tr("Move %1 down").arg(idAt(row)),
        [this, row, to](Workspace& w) { moveItem(w, row, to); });
    return true;
}

QStringList ScenarioTableModel::heatmapUses(const Workspace& w, const std::string& prefix)
{
    QStringList uses;
    if (w.heatmap.x.path.compare(0, prefix.size(), prefix) == 0)
        uses << tr("the heatmap's x axis");
    if (w.heatmap.y.path.compare(0, prefix.size(), prefix) == 0)
        uses << tr("the heatmap's y axis");
    return uses;
}

std::vector<QVariant> ScenarioTableModel::rowValues(const Scenario& s, int row) const
{
    std::vector<QVariant> v;
    v.reserve(columns_.size());
    for (int c = 0; c < columnCount(); ++c)
        v.push_back(isNumber(c) ? QVariant(parampath::get(s, pathOf(row, c)).value_or(0.0))
                                : textData(s, ids_[std::size_t(row)], c, Qt::EditRole));
    return v;
}

QModelIndex ScenarioTableModel::cellOf(const std::string& path) const
{
    // "<collection>.<id>.<key>"; ids hold no dots (idlist::uniqueId).
    const std::string head = collection_ + ".";
    if (path.compare(0, head.size(), head) != 0)
        return {};
    const auto dot = path.find('.', head.size());
    if (dot == std::string::npos)
        return {};
    const int row = rowOf(QString::fromStdString(path.substr(head.size(), dot - head.size())));
    const std::string key = path.substr(dot + 1);
    for (int c = 0; row >= 0 && c < columnCount(); ++c)
        if (columns_[std::size_t(c)].key == key)
            return index(row, c);
    return {};
}

void ScenarioTableModel::documentChanged(const WorkspaceChange& change)
{
    if (!change.valuesOnly()) {
        sync();
        return;
    }
    for (const std::string& path : change.paths) {
        const QModelIndex cell = cellOf(path);
        if (!cell.isValid())
            continue;
        QVariant& old = values_[std::size_t(cell.row())][std::size_t(cell.column())];
        const QVariant now(parampath::get(doc_->scenario(), path).value_or(0.0));
        if (now == old)
            continue;
        old = now;
        emit dataChanged(cell, cell);
    }
}

void ScenarioTableModel::sync()
{
    const Scenario& s = doc_->scenario();
    const std::vector<std::string> next = ids(s);
    if (next != ids_) {
        const std::size_t at = firstDifference(ids_, next);
        const int r = int(at);
        if (next.size() == ids_.size() + 1 && equalWithout(next, at, ids_)) {
            beginInsertRows({}, r, r);
            ids_ = next;
            values_.insert(values_.begin() + r, rowValues(s, r));
            endInsertRows();
        } else if (next.size() + 1 == ids_.size() && equalWithout(ids_, at, next)) {
            beginRemoveRows({}, r, r);
            ids_ = next;
            values_.erase(values_.begin() + r);
            endRemoveRows();
        } else if (next.size() == ids_.size() && at + 1 < next.size() && ids_[at] == next[at + 1]
            && ids_[at + 1] == next[at] && firstDifference(ids_, next) == at
            && std::equal(ids_.begin() + r + 2, ids_.end(), next.begin() + r + 2)) {
            // An adjacent swap, which is all "move up/down" does: the row below moves above.
            beginMoveRows({}, r + 1, r + 1, {}, r);
            ids_ = next;
            std::swap(values_[at], values_[at + 1]);
            endMoveRows();
        } else {
            beginResetModel();
            ids_ = next;
            values_.clear();
            for (int i = 0; i < int(ids_.size()); ++i)
                values_.push_back(rowValues(s, i));
            endResetModel();
            return;
        }
    }
    for (int row = 0; row < rowCount(); ++row) {
        auto now = rowValues(s, row);
        auto& old = values_[std::size_t(row)];
        int first = -1, last = -1;
        for (int c = 0; c < columnCount(); ++c)
            if (now[std::size_t(c)] != old[std::size_t(c)]) {
                first = first < 0 ? c : first;
                last = c;
            }
        if (first < 0)
            continue;
        old = std::move(now);
        emit dataChanged(index(row, first), index(row, last));
    }
}

} // namespace tierlens
