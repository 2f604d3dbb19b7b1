#pragma once

#include "core/nn/network.h"

#include <QTreeWidget>

namespace convscope::ui {

// An architecture table as a tree: one row per layer, a block's layers grouped under it by
// path (its layers and shortcut, or its branches), collapsible; the block's own row gives its
// output. Columns: layer, output, parameters, multiply-adds, receptive field, jump.
class LayerTree : public QTreeWidget
{
    Q_OBJECT

public:
    explicit LayerTree(QWidget *parent = nullptr);

    void showTable(const ArchitectureTable &table);
    // The row of a layer by name ("conv3", "residual2"), or null.
    QTreeWidgetItem *itemOf(const QString &name) const;
    // The row of a key, a layer's path and name ("residual1 › layers › conv2"; see diagramKey).
    QTreeWidgetItem *itemOfKey(const QString &key) const;
    static QString keyOf(const QTreeWidgetItem *item);
    // The keys of the blocks and paths whose rows are folded.
    QSet<QString> foldedKeys() const;

private:
    QTreeWidgetItem *itemAt(const QString &path);

    QHash<QString, QTreeWidgetItem *> m_items; // by path: "residual1", "residual1 › layers"
    bool m_expandBlocks = true;
};

} // namespace convscope::ui
