#pragma once

#include <QWidget>

class QBoxLayout;

namespace convscope::ui {

// Two groups of controls side by side while the width allows, one above the other when it
// does not: a 1024-pixel projector in presentation mode cuts nothing ("divergi", "Step m").
// Its minimum width is the wider group's, not both together.
class WrappingRow : public QWidget
{
    Q_OBJECT

public:
    WrappingRow(QWidget *first, QWidget *second, QWidget *parent = nullptr);

    bool isWrapped() const;
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    int sideBySideWidth() const;

    QWidget *m_first;
    QWidget *m_second;
    QBoxLayout *m_layout;
};

} // namespace convscope::ui
