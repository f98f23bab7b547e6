#include "render/chartpalette.h"

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <cmath>

namespace tierlens {

namespace {

// Okabe & Ito (2008), the colour-blind-safe set: off-chip parts take the darker member of a pair.
constexpr std::array<QRgb, ChartPalette::kSlots> kColorBlindSafe {
    0xFF0072B2, // FC off-chip: blue
    0xFF56B4E9, // FC on-chip: sky blue
    0xFF009E73, // attention off-chip: bluish green
    0xFF8CD3B9, // attention on-chip: light bluish green
    0xFFCC79A7, // MoE off-chip: reddish purple
    0xFFD55E00, // MoE offload: vermillion
    0xFFE69F00, // MoE on-chip: orange
    0xFFA0A0A0, // background: gray
    0xFF3A3A3A, // communication and link energy: near black
    0xFF882255, // FC offload (flash reads): wine
    0xFFAA4499, // flash I/O time: purple
    0xFF8B4513, // wasted prefetch: brown, next to the offload's vermillion
    0xFFF0E442, // stall: yellow
};

constexpr std::array<int, ChartPalette::kSlots> kGrayLevels { 40, 150, 80, 190, 110, 20, 170, 225, 60, 95,
    130, 205, 240 };
constexpr std::array<Qt::BrushStyle, ChartPalette::kSlots> kHatches { Qt::SolidPattern, Qt::SolidPattern,
    Qt::BDiagPattern, Qt::SolidPattern, Qt::FDiagPattern, Qt::SolidPattern, Qt::DiagCrossPattern,
    Qt::SolidPattern, Qt::CrossPattern, Qt::HorPattern, Qt::VerPattern, Qt::Dense4Pattern,
    Qt::Dense6Pattern };

QColor mix(const QColor& a, const QColor& b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
        float(a.greenF() + (b.greenF() - a.greenF()) * t), float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

QColor ChartPalette::slotColor(int slot, PaletteKind kind)
{
    if (slot == kTotalSlot)
        return kind == PaletteKind::Grayscale ? QColor(125, 125, 125) : QColor(0x5B, 0x67, 0x70);
    slot = std::clamp(slot, 0, kSlots - 1);
    if (kind == PaletteKind::Grayscale)
        return QColor(kGrayLevels[slot], kGrayLevels[slot], kGrayLevels[slot]);
    return QColor::fromRgb(kColorBlindSafe[slot]);
}

QBrush ChartPalette::slotBrush(int slot, PaletteKind kind)
{
    if (slot == kTotalSlot)
        return QBrush(slotColor(slot, kind));
    slot = std::clamp(slot, 0, kSlots - 1);
    if (kind == PaletteKind::ColorBlindSafe)
        return QBrush(slotColor(slot, kind));
    // Hatched slots draw dark lines over a light ground; callers fill the ground first with
    // slotColor(), then this brush.
    if (kHatches[slot] == Qt::SolidPattern)
        return QBrush(slotColor(slot, kind));
    return QBrush(QColor(30, 30, 30), kHatches[slot]);
}

QColor ChartPalette::textOn(const QColor& fill)
{
    // Relative luminance per WCAG: dark text on light fills, white on dark ones.
    auto lin = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const double l = 0.2126 * lin(fill.redF()) + 0.7152 * lin(fill.greenF()) + 0.0722 * lin(fill.blueF());
    return l > 0.35 ? QColor(20, 20, 20) : QColor(255, 255, 255);
}

QColor ChartPalette::diverging(double t, PaletteKind kind)
{
    t = std::clamp(t, -1.0, 1.0);
    if (kind == PaletteKind::Grayscale)
        return mix(QColor(250, 250, 250), t < 0 ? QColor(120, 120, 120) : QColor(30, 30, 30), std::fabs(t));
    // Blue (below break-even: the offloaded design wins) through white to vermillion (it loses).
    const QColor neutral(247, 247, 247), low(0x21, 0x66, 0xAC), high(0xB2, 0x18, 0x2B);
    return mix(neutral, t < 0 ? low : high, std::fabs(t));
}

QColor ChartPalette::sequential(double t, PaletteKind kind)
{
    if (kind == PaletteKind::Grayscale)
        return mix(QColor(245, 245, 245), QColor(25, 25, 25), t);
    // Light yellow to dark blue, monotone in lightness (readable without colour vision).
    const QColor a(255, 255, 204), b(65, 182, 196), c(8, 29, 88);
    return t < 0.5 ? mix(a, b, t * 2) : mix(b, c, (t - 0.5) * 2);
}

int ChartPalette::energySlot(int energyPart)
{
    // EnergyPart order: the reference's eight, FC offload, link, wasted prefetch.
    constexpr std::array<int, 11> bySlot { 0, 1, 2, 3, 4, 5, 6, 7, 9, 8, 11 };
    return bySlot[std::clamp(energyPart, 0, int(bySlot.size()) - 1)];
}

int ChartPalette::latencySlot(int latencyPart)
{
    // LatencyPart order: FC, attention, MoE, communication, flash I/O, stall.
    constexpr std::array<int, 6> bySlot { 0, 2, 6, 8, 10, 12 };
    return bySlot[std::clamp(latencyPart, 0, int(bySlot.size()) - 1)];
}

} // namespace tierlens
