#pragma once

#include "core/data/parampath.h"
#include "core/io/presetlibrary.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <string>
#include <vector>

namespace tierlens {

class WorkspaceDocument;
struct Workspace;
struct WorkspaceChange;

/// A table over one id-keyed list of the scenario (tiers, links). It mirrors the document: setData()
/// and the structural edits push undo commands, and the rows follow WorkspaceDocument::changed():
/// a set number is one dataChanged of its cell, structural edits fine-grained insert/remove/move
/// signals, so views keep their selection.
class ScenarioTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< the row's id
        ParamPathRole, ///< a number's ParamPath ("tiers.ssd.read_pj_per_bit"); empty for text
        ChoicesRole, ///< QStringList of choices for a column edited by index
    };

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    WorkspaceDocument* document() const { return doc_; }
    /// The list's ParamPath head: "tiers" or "links".
    QString collection() const { return QString::fromStdString(collection_); }
    QString idAt(int row) const;
    int rowOf(const QString& id) const;
    /// Range, unit and help of a number cell (its path filled in); empty path for text cells.
    ParamInfo paramInfo(const QModelIndex& index) const;

    /// Presets offered by "Add".
    virtual PresetKind presetKind() const = 0;
    /// Structural edits, one undo step each. Rows default to "after the last"; each returns the row
    /// of the new item, or -1.
    /// A preset from `lib` goes in through PresetLoader, as from every other place that loads one.
    int addPreset(const PresetLibrary& lib, const QString& presetId, int row = -1);
    virtual int addBlank(int row = -1) = 0;
    virtual int duplicateRow(int row) = 0;
    /// Refuses (returning false with the reason) when the item is still referenced.
    virtual bool removeRowChecked(int row, QString* why = nullptr) = 0;
    bool moveRowBy(int row, int delta);

protected:
    struct Column {
        QString title;
        std::string key; ///< field key of a number column; empty for text columns
        ParamInfo info; ///< a number column's description (path filled in per row)
    };

    /// `collection` is the list's ParamPath head ("tiers"); subclasses call sync() once built.
    ScenarioTableModel(WorkspaceDocument* doc, std::string collection, QObject* parent);

    template <class S> static Column numberColumn(const QString& title, std::string_view key)
    {
        const auto* f = findField(S::fields(), key);
        return { title, std::string(key),
            { {}, f->unit, f->help, f->min, f->minExclusive, f->max, fieldIsInteger(*f) } };
    }
    void setColumns(std::vector<Column> columns) { columns_ = std::move(columns); }
    bool isNumber(int column) const { return !columns_[std::size_t(column)].key.empty(); }

    virtual std::vector<std::string> ids(const Scenario& s) const = 0;
    /// Data of text columns (name, kind) of the item with this id; nothing when it is gone.
    virtual QVariant textData(const Scenario& s, const std::string& id, int column, int role) const = 0;
    virtual bool setTextData(int row, int column, const QVariant& value) = 0;
    virtual void moveItem(Workspace& w, int from, int to) const = 0;

    /// Where the workspace's heatmap axes name a path under `prefix` ("tiers.ssd.").
    static QStringList heatmapUses(const Workspace& w, const std::string& prefix);
    std::string pathOf(int row, int column) const;
    void sync();

private:
    bool isCell(const QModelIndex& index) const;
    void documentChanged(const WorkspaceChange& change);
    /// The cell showing the number at `path`, if this table shows it.
    QModelIndex cellOf(const std::string& path) const;
    std::vector<QVariant> rowValues(const Scenario& s, int row) const;

    WorkspaceDocument* doc_;
    std::string collection_;
    std::vector<Column> columns_;
    std::vector<std::string> ids_;
    std::vector<std::vector<QVariant>> values_; ///< last seen edit values, to signal only changes
};

} // namespace tierlens
