#pragma once

#include <QWidget>

#include <vector>

class QTableWidget;
class QToolButton;

namespace tierlens {

class WorkspaceDocument;
struct ExpertTierShare;

/// The tiered expert placement (placement.tiers): one row per tier, hottest first, with the
/// number of experts per MoE layer it holds and the links its copies cross. Every edit is one
/// undoable command of the WorkspaceDocument.
class TieredPlacementEditor : public QWidget {
    Q_OBJECT
public:
    explicit TieredPlacementEditor(WorkspaceDocument* doc, QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }

    /// Appends a row for `tierId` holding the rest of the experts (the previous last row keeps
    /// what it held then).
    void addTier(const QString& tierId);
    void removeTier(int row);
    void setTier(int row, const QString& tierId);
    /// -1: the rest (last row only).
    void setExperts(int row, int experts);
    /// Link ids, tier side first, separated by commas or arrows.
    void setPath(int row, const QString& text);

private:
    void refresh();
    void apply(const std::vector<ExpertTierShare>& tiers, const QString& text);

    WorkspaceDocument* doc_;
    QTableWidget* table_;
    QToolButton* add_;
    QToolButton* remove_;
};

} // namespace tierlens
