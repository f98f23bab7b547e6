#pragma once

#include "core/io/presetlibrary.h"

#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;
class QLineEdit;

namespace tierlens {

/// Every preset one click away: the reference study's figures first, then scenarios, models,
/// GPUs, systems, tiers and links. Activating an item asks the window to load it.
class PresetsBrowser : public QWidget {
    Q_OBJECT
public:
    explicit PresetsBrowser(const PresetLibrary& library, QWidget* parent = nullptr);

    /// Number of loadable items, for tests.
    int itemCount() const;
    QTreeWidget* tree() const { return tree_; }

signals:
    /// `caseIndex` picks the model of a multi-model study (fig5: 0 Mixtral, 1 DeepSeek-R1).
    void presetActivated(tierlens::PresetKind kind, const QString& id, int caseIndex);

private:
    void populate();
    void filter(const QString& text);
    void activate(QTreeWidgetItem* item);

    const PresetLibrary& lib_;
    QLineEdit* search_;
    QTreeWidget* tree_;
};

} // namespace tierlens
