#pragma once
// Shared by the explainer tests (tst_explainenergy, tst_explainlatency): the scenarios and batches
// every part is checked at, and the invariants every explanation keeps.

#include "core/explain/explainer.h"
#include "core/io/presetlibrary.h"
#include "core/model/evaluator.h"
#include "tests/support/testsupport.h"

#include <QMetaType>
#include <QString>
#include <QtTest/QTest>

#include <cmath>
#include <string>

Q_DECLARE_METATYPE(std::string)

namespace tierlens::test {

inline constexpr const char* kScenarios[] = { "default", "paper/mixtral-hbm", "paper/deepseek-r1-hbm",
    "paper/maverick-ssd-nvlink5", "paper/llama3.3-70b-hbm", "prefetch/st-moe-85",
    "paper/flash-opt6.7b-bundling", "tiered/mixtral-hot-hbm-warm-ddr-cold-ssd" };
inline constexpr int kBatches[] = { 1, 4, 64, 1024 };

inline QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

inline bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

// Relative 1e-9, or exactly zero when the model says zero.
inline bool same(double actual, double expected)
{
    if (expected == 0)
        return actual == 0;
    return test::near(actual, expected, 1e-9);
}

// The invariants every explanation keeps; returns the first violation, empty when none.
inline QString checkShape(const Explanation& ex)
{
    if (ex.title.empty())
        return QStringLiteral("no title");
    if (ex.steps.empty())
        return QStringLiteral("no steps");
    if (ex.value != ex.steps.back().value || ex.unit != ex.steps.back().unit)
        return QStringLiteral("value is not the last step's");
    if (contains(ex.note, "Warning"))
        return QStringLiteral("the explanation disagrees with the model: ") + q(ex.note);
    for (const auto& s : ex.steps) {
        if (s.what.empty() || s.formula.empty() || s.substituted.empty())
            return QStringLiteral("empty text in step '%1'").arg(q(s.what));
        if (!std::isfinite(s.value))
            return QStringLiteral("non-finite value in step '%1'").arg(q(s.what));
        if (!s.terms.empty()) {
            double sum = 0;
            for (const auto& t : s.terms)
                sum += t.value;
            if (!test::near(sum, s.value, 1e-9) && !(s.value == 0 && sum == 0))
                return QStringLiteral("terms of '%1' add up to %2, not %3")
                    .arg(q(s.what))
                    .arg(sum)
                    .arg(s.value);
        }
    }
    return {};
}

// checkShape, and the value and unit are the model's.
inline QString checkPart(const Explanation& ex, double reported, const std::string& unit)
{
    if (QString problem = checkShape(ex); !problem.isEmpty())
        return problem;
    if (!same(ex.value, reported))
        return QStringLiteral("%1 explained as %2, result %3")
            .arg(q(ex.title))
            .arg(ex.value, 0, 'g', 12)
            .arg(reported, 0, 'g', 12);
    if (ex.unit != unit)
        return QStringLiteral("unit %1, not %2").arg(q(ex.unit), q(unit));
    return {};
}

inline void addScenarioRows(int parts)
{
    QTest::addColumn<std::string>("id");
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("part");
    for (const char* id : kScenarios)
        for (int b : kBatches)
            for (int p = 0; p < parts; ++p)
                QTest::addRow("%s B=%d part %d", id, b, p) << std::string(id) << b << p;
}

// The data row of a part test: its scenario evaluated at its batch, and the part's number.
struct PartRow {
    Scenario s;
    Result r;
    int part = 0;
};

inline PartRow fetchPartRow()
{
    QFETCH(std::string, id);
    QFETCH(int, batch);
    QFETCH(int, part);
    PartRow row { preset(id), {}, part };
    row.r = evaluate(row.s, batch);
    return row;
}

inline const ExplainStep* findStep(const Explanation& ex, const std::string& formulaStart)
{
    for (const auto& s : ex.steps)
        if (s.formula.rfind(formulaStart, 0) == 0)
            return &s;
    return nullptr;
}

} // namespace tierlens::test
