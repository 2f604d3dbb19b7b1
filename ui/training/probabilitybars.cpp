#include "ui/training/probabilitybars.h"

#include <QPainter>

#include <algorithm>

namespace convscope::ui {

ProbabilityBars::ProbabilityBars(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setMinimumHeight(fontMetrics().height() * 6);
    // Room for the digit, a bar long enough to compare, and "100.0 %".
    setMinimumWidth(fontMetrics().horizontalAdvance("0  100.0 %") + 80);
}

void ProbabilityBars::setProbabilities(std::vector<float> probabilities, int trueClass)
{
    m_p = std::move(probabilities);
    m_true = trueClass;
    update();
}

void ProbabilityBars::setClassNames(const QStringList &names)
{
    // Only a change asks for a new layout: the probe sets them on every live update.
    if (names == m_names)
        return;
    m_names = names;
    updateGeometry();
    update();
}

int ProbabilityBars::winner() const
{
    return m_p.empty() ? -1 : int(std::max_element(m_p.begin(), m_p.end()) - m_p.begin());
}

int ProbabilityBars::labelWidth() const
{
    int widest = fontMetrics().horizontalAdvance("0");
    for (const QString &name : m_names)
        widest = std::max(widest, fontMetrics().horizontalAdvance(name));
    return widest + fontMetrics().horizontalAdvance("  ");
}

QSize ProbabilityBars::sizeHint() const
{
    return {labelWidth() + fontMetrics().horizontalAdvance("0 100.0 %") * 2,
            fontMetrics().height() * 12};
}

void ProbabilityBars::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const int count = std::max<int>(int(m_p.size()), 10);
    const double rowH = double(height()) / count;
    const QFontMetrics metrics = fontMetrics();
    // Long class names ("Ankle boot") keep at most a third of the width, elided.
    const int labelW = std::min(labelWidth(), width() / 3);
    const int percentW = metrics.horizontalAdvance(" 100.0 %");
    const double barW = std::max(10, width() - labelW - percentW);
    const int best = winner();
    for (int k = 0; k < int(m_p.size()); ++k) {
        const QRectF row(0, k * rowH, width(), rowH);
        painter.setPen(palette().color(QPalette::Text));
        QFont font = painter.font();
        font.setBold(k == best);
        painter.setFont(font);
        const QString name = k < m_names.size() ? m_names[k] : QString::number(k);
        painter.drawText(QRectF(0, row.top(), labelW, rowH), Qt::AlignVCenter | Qt::AlignLeft,
                         painter.fontMetrics().elidedText(name, Qt::ElideRight,
                                                          labelW - metrics.horizontalAdvance(' ')));
        const QRectF track(labelW, row.top() + rowH * 0.15, barW, rowH * 0.7);
        painter.fillRect(track, palette().color(QPalette::AlternateBase));
        const QColor color = k == best ? QColor(30, 110, 255) : QColor(150, 170, 200);
        painter.fillRect(QRectF(track.topLeft(),
                                QSizeF(barW * double(m_p[size_t(k)]), track.height())),
                         color);
        if (k == m_true) {
            painter.setPen(QPen(QColor(30, 150, 60), 2));
            painter.drawRect(track);
        }
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(labelW + barW, row.top(), percentW, rowH),
                         Qt::AlignVCenter | Qt::AlignRight,
                         QString::number(100.0 * m_p[size_t(k)], 'f', 1) + " %");
    }
}

} // namespace convscope::ui
