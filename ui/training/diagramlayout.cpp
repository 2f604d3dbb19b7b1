#include "ui/training/diagramlayout.h"

#include <QObject>
#include <QStringList>

#include <algorithm>
#include <deque>

namespace convscope::ui {

namespace {

const QString kSeparator = QStringLiteral(" › ");

// The table's rows as the tree of the spec: a block holds its paths (its layers and shortcut,
// or its branches), each a sequence of layers and blocks.
struct Node
{
    int row = -1;
    QString key;
    bool block = false;
    std::vector<std::pair<QString, std::vector<int>>> paths;
};

class NodeTree
{
public:
    explicit NodeTree(const ArchitectureTable &table)
    {
        for (size_t i = 0; i < table.rows.size(); ++i) {
            const LayerDescription &row = table.rows[i];
            const QString key = diagramKey(row);
            if (row.block) {
                m_nodes[size_t(blockNode(key))].row = int(i);
                continue;
            }
            const int index = int(m_nodes.size());
            m_nodes.push_back({int(i), key, false, {}});
            sequence(QString::fromStdString(row.path)).push_back(index);
        }
    }

    const std::vector<int> &top() const { return m_top; }
    const Node &node(int index) const { return m_nodes[size_t(index)]; }

private:
    // A block's node, made when its first layer arrives: that is its place in the network.
    int blockNode(const QString &key)
    {
        for (size_t i = 0; i < m_nodes.size(); ++i) {
            if (m_nodes[i].block && m_nodes[i].key == key)
                return int(i);
        }
        const int index = int(m_nodes.size());
        m_nodes.push_back({-1, key, true, {}});
        const qsizetype cut = key.lastIndexOf(kSeparator);
        sequence(cut < 0 ? QString() : key.left(cut)).push_back(index);
        return index;
    }

    std::vector<int> &sequence(const QString &path)
    {
        if (path.isEmpty())
            return m_top;
        const qsizetype cut = path.lastIndexOf(kSeparator);
        const QString name = path.mid(cut + kSeparator.size());
        auto &paths = m_nodes[size_t(blockNode(path.left(cut)))].paths;
        for (auto &[pathName, members] : paths) {
            if (pathName == name)
                return members;
        }
        return paths.emplace_back(name, std::vector<int>{}).second;
    }

    std::deque<Node> m_nodes; // references stay valid while it grows
    std::vector<int> m_top;
};

BoxKind kindOf(const LayerDescription &row)
{
    const QString word = QString::fromStdString(row.spec).section(' ', 0, 0);
    if (row.block)
        return QString::fromStdString(row.name).startsWith("residual") ? BoxKind::Sum
                                                                       : BoxKind::Concatenation;
    if (word == "conv")
        return BoxKind::Convolution;
    if (word == "maxpool" || word == "avgpool" || word == "gap")
        return BoxKind::Pooling;
    if (word == "dense")
        return BoxKind::Dense;
    return BoxKind::Other;
}

// "conv2 3×3", "maxpool1 2×2": the kernel is what tells the branches of a module apart.
QString titleOf(const LayerDescription &row)
{
    const QString name = QString::fromStdString(row.name);
    if (row.block && kindOf(row) == BoxKind::Sum)
        return QString(QChar(0x2295)) + ' ' + name; // the sign of the sum in ResNet's figures
    const QStringList words = QString::fromStdString(row.spec).split(' ', Qt::SkipEmptyParts);
    const BoxKind kind = kindOf(row);
    const int at = kind == BoxKind::Convolution ? 2 : 1;
    if ((kind != BoxKind::Convolution && kind != BoxKind::Pooling) || words.size() <= at
        || words[0] == "gap")
        return name;
    QString kernel = words[at];
    kernel.replace('x', QChar(0x00D7));
    if (!kernel.contains(QChar(0x00D7)))
        kernel = kernel + QChar(0x00D7) + kernel;
    return name + ' ' + kernel;
}

DiagramBox boxOf(const LayerDescription &row)
{
    DiagramBox box;
    box.key = diagramKey(row);
    box.title = titleOf(row);
    box.shape = QString::fromStdString(row.output.imageString());
    box.tip = QString::fromStdString(row.spec);
    box.kind = kindOf(row);
    return box;
}

// A part of the diagram in its own coordinates, entered at the middle of its top edge and
// left at the middle of its bottom edge.
struct Piece
{
    qreal width = 0;
    qreal height = 0;
    bool opensWithBox = false; // an arrow into it ends on a box, not on a fork
    DiagramLayout drawing;

