#include "ui/common/tensorview.h"

#include "ui/common/planeimages.h"

#include <QDoubleValidator>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace convscope::ui {

namespace {

constexpr double kMargin = 8;
constexpr double kGap = 14;
constexpr double kGridFromCell = 12;
constexpr double kNumbersFromCell = 20;
constexpr double kDotsFromCell = 8;
constexpr int kNumbersUpToSide = 32;
constexpr double kMaxZoom = 64;

// A translucent colour as it shows over an opaque one.
QColor blend(const QColor &over, const QColor &under)
{
    const double a = over.alphaF();
    return QColor::fromRgbF(float(over.redF() * a + under.redF() * (1 - a)),
                            float(over.greenF() * a + under.greenF() * (1 - a)),
                            float(over.blueF() * a + under.blueF() * (1 - a)));
}

} // namespace

TensorView::TensorView(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(160, 160);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
}

void TensorView::setContent(std::shared_ptr<const Tensor> values, QList<QImage> tiles,
                            QStringList titles, bool composite)
{
    const bool sameSize = !m_tiles.isEmpty() && !tiles.isEmpty() && m_tiles.size() == tiles.size()
                          && m_tiles.first().size() == tiles.first().size();
    m_values = std::move(values);
    m_tiles = std::move(tiles);
    m_titles = std::move(titles);
    m_composite = composite;
    if (!sameSize) {
        m_zoom = 1.0;
        m_pan = {};
        finishEditing(false);
    }
    relayout();
    update();
}

void TensorView::clear()
{
    setContent(nullptr, {}, {}, false);
}

void TensorView::setPadding(const Padding &padding, PadMode mode)
{
    if (padding == m_padding && mode == m_padMode)
        return;
    m_padding = padding;
    m_padMode = mode;
    relayout();
    update();
}

void TensorView::setOverlays(QList<Overlay> overlays)
{
    m_overlays = std::move(overlays);
    update();
}

void TensorView::setRevealed(qint64 count)
{
    m_revealed = count;
    update();
}

void TensorView::setGreyedOut(bool greyed)
{
    m_greyed = greyed;
    update();
}

bool TensorView::showsNumbers() const
{
    if (m_tiles.isEmpty() || !m_values)
        return false;
    const QSize size = m_tiles.first().size();
    return size.width() <= kNumbersUpToSide && size.height() <= kNumbersUpToSide
           && m_layout.cell >= kNumbersFromCell;
}

void TensorView::relayout()
{
    m_layout = Layout();
    if (m_tiles.isEmpty())
        return;
    const int count = int(m_tiles.size());
    const QSize size = m_tiles.first().size();
    const double paddedW = size.width() + m_padding.left + m_padding.right;
    const double paddedH = size.height() + m_padding.top + m_padding.bottom;
    const double titleHeight = m_titles.isEmpty() ? 0 : fontMetrics().height() + 4;
    const double areaW = width() - 2 * kMargin;
    const double areaH = height() - 2 * kMargin;
    for (int columns = 1; columns <= count; ++columns) {
        const int rows = (count + columns - 1) / columns;
        const double cell = std::min((areaW - (columns - 1) * kGap) / (columns * paddedW),
                                     (areaH - rows * titleHeight - (rows - 1) * kGap)
                                         / (rows * paddedH));
        if (cell > m_layout.cell || columns == 1) {
            m_layout.cell = cell;
            m_layout.columns = columns;
        }
    }
    m_layout.cell = std::max(m_layout.cell, 0.05) * m_zoom;
    m_layout.titleHeight = titleHeight;
    const double cell = m_layout.cell;
    const int columns = m_layout.columns;
    const int rows = (count + columns - 1) / columns;
    const double slotW = paddedW * cell;
    const double slotH = paddedH * cell + titleHeight;
    const QPointF origin = QPointF(width() - (columns * slotW + (columns - 1) * kGap),
                                   height() - (rows * slotH + (rows - 1) * kGap))
                               / 2
                           + m_pan;
    for (int i = 0; i < count; ++i) {
        const QPointF slot = origin
                             + QPointF(i % columns * (slotW + kGap), i / columns * (slotH + kGap));
        m_layout.tiles.append(
            QRectF(slot + QPointF(m_padding.left * cell, titleHeight + m_padding.top * cell),
                   QSizeF(size.width() * cell, size.height() * cell)));
    }
}

