#pragma once
// Small helpers shared by the tests.

#include "core/data/result.h"
#include "core/data/scenario.h"
#include "core/io/presetlibrary.h"

#include <QtTest/QTest>

#include <cmath>
#include <string>

namespace tierlens::test {

/// A built-in scenario preset, failing the test (with every problem) when it does not load.
inline Scenario preset(const std::string& id)
{
    auto r = PresetLibrary::builtin().scenario(id);
    for (const auto& p : r.problems)
        qWarning("%s", p.toString().c_str());
    if (!r.ok())
        qFatal("preset %s did not load", id.c_str());
    return r.value;
}

/// The scenario with no sources, so that only the ranges a test gives are ranged.
inline Scenario withoutSources(Scenario s)
{
    s.gpu.sources.clear();
    s.model.sources.clear();
    for (auto& t : s.tiers)
        t.sources.clear();
    for (auto& l : s.links)
        l.sources.clear();
    return s;
}

/// Relative closeness, for numbers that span many orders of magnitude.
inline bool near(double actual, double expected, double relTol)
{
    return std::fabs(actual - expected) <= relTol * std::fabs(expected);
}

/// Two evaluations agree exactly on every energy and latency part and on the expert copy: for
/// settings that must reduce to another (a limit of the cache, a one-entry tier list).
inline void compareResults(const Result& a, const Result& b)
{
    for (int i = 0; i < kEnergyPartCount; ++i)
        QCOMPARE(a.energyJPerToken[i], b.energyJPerToken[i]);
    for (int i = 0; i < kLatencyPartCount; ++i)
        QCOMPARE(a.latencyS[i], b.latencyS[i]);
    QCOMPARE(a.copiedBytes, b.copiedBytes);
    QCOMPARE(a.copyS, b.copyS);
}

} // namespace tierlens::test

#define TL_COMPARE_REL(actual, expected, tol)                                                                \
    do {                                                                                                     \
        const double a_ = (actual), e_ = (expected);                                                         \
        if (!tierlens::test::near(a_, e_, (tol)))                                                            \
            QFAIL(qPrintable(QStringLiteral("%1 = %2, expected %3 within %4 %")                              \
                                 .arg(QString::fromLatin1(#actual))                                          \
                                 .arg(a_, 0, 'g', 10)                                                        \
                                 .arg(e_, 0, 'g', 10)                                                        \
                                 .arg((tol)*100)));                                                          \
    } while (false)
