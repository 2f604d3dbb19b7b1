#include "ui/common/fittinglabel.h"

#include <QEvent>
#include <QResizeEvent>

#include <algorithm>

namespace convscope::ui {

FittingLabel::FittingLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    // As narrow as the layout needs: the text wraps instead of widening the window.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
}

QSize FittingLabel::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 4, QLabel::minimumSizeHint().height()};
}

void FittingLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    fitHeight();
}

void FittingLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitHeight();
}

void FittingLabel::fitHeight()
{
    const int height = std::max(fontMetrics().height(), heightForWidth(std::max(1, width())));
    if (height != minimumHeight())
        setMinimumHeight(height);
}

} // namespace convscope::ui