QRectF TensorView::cellRect(int tile, int y, int x) const
{
    if (tile < 0 || tile >= m_layout.tiles.size())
        return {};
    const QRectF &r = m_layout.tiles[tile];
    return QRectF(r.left() + x * m_layout.cell, r.top() + y * m_layout.cell, m_layout.cell,
                  m_layout.cell);
}

bool TensorView::hitCell(QPointF point, int *tile, int *y, int *x) const
{
    for (int i = 0; i < m_layout.tiles.size(); ++i) {
        const QRectF &r = m_layout.tiles[i];
        if (r.contains(point)) {
            *tile = i;
            *x = std::clamp(int((point.x() - r.left()) / m_layout.cell), 0, m_tiles[i].width() - 1);
            *y = std::clamp(int((point.y() - r.top()) / m_layout.cell), 0, m_tiles[i].height() - 1);
            return true;
        }
    }
    return false;
}

float TensorView::cellValue(int tile, int y, int x) const
{
    return m_values ? m_values->at(0, planeOf(tile), y, x) : 0.0f;
}

void TensorView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base).darker(104));
    if (m_tiles.isEmpty())
        return;
    for (int i = 0; i < m_tiles.size(); ++i) {
        drawPadding(painter, i);
        drawTile(painter, i);
        for (const Overlay &overlay : m_overlays) {
            if (overlay.tile < 0 || overlay.tile == i)
                drawOverlay(painter, overlay, i);
        }
    }
    if (m_greyed) {
        QColor wash = palette().color(QPalette::Window);
        wash.setAlpha(185);
        painter.fillRect(rect(), wash);
    }
}

void TensorView::drawTile(QPainter &painter, int tile) const
{
    const QRectF target = m_layout.tiles[tile];
    const QImage &image = m_tiles[tile];
    const double cell = m_layout.cell;
    painter.setRenderHint(QPainter::SmoothPixmapTransform, cell < 1.0);
    if (m_revealed < 0) {
        painter.drawImage(target, image);
    } else {
        painter.fillRect(target, palette().color(QPalette::Base));
        for (int y = 0; y < image.height(); ++y) {
            const qint64 rowStart = qint64(y) * image.width();
            const int shown = int(std::clamp<qint64>(m_revealed - rowStart, 0, image.width()));
            if (shown > 0)
                painter.drawImage(QRectF(target.left(), target.top() + y * cell, shown * cell, cell),
                                  image, QRectF(0, y, shown, 1));
        }
    }
    if (!m_titles.isEmpty() && tile < m_titles.size()) {
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(target.left() - m_padding.left * cell,
                                target.top() - m_padding.top * cell - m_layout.titleHeight,
                                target.width() + (m_padding.left + m_padding.right) * cell,
                                m_layout.titleHeight),
                         Qt::AlignHCenter | Qt::AlignTop, m_titles[tile]);
    }
    if (cell >= kGridFromCell) {
        painter.setPen(QPen(QColor(128, 128, 128, 150), 1.0));
        for (int x = 0; x <= image.width(); ++x)
            painter.drawLine(QPointF(target.left() + x * cell, target.top()),
                             QPointF(target.left() + x * cell, target.bottom()));
        for (int y = 0; y <= image.height(); ++y)
            painter.drawLine(QPointF(target.left(), target.top() + y * cell),
                             QPointF(target.right(), target.top() + y * cell));
    }
    if (showsNumbers())
        drawNumbers(painter, tile);
}

// A third of the cell, or nearly the widget's font where that is larger and fits the cell:
// presentation mode's larger font makes the numbers of a worked example larger too.
int TensorView::numberPixels(double cell) const
{
    const double font = QFontInfo(this->font()).pixelSize() * 0.8;
    return std::max(8, int(std::max(cell * 0.3, std::min(font, cell * 0.42))));
}

