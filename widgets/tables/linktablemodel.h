#pragma once

#include "widgets/tables/scenarioitemtablemodel.h"

namespace tierlens {

/// The scenario's interconnects as a table: name, bandwidth, latency and energy per bit. Numbers
/// are set by ParamPath ("links.nvlink4.bandwidth_gb_s"), names and structure through edit().
class LinkTableModel : public ScenarioItemTableModel<Interconnect> {
    Q_OBJECT
public:
    enum Column { Name, Bandwidth, Latency, Energy, ColumnCount };

    explicit LinkTableModel(WorkspaceDocument* doc, QObject* parent = nullptr);

    PresetKind presetKind() const override { return PresetKind::Link; }
    /// Refused while the cluster names the link, the placement's path crosses it, a compared
    /// placement does, or a heatmap axis is one of its numbers.
    bool removeRowChecked(int row, QString* why = nullptr) override;

protected:
    QVariant textData(const Scenario& s, const std::string& id, int column, int role) const override;
    bool setTextData(int row, int column, const QVariant& value) override;
    const std::vector<Interconnect>& items(const Scenario& s) const override { return s.links; }
    std::vector<Interconnect>& items(Scenario& s) const override { return s.links; }
    Words words() const override;
};

} // namespace tierlens
