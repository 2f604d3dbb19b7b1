#include "ui/explorer/explanations.h"

#include "ui/common/coretext.h"
#include "ui/common/numbering.h"
#include "ui/common/style.h"

#include <QObject>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <map>

namespace convscope::ui {

namespace {

constexpr int kAllTermsUpTo = 25;

QString lines(const std::vector<std::string> &derivation)
{
    QStringList out;
    for (const std::string &line : derivation)
        out.append(coreText(line).toHtmlEscaped());
    return out.join("<br>");
}

QString term(const DotTerm &t)
{
    const QString value = QString("%1·%2").arg(number(t.input), number(t.weight));
    return t.padding ? QString("<span style='color:gray'>%1</span>").arg(value) : value;
}

} // namespace

QString number(double value)
{
    if (value == 0)
        return "0";
    // Whole numbers (counts, the lecture's integers) in full; anything else to 4 digits.
    QString text = value == std::round(value) && std::abs(value) < 1e9
                       ? QString::number(qint64(value))
                       : QString::number(value, 'g', 4);
    if (text.startsWith('-'))
        text.replace(0, 1, QChar(0x2212));
    return text;
}

QString formulaHtml(int inputH, int inputW, const WindowSpec &window,
                    const Expected<Geometry> &geometry, int outputChannels)
{
    const QString derivation = lines(deriveOutputSize(inputH, inputW, window));
    if (!geometry) {
        const QString why = coreText(geometry.error().message).toHtmlEscaped();
        return QString("<p>%1</p><p><b>%2</b></p>")
            .arg(style::errorHtml(derivation), style::errorHtml(why));
    }
    const Geometry &g = *geometry;
    const int taps = g.h.kernel * g.w.kernel;
    return QObject::tr("<p><b>O = ⌊(I + P<sub>begin</sub> + P<sub>end</sub> − D·(K−1) − 1) / S⌋ "
                       "+ 1</b><br>%1</p>"
                       "<p>Effective kernel D·(K−1) + 1 = %2×%3; each output value reads a "
                       "%2×%3 window of the input (%4 taps%5).<br>Output C<sub>out</sub>×O<sub>h"
                       "</sub>×O<sub>w</sub> = <b>%6×%7×%8</b></p>")
        .arg(derivation)
        .arg(g.h.effectiveKernel())
        .arg(g.w.effectiveKernel())
        .arg(taps)
        .arg(g.h.dilation > 1 || g.w.dilation > 1 ? QObject::tr(", with holes between them")
                                                  : QString())
        .arg(outputChannels)
        .arg(g.h.output)
        .arg(g.w.output);
}

QString dotProductHtml(const DotProduct &dot, int channel, int y, int x, Activation activation,
                       float computed)
{
    std::map<int, std::vector<const DotTerm *>> byChannel;
    for (const DotTerm &t : dot.terms)
        byChannel[t.channel].push_back(&t);
    QString html = QObject::tr("<p><b>Output channel %1, row %2, column %3</b> = Σ x·w + b</p>")
                       .arg(ordinal(channel))
                       .arg(ordinal(y))
                       .arg(ordinal(x));
    if (byChannel.size() == 1 && int(dot.terms.size()) <= kAllTermsUpTo) {
        // Laid out like the kernel, so the student can match each product to its weight.
        int columns = 1;
        while (columns < int(dot.terms.size()) && dot.terms[size_t(columns)].ky == dot.terms[0].ky)
            ++columns;
        html += "<table cellspacing='0' cellpadding='3' style='border-collapse:collapse'>";
        for (size_t i = 0; i < dot.terms.size(); ++i) {
            if (i % size_t(columns) == 0)
                html += "<tr>";
            html += "<td style='border:1px solid #999'>" + term(dot.terms[i]) + "</td>";
            if (i % size_t(columns) == size_t(columns - 1))
                html += "</tr>";
        }
        html += "</table>";
    } else {
        html += "<p>";
        for (const auto &[c, terms] : byChannel) {
            double partial = 0;
            for (const DotTerm *t : terms)
                partial += double(t->input) * t->weight;
            html += QObject::tr("channel %1: %2 terms, Σ = %3<br>")
                        .arg(ordinal(c))
                        .arg(terms.size())
                        .arg(number(partial));
        }
        html += "</p>";
    }
    QString result = QString("<p>Σ x·w = %1, + b %2 = <b>%3</b>")
                         .arg(number(dot.sum - dot.bias), number(dot.bias), number(dot.sum));
    if (activation != Activation::None)
        result += QString(" → %1 → <b>%2</b>")
                      .arg(QString::fromUtf8(activationName(activation).data()), number(dot.value));
    const bool agrees = std::abs(dot.value - computed) <= 1e-4 * std::max(1.0, std::abs(dot.value));
    result += QObject::tr("<br>computed by the fast path: %1 %2</p>")
                  .arg(number(computed), agrees ? "✓" : style::errorHtml("✗"));
    const int padding = int(std::count_if(dot.terms.begin(), dot.terms.end(),
                                          [](const DotTerm &t) { return t.padding; }));
    if (padding > 0)
        result += QObject::tr("<p><small><span style='color:gray'>Grey</span>: %1 terms read "
                              "padding cells.</small></p>")
                      .arg(padding);
    return html + result;
}

} // namespace convscope::ui
