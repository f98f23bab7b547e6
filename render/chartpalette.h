#pragma once

#include "render/renderoptions.h"

#include <QBrush>
#include <QColor>

namespace tierlens {

/// Colour slots shared by every chart, so a component keeps its colour across views: energy parts
/// use slots 0-7 in EnergyPart order, FC offload = 9, link = 8 (with communication), wasted
/// prefetch = 11; latency uses FC = 0, attention = 2, MoE = 6, communication = 8, flash I/O = 10
/// (FC offload's and flash I/O's share a hue) and stall = 12.
class ChartPalette {
public:
    static constexpr int kSlots = 13;
    /// A whole bar's total when its components are not stacked (a log axis): a neutral slate that
    /// no component uses, so it is never read as one of them.
    static constexpr int kTotalSlot = kSlots;

    static QColor slotColor(int slot, PaletteKind kind);
    /// Fill for a bar segment: a solid colour, or in grayscale a gray with a hatch that tells
    /// neighbouring segments apart without colour.
    static QBrush slotBrush(int slot, PaletteKind kind);
    /// A text colour readable on top of the slot's fill.
    static QColor textOn(const QColor& fill);

    /// Diverging scale for ratios: t in [-1, 1], 0 is neutral (the break-even value).
    static QColor diverging(double t, PaletteKind kind);
    /// Sequential scale for plain values: t in [0, 1].
    static QColor sequential(double t, PaletteKind kind);

    static int energySlot(int energyPart);
    static int latencySlot(int latencyPart);
};

} // namespace tierlens