    void add(const Piece &part, QPointF offset)
    {
        for (DiagramBox box : part.drawing.boxes) {
            box.rect.translate(offset);
            drawing.boxes.push_back(box);
        }
        for (DiagramLine line : part.drawing.lines) {
            line.points.translate(offset);
            drawing.lines.push_back(line);
        }
        for (const QRectF &frame : part.drawing.frames)
            drawing.frames.push_back(frame.translated(offset));
    }
    void line(std::initializer_list<QPointF> points, bool head = true)
    {
        drawing.lines.push_back({QPolygonF(QList<QPointF>(points)), head});
    }
};

class Builder
{
public:
    Builder(const ArchitectureTable &table, const QSet<QString> &folded,
            const DiagramMetrics &metrics)
        : m_table(table)
        , m_tree(table)
        , m_folded(folded)
        , m_m(metrics)
    {}

    Piece network(const Shape &input)
    {
        DiagramBox box;
        box.title = QObject::tr("input");
        box.shape = QString::fromStdString(input.imageString());
        box.tip = QObject::tr("the image the network reads");
        box.kind = BoxKind::Input;
        std::vector<Piece> pieces{single(box)};
        for (int index : m_tree.top())
            pieces.push_back(node(index));
        return stack(pieces);
    }

private:
    Piece single(DiagramBox box) const
    {
        Piece piece;
        piece.width = m_m.boxWidth;
        piece.height = m_m.boxHeight;
        piece.opensWithBox = true;
        box.rect = QRectF(0, 0, m_m.boxWidth, m_m.boxHeight);
        piece.drawing.boxes.push_back(box);
        return piece;
    }

    Piece node(int index)
    {
        const Node &n = m_tree.node(index);
        if (n.row < 0)
            return {}; // a block whose end the table did not reach: the network is bad there
        DiagramBox box = boxOf(m_table.rows[size_t(n.row)]);
        if (!n.block)
            return single(box);
        if (m_folded.contains(n.key)) {
            box.kind = BoxKind::Folded;
            return single(box);
        }
        std::vector<Piece> paths;
        for (const auto &[name, members] : n.paths) {
            std::vector<Piece> pieces;
            for (int member : members)
                pieces.push_back(node(member));
            paths.push_back(stack(pieces));
        }
        return box.kind == BoxKind::Sum ? residual(paths, box) : branches(paths, box);
    }

    // Pieces one under the other, centred, joined by arrows.
    Piece stack(const std::vector<Piece> &pieces) const
    {
        Piece out;
        for (const Piece &piece : pieces)
            out.width = std::max(out.width, piece.width);
        qreal y = 0;
        for (const Piece &piece : pieces) {
            if (piece.height <= 0)
                continue;
            if (y > 0) {
                out.line({QPointF(out.width / 2, y), QPointF(out.width / 2, y + m_m.gap)},
                         piece.opensWithBox);
                y += m_m.gap;
            } else {
                out.opensWithBox = piece.opensWithBox;
            }
            out.add(piece, QPointF((out.width - piece.width) / 2, y));
            y += piece.height;
        }
        out.height = y;
        return out;
    }

    // The layers in the middle, the shortcut on the right (the projection's boxes, or a bare
    // arrow for the identity), both into the sum.
    Piece residual(const std::vector<Piece> &paths, DiagramBox sum) const
    {
        const Piece empty;
        const Piece &layers = paths.empty() ? empty : paths[0];
        const Piece *shortcut = paths.size() > 1 ? &paths[1] : nullptr;
        const qreal pad = m_m.gap / 2;
        const qreal lane = shortcut ? shortcut->width : m_m.gap;
        const qreal side = m_m.gap + lane;
        const qreal inner = std::max(layers.width, m_m.boxWidth);
        Piece out;
        out.width = 2 * (pad + side) + inner;
        const qreal middle = out.width / 2;
        const qreal fork = pad + m_m.gap / 2;
        const qreal top = pad + m_m.gap;
        const qreal laneX = middle + inner / 2 + m_m.gap + lane / 2;
        const qreal tallest = std::max(layers.height, shortcut ? shortcut->height : 0);
        const qreal sumTop = top + tallest + m_m.gap;
        const qreal sumMiddle = sumTop + m_m.boxHeight / 2;
        out.line({QPointF(middle, 0), QPointF(middle, top)}, layers.opensWithBox);
        out.add(layers, QPointF(middle - layers.width / 2, top));
        out.line({QPointF(middle, top + layers.height), QPointF(middle, sumTop)});
        if (shortcut) {
            out.line({QPointF(middle, fork), QPointF(laneX, fork), QPointF(laneX, top)},
                     shortcut->opensWithBox);
            out.add(*shortcut, QPointF(laneX - shortcut->width / 2, top));
            out.line({QPointF(laneX, top + shortcut->height), QPointF(laneX, sumMiddle),
                      QPointF(middle + m_m.boxWidth / 2, sumMiddle)});
        } else {
            out.line({QPointF(middle, fork), QPointF(laneX, fork), QPointF(laneX, sumMiddle),
                      QPointF(middle + m_m.boxWidth / 2, sumMiddle)});
        }
        sum.rect = QRectF(middle - m_m.boxWidth / 2, sumTop, m_m.boxWidth, m_m.boxHeight);
        out.drawing.boxes.push_back(sum);
        out.height = sumTop + m_m.boxHeight + pad;
        out.drawing.frames.push_back(QRectF(0, pad / 2, out.width, out.height - pad));
        return out;
    }