void TensorView::drawNumbers(QPainter &painter, int tile) const
{
    const QImage &image = m_tiles[tile];
    const double cell = m_layout.cell;
    QFont font = painter.font();
    font.setPixelSize(numberPixels(cell));
    painter.setFont(font);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (m_revealed >= 0 && qint64(y) * image.width() + x >= m_revealed)
                continue;
            painter.setPen(isDark(image.pixel(x, y)) ? Qt::white : Qt::black);
            painter.drawText(cellRect(tile, y, x), Qt::AlignCenter,
                             cellText(cellValue(tile, y, x), cell));
        }
    }
}

void TensorView::drawPadding(QPainter &painter, int tile) const
{
    const Padding &p = m_padding;
    if (p.top + p.bottom + p.left + p.right == 0)
        return;
    const QImage &image = m_tiles[tile];
    const int h = image.height(), w = image.width();
    const double cell = m_layout.cell;
    const bool numbers = showsNumbers();
    QFont font = painter.font();
    font.setPixelSize(numberPixels(cell));
    painter.setFont(font);
    for (int y = -p.top; y < h + p.bottom; ++y) {
        for (int x = -p.left; x < w + p.right; ++x) {
            if (y >= 0 && y < h && x >= 0 && x < w)
                continue;
            const QRectF r = cellRect(tile, y, x);
            const int iy = sourceIndex(y, h, m_padMode);
            const int ix = sourceIndex(x, w, m_padMode);
            const bool zero = iy < 0 || ix < 0 || iy >= h || ix >= w;
            QColor fill = zero ? QColor(150, 150, 150) : QColor(image.pixel(ix, iy));
            fill.setAlpha(110);
            painter.fillRect(r, fill);
            if (cell >= kGridFromCell) {
                painter.setPen(QPen(QColor(128, 128, 128, 200), 1.0, Qt::DashLine));
                painter.drawRect(r);
            }
            if (numbers) {
                // Dark or light on what the translucent cell really shows, in italics: a copy.
                const QColor shown = blend(fill, palette().color(backgroundRole()));
                painter.setPen(isDark(shown.rgb()) ? QColor(235, 235, 235) : QColor(35, 35, 35));
                QFont copy = font;
                copy.setItalic(true);
                painter.setFont(copy);
                painter.drawText(r, Qt::AlignCenter,
                                 zero ? QStringLiteral("0")
                                      : cellText(cellValue(tile, iy, ix), cell));
                painter.setFont(font);
            }
        }
    }
}

void TensorView::drawOverlay(QPainter &painter, const Overlay &overlay, int tile) const
{
    const double cell = m_layout.cell;
    QColor fill = overlay.color;
    fill.setAlpha(80);
    switch (overlay.style) {
    case Overlay::Style::Fill: {
        // Over cells that show their numbers only a thick frame: a tint made the hovered value
        // purple with pale digits, hard to read on a projector.
        const bool numbers = showsNumbers();
        for (const QPoint &c : overlay.cells) {
            const QRectF r = cellRect(tile, c.y(), c.x());
            if (!numbers)
                painter.fillRect(r, fill);
            if (cell >= 4) {
                const double width = numbers                 ? std::max(3.0, cell * 0.08)
                                     : cell >= kGridFromCell ? 2.0
                                                             : 1.0;
                painter.setPen(QPen(overlay.color, width));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(r.adjusted(width / 2, width / 2, -width / 2, -width / 2));
            }
        }
        break;
    }
    case Overlay::Style::Outline: {
        QRectF box;
        for (const QPoint &c : overlay.cells)
            box = box.united(cellRect(tile, c.y(), c.x()));
        painter.setPen(QPen(overlay.color, 2.0));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(box.adjusted(-1, -1, 1, 1));
        break;
    }
    case Overlay::Style::Dot:
        // Below a few pixels per cell the dots would only paint the picture over.
        if (cell < kDotsFromCell)
            break;
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(QPen(Qt::black, 1.0));
        painter.setBrush(overlay.color);
        for (const QPoint &c : overlay.cells) {
            const QRectF r = cellRect(tile, c.y(), c.x());
            const double radius = std::max(2.0, std::min(cell * 0.18, 7.0));
            painter.drawEllipse(QPointF(r.right() - radius - 1, r.top() + radius + 1), radius,
                                radius);
        }
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setBrush(Qt::NoBrush);
        break;
    }
}

