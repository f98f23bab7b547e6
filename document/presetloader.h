#pragma once

#include "core/io/presetlibrary.h"

#include <QString>

namespace tierlens {

class ScenarioDocument;

/// Loads a preset into the document as one undoable step: a study or scenario replaces the
/// workspace; a model, GPU or system replaces that part of the scenario; a tier or link is added,
/// or replaces the one with the same id.
class PresetLoader {
public:
    static bool load(ScenarioDocument& doc, const PresetLibrary& lib, PresetKind kind, const QString& id,
        int caseIndex, QString* error);
};

} // namespace tierlens
