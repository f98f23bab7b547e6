#pragma once

#include "widgets/tables/scenarioitemtablemodel.h"

namespace tierlens {

/// The scenario's memory tiers as a table: name, kind, read and write energy, bandwidth, capacity
/// and static power. Numbers are set by ParamPath ("tiers.ssd.read_pj_per_bit"), the rest through
/// WorkspaceDocument::edit(); nothing is changed behind the undo stack.
class TierTableModel : public ScenarioItemTableModel<MemoryTier> {
    Q_OBJECT
public:
    enum Column { Name, Kind, Read, Write, Bandwidth, Capacity, StaticPower, ColumnCount };

    explicit TierTableModel(WorkspaceDocument* doc, QObject* parent = nullptr);

    PresetKind presetKind() const override { return PresetKind::Tier; }
    /// Refused while the placement keeps the experts in the tier, a compared placement uses it or a
    /// heatmap axis is one of its numbers: the user changes those first, so nothing breaks silently.
    bool removeRowChecked(int row, QString* why = nullptr) override;

    static QString kindLabel(MemoryTier::Kind kind);

protected:
    QVariant textData(const Scenario& s, const std::string& id, int column, int role) const override;
    bool setTextData(int row, int column, const QVariant& value) override;
    const std::vector<MemoryTier>& items(const Scenario& s) const override { return s.tiers; }
    std::vector<MemoryTier>& items(Scenario& s) const override { return s.tiers; }
    Words words() const override;
};

} // namespace tierlens
