#pragma once

#include "core/explain/explainer.h"

#include <QPalette>
#include <QString>
#include <QWidget>

#include <optional>

class QTextBrowser;

namespace tierlens {

/// The "how is this number built" dock: renders an Explanation (title, numbered steps with the
/// formula, the same formula with the scenario's numbers and the value, the largest terms of a
/// sum, a note) as wrapped rich text in a read-only browser, or a placeholder when nothing is
/// selected. Meant for a dock about 380 px wide: text wraps, there is no horizontal scrolling.
class ExplainPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExplainPanel(QWidget* parent = nullptr);

    /// The explanation shown; nullptr while the placeholder is up.
    const Explanation* explanation() const { return current_ ? &*current_ : nullptr; }

    /// The HTML an explanation is rendered as, with colours taken from `palette`.
    static QString toHtml(const Explanation& explanation, const QPalette& palette);
    /// The HTML of the placeholder ("Click a bar segment or a heatmap cell …").
    static QString placeholderHtml(const QPalette& palette);

public slots:
    /// Shows `explanation` (copied); an empty one shows the placeholder.
    void showExplanation(const tierlens::Explanation& explanation);
    /// Back to the placeholder.
    void clear();

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();

    QTextBrowser* browser_ = nullptr;
    std::optional<Explanation> current_;
};

} // namespace tierlens
