#pragma once

#include "core/study/papercheck.h"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QTableWidget;

namespace tierlens {

class PresetLibrary;

/// The validation gallery: every published number of the reference study next to ours, with the
/// difference and pass, documented deviation or fail. A row's tooltip says how our value is computed;
/// double-clicking it asks for the study behind it.
class ValidationGallery : public QWidget {
    Q_OBJECT
public:
    enum Column { Check, Published, Ours, Difference, Tolerance, Outcome, ColumnCount };

    explicit ValidationGallery(const PresetLibrary& lib, QWidget* parent = nullptr);

    /// Runs every check (the reference figures are run once, here).
    void refresh();
    QTableWidget* table() const { return table_; }
    const std::vector<PaperCheckResult>& results() const { return results_; }
    QString summaryText() const;
    /// The Result column's text: "pass", "deviation" (documented, see the tooltip) or "FAIL"; a
    /// measured row the model stays below reads "measured".
    static QString outcomeText(PaperStatus s);

signals:
    /// The study preset (and its case) behind a double-clicked check.
    void studyRequested(const QString& id, int caseIndex);

private:
    const PresetLibrary& lib_;
    std::unique_ptr<PaperRuns> runs_;
    std::vector<PaperCheckResult> results_;
    QLabel* summary_;
    QTableWidget* table_;
};

} // namespace tierlens
