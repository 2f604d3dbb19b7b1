#include "ui/training/networkdiagram.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

namespace convscope::ui {

namespace {

// A hue per kind of layer, mixed into the base colour so that it reads in both themes.
QColor hueOf(BoxKind kind)
{
    switch (kind) {
    case BoxKind::Input:
        return QColor(120, 120, 120);
    case BoxKind::Convolution:
        return QColor(31, 119, 180);
    case BoxKind::Pooling:
        return QColor(44, 160, 44);
    case BoxKind::Dense:
        return QColor(255, 127, 14);
    case BoxKind::Sum:
    case BoxKind::Concatenation:
    case BoxKind::Folded:
        return QColor(148, 103, 189);
    case BoxKind::Other:
        break;
    }
    return QColor(150, 150, 150);
}

QColor mixed(const QColor &base, const QColor &hue, qreal amount)
{
    return QColor::fromRgbF(base.redF() + (hue.redF() - base.redF()) * amount,
                            base.greenF() + (hue.greenF() - base.greenF()) * amount,
                            base.blueF() + (hue.blueF() - base.blueF()) * amount);
}

void drawArrowHead(QPainter &painter, QPointF from, QPointF to, qreal size)
{
    const QPointF d = to - from;
    const qreal length = std::hypot(d.x(), d.y());
    if (length <= 0)
        return;
    const QPointF unit = d / length;
    const QPointF normal(-unit.y(), unit.x());
    const QPointF back = to - unit * size;
    painter.drawPolygon(QPolygonF{to, back + normal * size * 0.5, back - normal * size * 0.5});
}

} // namespace

NetworkDiagram::NetworkDiagram(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void NetworkDiagram::showTable(const ArchitectureTable &table, const Shape &input,
                               const QSet<QString> &folded)
{
    m_table = table;
    m_input = input;
    m_folded = folded;
    m_selected.clear();
    relayout();
}

void NetworkDiagram::setFolded(const QSet<QString> &keys)
{
    if (keys == m_folded)
        return;
    m_folded = keys;
    relayout();
}

void NetworkDiagram::select(const QString &key)
{
    m_selected = key;
    update();
}

QSize NetworkDiagram::sizeHint() const
{
    return m_layout.size.toSize();
}

// The boxes are as wide as the longest text of the network, so that the columns line up.
void NetworkDiagram::relayout()
{
    const QFontMetricsF metrics(font());
    DiagramMetrics sizes;
    qreal widest = 0;
    for (const QString &text : diagramTexts(m_table, m_input))
        widest = std::max(widest, metrics.horizontalAdvance(text));
    sizes.boxWidth = std::ceil(widest + 2 * metrics.averageCharWidth() + 4);
    sizes.boxHeight = std::ceil(2 * metrics.lineSpacing() + 8);
    sizes.gap = std::ceil(metrics.lineSpacing() * 1.1);
    m_layout = layoutDiagram(m_table, m_input, m_folded, sizes);
    resize(sizeHint());
    updateGeometry();
    update();
}

void NetworkDiagram::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette colours = palette();
    const QColor text = colours.color(QPalette::Text);
    const qreal head = std::max<qreal>(6, fontMetrics().height() * 0.45);

    painter.setPen(
        QPen(mixed(colours.color(QPalette::Base), hueOf(BoxKind::Sum), 0.5), 1, Qt::DashLine));
    painter.setBrush(mixed(colours.color(QPalette::Base), hueOf(BoxKind::Sum), 0.05));
    for (const QRectF &frame : m_layout.frames)
        painter.drawRoundedRect(frame.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);

    const QColor lineColour = mixed(colours.color(QPalette::Base), text, 0.7);
    for (const DiagramLine &line : m_layout.lines) {
        painter.setPen(QPen(lineColour, 1.4));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(line.points);
        if (line.head && line.points.size() >= 2) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(lineColour);
            drawArrowHead(painter, line.points[line.points.size() - 2], line.points.back(), head);
        }
    }
    for (const DiagramBox &box : m_layout.boxes)
        drawBox(painter, box);
}

void NetworkDiagram::drawBox(QPainter &painter, const DiagramBox &box) const
{
    const QPalette colours = palette();
    const QColor base = colours.color(QPalette::Base);
    const QColor hue = hueOf(box.kind);
    const bool chosen = !box.key.isEmpty() && box.key == m_selected;
    const QRectF rect = box.rect.adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setBrush(chosen ? mixed(base, colours.color(QPalette::Highlight), 0.35)
                            : mixed(base, hue, 0.16));
    painter.setPen(QPen(chosen ? colours.color(QPalette::Highlight) : hue, chosen ? 2.5 : 1.2));
    painter.drawRoundedRect(rect, 4, 4);
    // A folded block is a stack of cards: there is more inside.
    if (box.kind == BoxKind::Folded) {
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 3, 3);
    }
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF metrics(font());
    const QRectF upper(rect.left(), rect.center().y() - metrics.lineSpacing(), rect.width(),
                       metrics.lineSpacing());
    const QRectF lower(rect.left(), rect.center().y(), rect.width(), metrics.lineSpacing());
    painter.setPen(colours.color(QPalette::Text));
    painter.setFont(bold);
    painter.drawText(upper, Qt::AlignCenter, box.title);
    painter.setFont(font());
    painter.drawText(lower, Qt::AlignCenter, box.shape);
}

void NetworkDiagram::mousePressEvent(QMouseEvent *event)
{
    const DiagramBox *box = m_layout.boxAt(event->position());
    if (event->button() != Qt::LeftButton || !box || box->key.isEmpty())
        return QWidget::mousePressEvent(event);
    select(box->key);
    emit boxClicked(box->key);
}

void NetworkDiagram::mouseDoubleClickEvent(QMouseEvent *event)
{
    const DiagramBox *box = m_layout.boxAt(event->position());
    if (event->button() != Qt::LeftButton || !box
        || (box->kind != BoxKind::Folded && box->kind != BoxKind::Sum
            && box->kind != BoxKind::Concatenation))
        return QWidget::mouseDoubleClickEvent(event);
    emit blockToggled(box->key);
}

bool NetworkDiagram::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const DiagramBox *box = m_layout.boxAt(help->pos());
    if (!box) {
        QToolTip::hideText();
        return true;
    }
    QString tip = box->tip;
    if (box->kind == BoxKind::Folded)
        tip += '\n' + tr("Double-click to unfold");
    else if (box->kind == BoxKind::Sum || box->kind == BoxKind::Concatenation)
        tip += '\n' + tr("Double-click to fold");
    QToolTip::showText(help->globalPos(), tip, this, box->rect.toRect());
    return true;
}

void NetworkDiagram::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        relayout();
}

} // namespace convscope::ui
