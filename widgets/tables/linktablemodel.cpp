#include "widgets/tables/linktablemodel.h"

#include "document/workspacedocument.h"

#include <algorithm>

namespace tierlens {

LinkTableModel::LinkTableModel(WorkspaceDocument* doc, QObject* parent)
    : ScenarioItemTableModel<Interconnect>(doc, "links", parent)
{
    setColumns({
        { tr("Name"), {}, {} },
        numberColumn<Interconnect>(tr("Bandwidth"), "bandwidth_gb_s"),
        numberColumn<Interconnect>(tr("Latency"), "latency_us"),
        numberColumn<Interconnect>(tr("Energy"), "pj_per_bit"),
    });
    sync();
}

QVariant LinkTableModel::textData(const Scenario& s, const std::string& id, int column, int role) const
{
    const Interconnect* l = s.findLink(id);
    if (!l || column != Name)
        return {};
    if (role == Qt::DisplayRole || role == Qt::EditRole)
        return QString::fromStdString(l->name);
    if (role == Qt::ToolTipRole)
        return tr("Name shown in pickers and charts; the id <code>%1</code> is what paths, the cluster "
                  "and the placement use.")
            .arg(QString::fromStdString(id).toHtmlEscaped());
    return {};
}

bool LinkTableModel::setTextData(int row, int column, const QVariant& value)
{
    const std::string id = idAt(row).toStdString();
    const Interconnect* l = document()->scenario().findLink(id);
    if (!l || column != Name)
        return false;
    const std::string name = value.toString().toStdString();
    if (name != l->name)
        document()->edit(tr("Rename link %1").arg(idAt(row)),
            [id, name](Workspace& w) { w.scenario.findLink(id)->name = name; });
    return true;
}

LinkTableModel::Words LinkTableModel::words() const
{
    return { tr("Add link %1"), tr("Duplicate link as %1"), tr("New link"), "link", {} };
}

bool LinkTableModel::removeRowChecked(int row, QString* why)
{
    const std::string id = idAt(row).toStdString();
    if (id.empty())
        return false;
    const Workspace& ws = document()->workspace();
    const Scenario& s = ws.scenario;
    const auto crosses = [&](const std::vector<std::string>& path) {
        return std::find(path.begin(), path.end(), id) != path.end();
    };
    QStringList uses;
    if (s.cluster.intraLink == id)
        uses << tr("it is the cluster's intra-node link");
    if (s.cluster.interLink == id)
        uses << tr("it is the cluster's inter-node link");
    if (crosses(s.placement.path))
        uses << tr("the placement's link chain crosses it");
    for (const auto& p : ws.placements)
        if (crosses(p.path))
            uses << tr("the compared placement “%1” crosses it").arg(QString::fromStdString(p.label));
    uses << heatmapUses(ws, "links." + id + ".");
    if (!uses.isEmpty()) {
        if (why)
            *why = tr("Link “%1” is still used: %2. Change that first.")
                       .arg(QString::fromStdString(id), uses.join(QStringLiteral("; ")));
        return false;
    }
    document()->edit(tr("Remove link %1").arg(QString::fromStdString(id)),
        [row](Workspace& w) { w.scenario.links.erase(w.scenario.links.begin() + row); });
    return true;
}

} // namespace tierlens
