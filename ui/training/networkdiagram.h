#pragma once

#include "ui/training/diagramlayout.h"

#include <QWidget>

namespace convscope::ui {

// The network as boxes and arrows (see layoutDiagram): what a residual block adds around its
// layers and what an inception module runs side by side. A click selects a box, a double
// click on a block folds or unfolds it; it sits in a scroll area.
class NetworkDiagram : public QWidget
{
    Q_OBJECT

public:
    explicit NetworkDiagram(QWidget *parent = nullptr);

    // `folded`: the blocks drawn as one box, by key, as the layer table folds them.
    void showTable(const ArchitectureTable &table, const Shape &input, const QSet<QString> &folded);
    void setFolded(const QSet<QString> &keys);
    // Highlights the box of a key (none for a key without a box).
    void select(const QString &key);
    QString selected() const { return m_selected; }
    const DiagramLayout &diagram() const { return m_layout; }
    QSize sizeHint() const override;

signals:
    void boxClicked(const QString &key);
    void blockToggled(const QString &key);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void relayout();
    void drawBox(class QPainter &painter, const DiagramBox &box) const;

    ArchitectureTable m_table;
    Shape m_input;
    QSet<QString> m_folded;
    QString m_selected;
    DiagramLayout m_layout;
};

} // namespace convscope::ui
