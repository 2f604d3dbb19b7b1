#pragma once

#include <QObject>

namespace convscope::ui {

// Keeps the mouse wheel from changing a combo box, spin box or slider that does not have the
// keyboard focus, as careful Qt applications do: scrolling a column of settings must scroll
// it, not switch the padding from valid to full on the way. The wheel goes on to the scroll
// area around the control; a control that was clicked or tabbed into takes it as usual.
class WheelGuard : public QObject
{
    Q_OBJECT

public:
    // Watches every widget of the application while it lives.
    explicit WheelGuard(QObject *parent = nullptr);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace convscope::ui