    // The branches side by side from one fork, joined where they are concatenated.
    Piece branches(const std::vector<Piece> &paths, DiagramBox join) const
    {
        const qreal pad = m_m.gap / 2;
        qreal inner = 0;
        qreal tallest = 0;
        for (const Piece &path : paths) {
            inner += path.width + (inner > 0 ? m_m.gap : 0);
            tallest = std::max(tallest, path.height);
        }
        Piece out;
        out.width = std::max(inner, m_m.boxWidth) + 2 * pad;
        const qreal middle = out.width / 2;
        const qreal fork = pad + m_m.gap / 2;
        const qreal top = pad + m_m.gap;
        const qreal merge = top + tallest + m_m.gap / 2;
        const qreal joinTop = merge + m_m.gap / 2;
        out.line({QPointF(middle, 0), QPointF(middle, fork)}, false);
        qreal x = (out.width - inner) / 2;
        qreal first = middle;
        qreal last = middle;
        for (size_t i = 0; i < paths.size(); ++i) {
            const Piece &path = paths[i];
            const qreal centre = x + path.width / 2;
            first = i == 0 ? centre : first;
            last = centre;
            out.line({QPointF(centre, fork), QPointF(centre, top)}, path.opensWithBox);
            out.add(path, QPointF(x, top));
            out.line({QPointF(centre, top + path.height), QPointF(centre, merge)}, false);
            x += path.width + m_m.gap;
        }
        out.line({QPointF(first, fork), QPointF(last, fork)}, false);
        out.line({QPointF(first, merge), QPointF(last, merge)}, false);
        out.line({QPointF(middle, merge), QPointF(middle, joinTop)});
        join.rect = QRectF(middle - m_m.boxWidth / 2, joinTop, m_m.boxWidth, m_m.boxHeight);
        out.drawing.boxes.push_back(join);
        out.height = joinTop + m_m.boxHeight + pad;
        out.drawing.frames.push_back(QRectF(0, pad / 2, out.width, out.height - pad));
        return out;
    }

    const ArchitectureTable &m_table;
    NodeTree m_tree;
    const QSet<QString> &m_folded;
    DiagramMetrics m_m;
};

} // namespace

QString diagramKey(const LayerDescription &row)
{
    const QString name = QString::fromStdString(row.name);
    return row.path.empty() ? name : QString::fromStdString(row.path) + kSeparator + name;
}

const DiagramBox *DiagramLayout::boxAt(const QPointF &point) const
{
    for (const DiagramBox &box : boxes) {
        if (box.rect.contains(point))
            return &box;
    }
    return nullptr;
}

const DiagramBox *DiagramLayout::box(const QString &key) const
{
    for (const DiagramBox &box : boxes) {
        if (box.key == key)
            return &box;
    }
    return nullptr;
}

DiagramLayout layoutDiagram(const ArchitectureTable &table, const Shape &input,
                            const QSet<QString> &folded, const DiagramMetrics &metrics)
{
    const qreal margin = metrics.gap;
    Piece whole = Builder(table, folded, metrics).network(input);
    Piece framed;
    framed.add(whole, QPointF(margin, margin));
    framed.drawing.size = QSizeF(whole.width + 2 * margin, whole.height + 2 * margin);
    return framed.drawing;
}

QStringList diagramTexts(const ArchitectureTable &table, const Shape &input)
{
    QStringList texts{QObject::tr("input"), QString::fromStdString(input.imageString())};
    for (const LayerDescription &row : table.rows)
        texts << titleOf(row) << QString::fromStdString(row.output.imageString());
    return texts;
}

} // namespace convscope::ui
