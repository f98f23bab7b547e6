#pragma once

#include <QComboBox>
#include <QList>

namespace tierlens {

/// A combo box of ids with readable labels (presets, tiers, links) that follows the document
/// without flicker: items are rebuilt only when they change, and an id that is not among them (a
/// link that was renamed away, a GPU that is no preset) shows as a marked extra item instead of
/// silently selecting something else.
class IdComboBox : public QComboBox {
    Q_OBJECT
public:
    struct Item {
        QString id;
        QString label;
        QString toolTip;
        bool operator==(const Item&) const = default;
    };

    explicit IdComboBox(QWidget* parent = nullptr);

    void setItems(const QList<Item>& items);
    /// Selects `id`; an unknown id gets an extra item reading `unknownLabel` (or "id (missing)").
    void setCurrentId(const QString& id, const QString& unknownLabel = {});
    QString currentId() const;
    /// Picks an id as the user would (emits idChosen); false when it is not an item.
    bool choose(const QString& id);

    /// The current label as drawn: elided in the middle when the box is narrow, so "SSD (NVLink4)"
    /// and "SSD (NVLink5)" never both read "SSD (NVLi…".
    QString shownText() const;
    /// The tooltip shown over the box: the full label first when it is elided, then the box's own.
    QString shownToolTip() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

signals:
    /// The user picked an item, possibly the current one again (a preset is then reloaded).
    void idChosen(const QString& id);

private:
    QRect textRect() const;

    QList<Item> items_;
};

} // namespace tierlens
