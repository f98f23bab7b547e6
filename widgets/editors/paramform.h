#pragma once

#include "core/data/parampath.h"

#include <QStringList>
#include <QWidget>

#include <string_view>
#include <vector>

class QFontMetrics;
class QFormLayout;
class QLabel;
class QLayout;

namespace tierlens {

class MessageLabel;
class NumberSpinBox;
class WorkspaceDocument;
struct WorkspaceChange;

/// The one form behind every editor's numbers: a labelled spin box for each ParamPath under the
/// given prefixes, built from parampath::list() (unit as suffix, range from min/max, tooltip from the
/// help text). Each change is a WorkspaceDocument::setValue, so typing into a field is one undo step.
class ParamForm : public QWidget {
    Q_OBJECT
public:
    /// Shows every number whose path is `<prefix>.<key>` for one of `prefixes` ("gpu", "model.moe"),
    /// in parampath::list() order. A prefix the scenario lacks (a dense model's "model.moe") shows
    /// nothing until it appears.
    ParamForm(WorkspaceDocument* doc, const QStringList& prefixes, QWidget* parent = nullptr);

    /// Appends a row that is not a number (a link picker) below the numbers, aligned with them.
    void addRow(const QString& label, QWidget* field);
    void addRow(const QString& label, QLayout* field);
    /// Adds a row above the numbers (a preset picker), after earlier leading rows.
    void addLeadingRow(const QString& label, QWidget* field);
    void addLeadingRow(const QString& label, QLayout* field);

    /// Shows another set of paths (the selected tier's "tiers.ssd"); nothing for an empty list.
    void setPrefixes(const QStringList& prefixes);
    const QStringList& prefixes() const { return prefixes_; }

    /// The spin box of a path, or nullptr when the form does not show it.
    NumberSpinBox* spinBox(const QString& path) const;
    QStringList paths() const;
    /// Why the last typed value was refused (out of range, not whole); empty after a good edit.
    QString message() const;

    /// Lists the fields again when the document's structure changed and reads every value.
    void refresh();

    /// Width of the label column, the same in every form so sections line up.
    static int labelWidth(const QFontMetrics& metrics);

private:
    /// After a change of values only, sets just those boxes; otherwise refresh().
    void documentChanged(const WorkspaceChange& change);
    void showValue(NumberSpinBox* box, const Scenario& s);
    std::vector<ParamInfo> shownParams() const;
    void rebuild(const std::vector<ParamInfo>& params);
    QLabel* newLabel(const QString& text);

    WorkspaceDocument* doc_;
    QStringList prefixes_;
    QFormLayout* form_;
    MessageLabel* message_;
    std::vector<NumberSpinBox*> boxes_;
    int leading_ = 0; ///< rows above the numbers
};

} // namespace tierlens
