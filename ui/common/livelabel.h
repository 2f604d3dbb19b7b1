#pragma once

#include <QWidget>

namespace convscope::ui {

// Text that changes many times a second while training (the figures, the step counter, the
// status line). QLabel::setText asks the whole window for a new layout, which shapes every
// word-wrapped label again: at 30 updates a second that took a tenth of a core from training.
// This label's size is a fixed number of lines of its font, so a new text only repaints it;
// a line too long for the width is elided.
class LiveLabel : public QWidget
{
    Q_OBJECT

public:
    explicit LiveLabel(int lines = 1, QWidget *parent = nullptr);

    void setText(const QString &text); // lines separated by '\n'
    QString text() const { return m_text; }
    // The width the label asks for: the advance of this sample text.
    void setWidthSample(const QString &sample);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QString m_text;
    QString m_widthSample;
    int m_lines;
};

} // namespace convscope::ui
