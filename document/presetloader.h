#pragma once

#include "core/io/presetlibrary.h"

#include <QString>

namespace tierlens {

class WorkspaceDocument;

/// One preset to load, and where it goes.
struct PresetRequest {
    PresetKind kind = PresetKind::Scenario;
    QString id;
    int caseIndex = 0; ///< which case of a study
    int row = -1; ///< where an added tier or link goes; -1 (or past the end): after the last
};

/// The one way a preset enters the document, whichever control asked for it (the preset browser,
/// the Figures menu, an editor's preset picker, a table's Add menu), so a preset means the same
/// everywhere and its undo step reads the same: a study or scenario replaces the workspace; a
/// model, GPU or system replaces that part of the scenario ("Load model preset DeepSeek-R1"); a
/// tier or link is added under an id no other item has ("Add tier preset HBM3").
class PresetLoader {
public:
    /// One undoable step; on failure nothing changes and `error` names the problems.
    static bool load(WorkspaceDocument& doc, const PresetLibrary& lib, const PresetRequest& request,
        QString* error = nullptr);
    /// The undo step's text for a preset of `kind` named `presetName`.
    static QString undoText(PresetKind kind, const QString& presetName);
};

} // namespace tierlens
