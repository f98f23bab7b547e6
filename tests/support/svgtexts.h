#pragma once
// The text of an exported SVG figure, for the tests that check what a figure says and how big.

#include <QByteArray>
#include <QDebug>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

#include <vector>

namespace tierlens::test {

struct SvgText {
    QString text;
    double points = 0;
};

/// The <text> elements in document order, with their size in points (QSvgGenerator writes
/// font-size in pixels of the SVG's resolution, `dpi`); a text of several lines is one element
/// per line. With `families`, also collects every font-family attribute.
inline std::vector<SvgText> readSvgTexts(const QByteArray& svg, double dpi, QStringList* families = nullptr)
{
    std::vector<SvgText> texts;
    QXmlStreamReader xml(svg);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto attrs = xml.attributes();
        if (families && attrs.hasAttribute(QStringLiteral("font-family")))
            *families << attrs.value(QStringLiteral("font-family")).toString();
        if (xml.name() != QStringLiteral("text"))
            continue;
        const double px = attrs.value(QStringLiteral("font-size")).toDouble();
        texts.push_back({ xml.readElementText(QXmlStreamReader::IncludeChildElements), px * 72 / dpi });
    }
    if (xml.hasError())
        qWarning() << "SVG parse error:" << xml.errorString();
    return texts;
}

} // namespace tierlens::test
