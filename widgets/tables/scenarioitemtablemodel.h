#pragma once

#include "document/idlist.h"
#include "document/workspacedocument.h"
#include "widgets/tables/scenariotablemodel.h"

namespace tierlens {

/// What tiers and links share as tables: one id-keyed list of the scenario, filled with blank
/// items or copies (presets come through PresetLoader), reordered, all through undoable document edits.
/// Subclasses say which list, how its items read and which words the undo steps use.
template <class T> class ScenarioItemTableModel : public ScenarioTableModel {
public:
    using ScenarioTableModel::ScenarioTableModel;

    int addBlank(int row = -1) override
    {
        T item;
        item.id = words().blankId;
        item.name = words().blankName.toStdString();
        // Zero bandwidth is invalid; start from something the validator accepts.
        item.bandwidthGBs = 64;
        return insert(std::move(item), row, words().add);
    }

    int duplicateRow(int row) override
    {
        const auto& list = items(document()->scenario());
        const std::string id = idAt(row).toStdString();
        const auto it = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.id == id; });
        if (it == list.end())
            return -1;
        T copy = *it;
        copy.name = QObject::tr("%1 (copy)").arg(QString::fromStdString(it->name)).toStdString();
        return insert(std::move(copy), row + 1, words().duplicate);
    }

protected:
    /// Texts of the undo steps ("Add tier %1", the %1 being the new id) and of blank items.
    struct Words {
        QString add;
        QString duplicate;
        QString blankName;
        std::string blankId;
        std::string_view reservedId; ///< never handed out ("hbm" names the GPU's own memory)
    };

    virtual const std::vector<T>& items(const Scenario& s) const = 0;
    virtual std::vector<T>& items(Scenario& s) const = 0;
    virtual Words words() const = 0;

    std::vector<std::string> ids(const Scenario& s) const override
    {
        std::vector<std::string> v;
        for (const auto& x : items(s))
            v.push_back(x.id);
        return v;
    }

    void moveItem(Workspace& w, int from, int to) const override
    {
        idlist::move(items(w.scenario), from, to);
    }

private:
    int insert(T item, int row, const QString& text)
    {
        const auto& list = items(document()->scenario());
        if (row < 0 || row > int(list.size()))
            row = int(list.size());
        item.id = idlist::uniqueId(list, item.id, words().reservedId);
        document()->edit(text.arg(QString::fromStdString(item.id)), [this, &item, row](Workspace& w) {
            auto& target = items(w.scenario);
            target.insert(target.begin() + row, item);
        });
        return row;
    }
};

} // namespace tierlens
