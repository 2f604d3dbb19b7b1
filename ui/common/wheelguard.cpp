#include "ui/common/wheelguard.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QScrollBar>
#include <QWheelEvent>

namespace convscope::ui {

WheelGuard::WheelGuard(QObject *parent)
    : QObject(parent)
{
    qApp->installEventFilter(this);
}

bool WheelGuard::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Wheel || !watched->isWidgetType())
        return false;
    auto *widget = static_cast<QWidget *>(watched);
    const bool guarded = qobject_cast<QComboBox *>(widget)
                         || qobject_cast<QAbstractSpinBox *>(widget)
                         || (qobject_cast<QAbstractSlider *>(widget)
                             && !qobject_cast<QScrollBar *>(widget));
    if (!guarded || widget->hasFocus())
        return false;
    // Filtered but not accepted: QApplication hands the wheel on to the parents, and the
    // scroll area around the control scrolls.
    event->ignore();
    return true;
}

} // namespace convscope::ui
