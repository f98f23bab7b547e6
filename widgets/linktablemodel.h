#pragma once

#include "scenariotablemodel.h"

namespace tierlens {

/// The scenario's interconnects as a table: name, bandwidth, latency and energy per bit. Numbers
/// are set by ParamPath ("links.nvlink4.bandwidth_gb_s"), names and structure through edit().
class LinkTableModel : public ScenarioTableModel {
    Q_OBJECT
public:
    enum Column { Name, Bandwidth, Latency, Energy, ColumnCount };

    explicit LinkTableModel(ScenarioDocument* doc, QObject* parent = nullptr);

    PresetKind presetKind() const override { return PresetKind::Link; }
    int addPreset(const QString& presetId, int row = -1) override;
    int addBlank(int row = -1) override;
    int duplicateRow(int row) override;
    /// Refused while the cluster names the link, the placement's path crosses it, a compared
    /// placement does, or a heatmap axis is one of its numbers.
    bool removeRowChecked(int row, QString* why = nullptr) override;

protected:
    std::vector<std::string> ids(const Scenario& s) const override;
    QVariant textData(const Scenario& s, const std::string& id, int column, int role) const override;
    bool setTextData(int row, int column, const QVariant& value) override;
    void moveItem(Workspace& w, int from, int to) const override;

private:
    int insert(Interconnect link, int row, const QString& text);
};

} // namespace tierlens
