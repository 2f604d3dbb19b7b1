#pragma once

#include "core/nn/network.h"

#include <QPolygonF>
#include <QRectF>
#include <QSet>
#include <QString>

#include <vector>

namespace convscope::ui {

enum class BoxKind { Input, Convolution, Pooling, Dense, Other, Sum, Concatenation, Folded };

// One box of the diagram: a layer, the input, the sum that ends a residual block, the
// concatenation that ends an inception module, or a folded block.
struct DiagramBox
{
    QRectF rect;
    QString
        key; // the layer's path and name, as LayerTree keys its rows: "residual1 › layers › conv2"
    QString title; // "conv2 3×3"
    QString shape; // "16×28×28"
    QString tip;   // the layer's spec
    BoxKind kind = BoxKind::Other;
};

// A line of the data flow; an arrow head at its last point when `head`.
struct DiagramLine
{
    QPolygonF points;
    bool head = true;
};

struct DiagramLayout
{
    std::vector<DiagramBox> boxes;
    std::vector<DiagramLine> lines;
    std::vector<QRectF> frames; // around each unfolded block
    QSizeF size;

    // The box at a point, or null.
    const DiagramBox *boxAt(const QPointF &point) const;
    const DiagramBox *box(const QString &key) const;
};

// The sizes a layout is drawn with: a box's width and height and the space between boxes.
struct DiagramMetrics
{
    qreal boxWidth = 120;
    qreal boxHeight = 36;
    qreal gap = 18;
};

// The network top to bottom: a residual block's layers in the middle with its shortcut (an
// arrow, or the projection's boxes) on the right, joining at the sum; an inception module's
// branches side by side, joining at the concatenation. Blocks whose key is in `folded` are one
// box.
DiagramLayout layoutDiagram(const ArchitectureTable &table, const Shape &input,
                            const QSet<QString> &folded, const DiagramMetrics &metrics);

// The texts of every box a table may show, folded or not, for sizing the boxes.
QStringList diagramTexts(const ArchitectureTable &table, const Shape &input);

// The key of a table's row: its path inside the blocks and its name.
QString diagramKey(const LayerDescription &row);

} // namespace convscope::ui
