#pragma once

#include "core/ops/geometry.h"
#include "core/tensor.h"

#include <QImage>
#include <QList>
#include <QWidget>

#include <memory>

class QLineEdit;

namespace convscope::ui {

// Marks drawn over a TensorView: cells (with dilation holes, padding cells beyond the border),
// a frame around a window, dots on winners. tile −1 marks every tile.
struct Overlay
{
    enum class Style { Fill, Outline, Dot };
    QList<QPoint> cells; // (x, y) in image coordinates; may lie in the padding ring
    int tile = -1;
    QColor color;
    Style style = Style::Fill;
};

// The planes of a 1×C×H×W tensor as tiles side by side (or one RGB picture), with zoom (wheel)
// and pan (drag), a ring of padding cells, overlays, and the numbers in every cell once the
// cells are large enough to read, as the lecture slides draw them. Cells can be edited inline.
class TensorView : public QWidget
{
    Q_OBJECT

public:
    explicit TensorView(QWidget *parent = nullptr);

    // tiles are the coloured planes (one RGB image when composite), values what they show.
    void setContent(std::shared_ptr<const Tensor> values, QList<QImage> tiles, QStringList titles,
                    bool composite);
    void clear();
    QString tileTitle(int tile) const { return m_titles.value(tile); }
    // The padding ring drawn around every tile, and what its cells hold.
    void setPadding(const Padding &padding, PadMode mode);
    void setOverlays(QList<Overlay> overlays);
    // Step mode: only the first n positions (row-major, every tile) are drawn; −1 draws all.
    void setRevealed(qint64 count);
    void setGreyedOut(bool greyed);
    void setEditable(bool editable) { m_editable = editable; }

    bool isGreyedOut() const { return m_greyed; }
    int tileCount() const { return int(m_tiles.size()); }
    bool showsNumbers() const;
    const Tensor *values() const { return m_values.get(); }
    // Where cell (x, y) of a tile is drawn now, in widget coordinates (for tests and editors).
    QRectF cellRect(int tile, int y, int x) const;

    void zoomIn();
    void zoomOut();
    void resetZoom();

signals:
    void hovered(int tile, int y, int x); // tile −1 when the cursor left every image cell
    void cellEdited(int tile, int y, int x, float value);
    void tileClicked(int tile); // a click (not a drag) on a tile that is not being edited
    void cellClicked(int tile, int y, int x); // the same click, with its cell

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Layout
    {
        int columns = 1;
        double cell = 1; // size of one pixel on screen
        double titleHeight = 0;
        QList<QRectF> tiles; // the image area of every tile, padding excluded
    };

    void relayout();
    void drawTile(QPainter &painter, int tile) const;
    int numberPixels(double cell) const;
    void drawNumbers(QPainter &painter, int tile) const;
    void drawPadding(QPainter &painter, int tile) const;
    void drawOverlay(QPainter &painter, const Overlay &overlay, int tile) const;
    bool hitCell(QPointF point, int *tile, int *y, int *x) const;
    int planeOf(int tile) const { return m_composite ? 0 : tile; }
    float cellValue(int tile, int y, int x) const;
    void startEditing(int tile, int y, int x);
    void finishEditing(bool commit);
    void zoomAround(QPointF anchor, double factor);

    std::shared_ptr<const Tensor> m_values;
    QList<QImage> m_tiles;
    QStringList m_titles;
    bool m_composite = false;
    Padding m_padding;
    PadMode m_padMode = PadMode::Zero;
    QList<Overlay> m_overlays;
    qint64 m_revealed = -1;
    bool m_greyed = false;
    bool m_editable = false;
    Layout m_layout;
    double m_zoom = 1.0;
    QPointF m_pan;
    QPointF m_pressAt;
    QPointF m_panAtPress;
    bool m_pressed = false;
    bool m_dragging = false;
    QPoint m_hoverCell{-1, -1};
    int m_hoverTile = -1;
    QLineEdit *m_editor = nullptr;
    int m_editTile = -1;
    QPoint m_editCell;
};

} // namespace convscope::ui