void TensorView::resizeEvent(QResizeEvent *)
{
    relayout();
}

void TensorView::zoomAround(QPointF anchor, double factor)
{
    const double zoom = std::clamp(m_zoom * factor, 1.0, kMaxZoom);
    if (zoom == m_zoom)
        return;
    // Keep the point under the anchor where it is: the grid is centred at the widget centre.
    const QPointF centre = QPointF(width(), height()) / 2;
    const double applied = zoom / m_zoom;
    m_pan = (m_pan + centre - anchor) * applied + anchor - centre;
    m_zoom = zoom;
    if (m_zoom == 1.0)
        m_pan = {};
    finishEditing(true);
    relayout();
    update();
}

void TensorView::zoomIn()
{
    zoomAround(QPointF(width(), height()) / 2, 1.25);
}

void TensorView::zoomOut()
{
    zoomAround(QPointF(width(), height()) / 2, 0.8);
}

void TensorView::resetZoom()
{
    m_zoom = 1.0;
    m_pan = {};
    relayout();
    update();
}

void TensorView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomAround(event->position(), std::pow(1.2, steps));
    event->accept();
}

void TensorView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_pressed = true;
    m_dragging = false;
    m_pressAt = event->position();
    m_panAtPress = m_pan;
}

void TensorView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_pressed && m_zoom > 1.0
        && (m_dragging || (event->position() - m_pressAt).manhattanLength() > 4)) {
        m_dragging = true;
        m_pan = m_panAtPress + event->position() - m_pressAt;
        relayout();
        update();
        return;
    }
    int tile = -1, y = -1, x = -1;
    if (!hitCell(event->position(), &tile, &y, &x))
        tile = -1;
    if (tile != m_hoverTile || QPoint(x, y) != m_hoverCell) {
        m_hoverTile = tile;
        m_hoverCell = QPoint(x, y);
        emit hovered(tile, y, x);
    }
}

void TensorView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed)
        return;
    m_pressed = false;
    int tile = -1, y = -1, x = -1;
    if (m_dragging || !hitCell(event->position(), &tile, &y, &x))
        return;
    if (m_editable && showsNumbers()) {
        startEditing(tile, y, x);
    } else {
        emit tileClicked(tile);
        emit cellClicked(tile, y, x);
    }
}

void TensorView::leaveEvent(QEvent *)
{
    if (m_hoverTile >= 0) {
        m_hoverTile = -1;
        m_hoverCell = {-1, -1};
        emit hovered(-1, -1, -1);
    }
}

void TensorView::startEditing(int tile, int y, int x)
{
    finishEditing(true);
    if (!m_editor) {
        m_editor = new QLineEdit(this);
        m_editor->setAlignment(Qt::AlignCenter);
        m_editor->setValidator(new QDoubleValidator(-1e6, 1e6, 6, m_editor));
        connect(m_editor, &QLineEdit::editingFinished, this, [this] { finishEditing(true); });
    }
    m_editTile = tile;
    m_editCell = QPoint(x, y);
    m_editor->setGeometry(cellRect(tile, y, x).toAlignedRect().adjusted(1, 1, -1, -1));
    m_editor->setText(QString::number(cellValue(tile, y, x)));
    m_editor->selectAll();
    m_editor->show();
    m_editor->setFocus();
}

void TensorView::finishEditing(bool commit)
{
    if (m_editTile < 0 || !m_editor)
        return;
    const int tile = m_editTile;
    m_editTile = -1;
    m_editor->hide();
    bool ok = false;
    const float value = QLocale().toFloat(m_editor->text(), &ok);
    if (commit && ok && std::isfinite(value))
        emit cellEdited(tile, m_editCell.y(), m_editCell.x(), value);
}

} // namespace convscope::ui
