#pragma once

#include <QLabel>

namespace convscope::ui {

// A word-wrapped label that asks for the height of its wrapped lines at its current width.
// QLabel's height-for-width is lost inside a splitter, so a line that wrapped on a narrow
// window was cut in half; this one sets its minimum height whenever its width changes.
class FittingLabel : public QLabel
{
    Q_OBJECT

public:
    explicit FittingLabel(QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void fitHeight();
};

} // namespace convscope::ui
