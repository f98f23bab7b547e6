#include "bundle/bundlerenderer.h"

#include "bundle/atomicfile.h"
#include "bundle/bundlecomposer.h"
#include "bundle/bundlereader.h"
#include "core/io/csvreader.h"
#include "core/io/resultjson.h"

#include <QDir>
#include <QFileInfo>

#include <charconv>
#include <cmath>

namespace tierlens {

namespace {

// At most this many differences are listed per CSV; the count of the rest follows.
constexpr std::size_t kMaxListed = 20;

bool asNumber(const std::string& text, double& v)
{
    if (text.empty())
        return false;
    const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    return res.ec == std::errc() && res.ptr == text.data() + text.size();
}

bool sameCell(const std::string& a, const std::string& b)
{
    double x = 0, y = 0;
    if (!asNumber(a, x) || !asNumber(b, y))
        return a == b;
    if (std::isnan(x) || std::isnan(y))
        return std::isnan(x) && std::isnan(y);
    return x == y
        || std::fabs(x - y) <= BundleRenderer::kRelativeTolerance * std::max(std::fabs(x), std::fabs(y));
}

std::string text(const QByteArray& b)
{
    return std::string(b.constData(), std::size_t(b.size()));
}

} // namespace

std::vector<std::string> BundleRenderer::compareCsv(
    const std::string& stored, const std::string& recomputed, const std::string& entry)
{
    const auto a = CsvReader::parse(stored);
    const auto b = CsvReader::parse(recomputed);
    std::vector<std::string> out;
    std::size_t count = 0;
    const auto note = [&](std::string line) {
        if (++count <= kMaxListed)
            out.push_back(std::move(line));
    };
    if (a.size() != b.size())
        note(entry + ": " + std::to_string(a.size()) + " rows stored, " + std::to_string(b.size())
            + " recomputed");
    const std::vector<std::string> header = b.empty() ? std::vector<std::string> {} : b.front();
    for (std::size_t row = 0; row < std::min(a.size(), b.size()); ++row) {
        if (a[row].size() != b[row].size()) {
            note(entry + ": row " + std::to_string(row + 1) + ": " + std::to_string(a[row].size())
                + " fields stored, " + std::to_string(b[row].size()) + " recomputed");
            continue;
        }
        for (std::size_t col = 0; col < a[row].size(); ++col)
            if (!sameCell(a[row][col], b[row][col]))
                note(entry + ": row " + std::to_string(row + 1) + ", column "
                    + (col < header.size() ? header[col] : std::to_string(col + 1)) + ": stored "
                    + a[row][col] + ", recomputed " + b[row][col]);
    }
    if (count > kMaxListed)
        out.push_back(entry + ": " + std::to_string(count - kMaxListed) + " more differences");
    return out;
}

BundleRenderReport BundleRenderer::render(const Bundle& b, const std::string& source, const QString& outDir,
    const PresetLibrary& lib, const QString& inputPath)
{
    BundleRenderReport report;
    const auto fail = [&](const Problems& p) {
        report.problems.insert(report.problems.end(), p.begin(), p.end());
        return report;
    };
    const auto ws = BundleReader::workspace(b, source, lib);
    if (!ws.ok())
        return fail(ws.problems);
    const WorkspaceResult r = evaluateWorkspace(ws.value);
    if (!r.problems.empty())
        return fail(r.problems);

    if (!QDir().mkpath(outDir))
        return fail({ { outDir.toStdString(), "cannot be created" } });
    const QDir dir(outDir);
    const QString input = inputPath.isEmpty() ? QString() : QFileInfo(inputPath).canonicalFilePath();
    const auto save = [&](const QString& name, const QByteArray& data) {
        // A file that could not be written keeps its earlier version and is not listed as written.
        const QString path = dir.filePath(name);
        // The bundle may sit in the output folder under an output's name ("workspace.csv").
        if (!input.isEmpty() && QFileInfo(path).canonicalFilePath() == input) {
            report.problems.push_back({ path.toStdString(),
                "is the bundle being rendered; not overwritten (choose another --out)" });
            return;
        }
        if (const QString why = AtomicFile::write(path, data); why.isEmpty())
            report.written << path;
        else
            report.problems.push_back({ path.toStdString(), "cannot be written: " + why.toStdString() });
    };

    // Every number is recomputed from the definitions and checked against what was stored.
    const auto check = [&](QLatin1String entry, const std::string& recomputed) {
        const std::string name(entry.data(), std::size_t(entry.size()));
        if (const Bundle::Entry* stored = b.find(entry)) {
            const auto diff = compareCsv(text(stored->data), recomputed, source + ": " + name);
            report.differences.insert(report.differences.end(), diff.begin(), diff.end());
        } else {
            report.problems.push_back(
                { source + ": " + name, "is missing; expected the stored numbers to compare with" });
        }
        save(entry, QByteArray::fromStdString(recomputed));
    };
    check(Bundle::kWorkspaceCsv, workspaceResultToCsv(ws.value, r));
    if (b.find(Bundle::kStudy)) {
        auto definition = BundleReader::entryJson(b, Bundle::kStudy, source);
        if (!definition.ok())
            return fail(definition.problems);
        auto csv = BundleComposer::studyCsv(
            definition.value, lib, source + ": " + std::string(Bundle::kStudy.data()));
        if (!csv.ok())
            return fail(csv.problems);
        check(Bundle::kStudyCsv, csv.value);
    }

    auto figures = BundleComposer::figures(ws.value, r);
    for (auto& p : figures.problems)
        p.path = source + ": " + p.path;
    report.problems.insert(report.problems.end(), figures.problems.begin(), figures.problems.end());
    for (const auto& f : figures.value)
        save(QFileInfo(f.name).fileName(), f.data);
    return report;
}

} // namespace tierlens
