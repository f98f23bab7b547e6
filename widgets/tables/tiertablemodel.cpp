#include "widgets/tables/tiertablemodel.h"

#include "document/workspacedocument.h"

#include <algorithm>
#include <iterator>

namespace tierlens {

namespace {
constexpr MemoryTier::Kind kKinds[] = { MemoryTier::Kind::Device, MemoryTier::Kind::HostDram,
    MemoryTier::Kind::Flash, MemoryTier::Kind::Other };
} // namespace

TierTableModel::TierTableModel(WorkspaceDocument* doc, QObject* parent)
    : ScenarioItemTableModel<MemoryTier>(doc, "tiers", parent)
{
    setColumns({
        { tr("Name"), {}, {} },
        { tr("Kind"), {}, {} },
        numberColumn<MemoryTier>(tr("Read"), "read_pj_per_bit"),
        numberColumn<MemoryTier>(tr("Write"), "write_pj_per_bit"),
        // Short titles keep seven columns inside a dock; header tooltips and the form below the
        // table give the full names.
        numberColumn<MemoryTier>(tr("BW"), "bandwidth_gb_s"),
        numberColumn<MemoryTier>(tr("Size"), "capacity_gib"),
        numberColumn<MemoryTier>(tr("Static"), "static_power_w"),
    });
    sync();
}

QString TierTableModel::kindLabel(MemoryTier::Kind kind)
{
    switch (kind) {
    case MemoryTier::Kind::Device:
        return tr("Device");
    case MemoryTier::Kind::HostDram:
        return tr("Host DRAM");
    case MemoryTier::Kind::Flash:
        return tr("Flash");
    case MemoryTier::Kind::Other:
        break;
    }
    return tr("Other");
}

QVariant TierTableModel::textData(const Scenario& s, const std::string& id, int column, int role) const
{
    const MemoryTier* t = s.findTier(id);
    if (!t)
        return {};
    if (column == Name) {
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return QString::fromStdString(t->name);
        if (role == Qt::ToolTipRole)
            return tr("Name shown in charts; the id <code>%1</code> is what paths and the placement use.")
                .arg(QString::fromStdString(id).toHtmlEscaped());
        return {};
    }
    const int k = int(std::find(std::begin(kKinds), std::end(kKinds), t->kind) - std::begin(kKinds));
    switch (role) {
    case Qt::DisplayRole:
        return kindLabel(t->kind);
    case Qt::EditRole:
        return k;
    case ChoicesRole: {
        QStringList labels;
        for (auto kind : kKinds)
            labels << kindLabel(kind);
        return labels;
    }
    case Qt::ToolTipRole:
        return tr("What the tier is made of; informative only, the numbers decide.");
    default:
        return {};
    }
}

bool TierTableModel::setTextData(int row, int column, const QVariant& value)
{
    const std::string id = idAt(row).toStdString();
    const MemoryTier* t = document()->scenario().findTier(id);
    if (!t)
        return false;
    if (column == Name) {
        const std::string name = value.toString().toStdString();
        if (name == t->name)
            return true;
        document()->edit(tr("Rename tier %1").arg(idAt(row)),
            [id, name](Workspace& w) { w.scenario.findTier(id)->name = name; });
        return true;
    }
    bool ok = false;
    const int k = value.toInt(&ok);
    if (!ok || k < 0 || k >= int(std::size(kKinds)))
        return false;
    if (kKinds[k] != t->kind)
        document()->edit(tr("Change kind of tier %1").arg(idAt(row)),
            [id, kind = kKinds[k]](Workspace& w) { w.scenario.findTier(id)->kind = kind; });
    return true;
}

TierTableModel::Words TierTableModel::words() const
{
    return { tr("Add tier %1"), tr("Duplicate tier as %1"), tr("New tier"), "tier", kHbmTierId };
}

bool TierTableModel::removeRowChecked(int row, QString* why)
{
    const std::string id = idAt(row).toStdString();
    if (id.empty())
        return false;
    const Workspace& ws = document()->workspace();
    QStringList uses;
    if (ws.scenario.placement.expertTier == id)
        uses << tr("the placement keeps the routed experts in it");
    for (const auto& p : ws.placements)
        if (p.expertTier == id)
            uses << tr("the compared placement “%1”").arg(QString::fromStdString(p.label));
    uses << heatmapUses(ws, "tiers." + id + ".");
    if (!uses.isEmpty()) {
        if (why)
            *why = tr("Tier “%1” is still used: %2. Change that first.")
                       .arg(QString::fromStdString(id), uses.join(QStringLiteral("; ")));
        return false;
    }
    document()->edit(tr("Remove tier %1").arg(QString::fromStdString(id)),
        [row](Workspace& w) { w.scenario.tiers.erase(w.scenario.tiers.begin() + row); });
    return true;
}

} // namespace tierlens
