#pragma once

#include "core/import/hfconfigimporter.h"

#include <QDialog>
#include <QString>

class QLabel;
class QListWidget;

namespace tierlens {

class WorkspaceDocument;

/// Shows a model read from a Hugging Face config.json — its main sizes and every key that did
/// not carry over — before it replaces the scenario's model.
class ModelImportDialog : public QDialog {
    Q_OBJECT
public:
    ModelImportDialog(const QString& fileName, const HfConfigImport& imported, QWidget* parent = nullptr);

    QListWidget* notesList() const { return notes_; }
    /// The rows shown for the mapped model, as "label: value" (what the dialog lists, for tests).
    QStringList summaryLines() const { return summary_; }
    /// The parameter counts by class (rich text).
    QLabel* paramsLabel() const { return params_; }

    /// Reads and maps a config file. Problems (unreadable file, JSON syntax with its line and
    /// column, fields the importer refuses) are under the model, each naming the file.
    static HfConfigImport read(const QString& path);
    /// Whether a file looks like a Hugging Face config rather than a scenario or workspace.
    static bool looksLikeHfConfig(const QString& path);
    /// Replaces the scenario's model as one undoable step.
    static void apply(WorkspaceDocument& doc, const ModelSpec& model);

private:
    QListWidget* notes_ = nullptr;
    QLabel* params_ = nullptr;
    QStringList summary_;
};

} // namespace tierlens
