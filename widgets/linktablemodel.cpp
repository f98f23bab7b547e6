#include "linktablemodel.h"

#include "idlist.h"
#include "scenariodocument.h"
#include "scenariojson.h"

#include <algorithm>

namespace tierlens {

LinkTableModel::LinkTableModel(ScenarioDocument* doc, QObject* parent)
    : ScenarioTableModel(doc, "links", parent)
{
    setColumns({
        {tr("Name"), {}, {}},
        numberColumn<Interconnect>(tr("Bandwidth"), "bandwidth_gb_s"),
        numberColumn<Interconnect>(tr("Latency"), "latency_us"),
        numberColumn<Interconnect>(tr("Energy"), "pj_per_bit"),
    });
    sync();
}

std::vector<std::string> LinkTableModel::ids(const Scenario& s) const
{
    std::vector<std::string> v;
    for (const auto& l : s.links)
        v.push_back(l.id);
    return v;
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

void LinkTableModel::moveItem(Workspace& w, int from, int to) const { idlist::move(w.scenario.links, from, to); }

int LinkTableModel::insert(Interconnect link, int row, const QString& text)
{
    const auto& links = document()->scenario().links;
    if (row < 0 || row > int(links.size()))
        row = int(links.size());
    link.id = idlist::uniqueId(links, link.id);
    document()->edit(text.arg(QString::fromStdString(link.id)),
                     [&link, row](Workspace& w) { w.scenario.links.insert(w.scenario.links.begin() + row, link); });
    return row;
}

int LinkTableModel::addPreset(const QString& presetId, int row)
{
    const PresetEntry* e = PresetLibrary::builtin().find(PresetKind::Link, presetId.toStdString());
    if (!e)
        return -1;
    Interconnect l;
    Problems problems;
    fromJson(e->json, l, "link", problems);
    if (!problems.empty())
        return -1;
    return insert(std::move(l), row, tr("Add link %1"));
}

int LinkTableModel::addBlank(int row)
{
    Interconnect l;
    l.id = "link";
    l.name = tr("New link").toStdString();
    // Zero bandwidth is invalid; start from something the validator accepts.
    l.bandwidthGBs = 64;
    return insert(std::move(l), row, tr("Add link %1"));
}

int LinkTableModel::duplicateRow(int row)
{
    const Interconnect* l = document()->scenario().findLink(idAt(row).toStdString());
    if (!l)
        return -1;
    Interconnect copy = *l;
    copy.name = tr("%1 (copy)").arg(QString::fromStdString(l->name)).toStdString();
    return insert(std::move(copy), row + 1, tr("Duplicate link as %1"));
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
