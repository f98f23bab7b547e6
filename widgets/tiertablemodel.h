#pragma once

#include "scenariotablemodel.h"

namespace tierlens {

/// The scenario's memory tiers as a table: name, kind, read and write energy, bandwidth, capacity
/// and static power. Numbers are set by ParamPath ("tiers.ssd.read_pj_per_bit"), the rest through
/// ScenarioDocument::edit(); nothing is changed behind the undo stack.
class TierTableModel : public ScenarioTableModel {
    Q_OBJECT
public:
    enum Column { Name, Kind, Read, Write, Bandwidth, Capacity, StaticPower, ColumnCount };

    explicit TierTableModel(ScenarioDocument* doc, QObject* parent = nullptr);

    PresetKind presetKind() const override { return PresetKind::Tier; }
    int addPreset(const QString& presetId, int row = -1) override;
    int addBlank(int row = -1) override;
    int duplicateRow(int row) override;
    /// Refused while the placement keeps the experts in the tier, a compared placement uses it or a
    /// heatmap axis is one of its numbers: the user changes those first, so nothing breaks silently.
    bool removeRowChecked(int row, QString* why = nullptr) override;

    static QString kindLabel(MemoryTier::Kind kind);

protected:
    std::vector<std::string> ids(const Scenario& s) const override;
    QVariant textData(const Scenario& s, const std::string& id, int column, int role) const override;
    bool setTextData(int row, int column, const QVariant& value) override;
    void moveItem(Workspace& w, int from, int to) const override;

private:
    int insert(MemoryTier tier, int row, const QString& text);
};

} // namespace tierlens
