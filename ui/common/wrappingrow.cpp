#include "ui/common/wrappingrow.h"

#include <QBoxLayout>
#include <QResizeEvent>

#include <algorithm>

namespace convscope::ui {

WrappingRow::WrappingRow(QWidget *first, QWidget *second, QWidget *parent)
    : QWidget(parent)
    , m_first(first)
    , m_second(second)
    , m_layout(new QBoxLayout(QBoxLayout::LeftToRight, this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->addWidget(first, 1); // side by side, the second sits at the right end
    m_layout->addWidget(second);
}

bool WrappingRow::isWrapped() const
{
    return m_layout->direction() == QBoxLayout::TopToBottom;
}

int WrappingRow::sideBySideWidth() const
{
    return m_first->sizeHint().width() + m_layout->spacing() + m_second->sizeHint().width();
}

QSize WrappingRow::minimumSizeHint() const
{
    const QSize first = m_first->minimumSizeHint();
    const QSize second = m_second->minimumSizeHint();
    const int height = isWrapped() ? first.height() + m_layout->spacing() + second.height()
                                   : std::max(first.height(), second.height());
    return {std::max(first.width(), second.width()), height};
}

QSize WrappingRow::sizeHint() const
{
    const QSize first = m_first->sizeHint();
    const QSize second = m_second->sizeHint();
    if (isWrapped())
        return {std::max(first.width(), second.width()),
                first.height() + m_layout->spacing() + second.height()};
    return {sideBySideWidth(), std::max(first.height(), second.height())};
}

void WrappingRow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const auto direction = event->size().width() < sideBySideWidth() ? QBoxLayout::TopToBottom
                                                                     : QBoxLayout::LeftToRight;
    if (direction != m_layout->direction()) {
        m_layout->setDirection(direction);
        updateGeometry(); // the height changes with the direction
    }
}

} // namespace convscope::ui
