#include "ui/training/layertree.h"

#include "ui/common/numbering.h"

#include <QHeaderView>

namespace convscope::ui {

namespace {

enum Column { NameColumn, OutputColumn, ParamsColumn, MacsColumn, FieldColumn, JumpColumn };

void fill(QTreeWidgetItem *item, const LayerDescription &row)
{
    item->setText(OutputColumn, QString::fromStdString(row.output.imageString()));
    item->setText(ParamsColumn, grouped(row.parameters));
    item->setText(MacsColumn, grouped(row.multiplyAdds));
    item->setText(FieldColumn, QString("%1×%2").arg(row.field.h.size).arg(row.field.w.size));
    item->setText(JumpColumn, QString("%1×%2").arg(row.field.h.jump).arg(row.field.w.jump));
    item->setToolTip(NameColumn, QString::fromStdString(row.spec));
    item->setToolTip(FieldColumn, QObject::tr("one unit sees %1×%2 input pixels, from (%3, %4)")
                                      .arg(row.field.h.size)
                                      .arg(row.field.w.size)
                                      .arg(row.field.h.start)
                                      .arg(row.field.w.start));
    for (int column = OutputColumn; column <= JumpColumn; ++column)
        item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace

LayerTree::LayerTree(QWidget *parent)
    : QTreeWidget(parent)
{
    setHeaderLabels({tr("Layer"), tr("Output C×H×W"), tr("Parameters"), tr("Mult-adds"),
                     tr("Field"), tr("Jump")});
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    // Every column as wide as its contents, names never cut: a narrow page scrolls sideways.
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

QTreeWidgetItem *LayerTree::itemAt(const QString &path)
{
    if (path.isEmpty())
        return invisibleRootItem();
    if (QTreeWidgetItem *item = m_items.value(path))
        return item;
    const qsizetype cut = path.lastIndexOf(" › ");
    QTreeWidgetItem *parent = itemAt(cut < 0 ? QString() : path.left(cut));
    auto *item = new QTreeWidgetItem(parent, {cut < 0 ? path : path.mid(cut + 3)});
    item->setData(NameColumn, Qt::UserRole, path);
    item->setExpanded(m_expandBlocks);
    m_items.insert(path, item);
    return item;
}

void LayerTree::showTable(const ArchitectureTable &table)
{
    clear();
    m_items.clear();
    // A large network opens with its blocks folded, so that its stages fit on one screen.
    m_expandBlocks = table.rows.size() <= 60;
    for (const LayerDescription &row : table.rows) {
        const QString where = QString::fromStdString(row.path);
        const QString name = QString::fromStdString(row.name);
        if (row.block) {
            // The block's item exists since its first layer: it gets the block's output, and
            // the parameters and multiply-adds of the layers inside it.
            const QString key = where.isEmpty() ? name : where + " › " + name;
            LayerDescription total = row;
            for (const LayerDescription &inside : table.rows) {
                const QString path = QString::fromStdString(inside.path);
                if (path == key || path.startsWith(key + " › ")) {
                    total.parameters += inside.parameters;
                    total.multiplyAdds += inside.multiplyAdds;
                }
            }
            QTreeWidgetItem *block = itemAt(key);
            block->setText(NameColumn,
                           QString("%1 (%2)").arg(name, QString::fromStdString(row.spec)));
            fill(block, total);
            continue;
        }
        auto *item = new QTreeWidgetItem(itemAt(where), {name});
        const QString key = where.isEmpty() ? name : where + " › " + name;
        item->setData(NameColumn, Qt::UserRole, key);
        fill(item, row);
        m_items.insert(key, item);
    }
}

QTreeWidgetItem *LayerTree::itemOfKey(const QString &key) const
{
    return m_items.value(key);
}

QString LayerTree::keyOf(const QTreeWidgetItem *item)
{
    return item ? item->data(NameColumn, Qt::UserRole).toString() : QString();
}

QSet<QString> LayerTree::foldedKeys() const
{
    QSet<QString> keys;
    for (auto it = m_items.begin(); it != m_items.end(); ++it) {
        if (it.value()->childCount() > 0 && !it.value()->isExpanded())
            keys.insert(it.key());
    }
    return keys;
}

QTreeWidgetItem *LayerTree::itemOf(const QString &name) const
{
    for (auto it = m_items.begin(); it != m_items.end(); ++it) {
        const QString key = it.key();
        if (key == name || key.endsWith(" › " + name))
            return it.value();
    }
    return nullptr;
}

} // namespace convscope::ui
