#pragma once

#include <QColor>
#include <QString>

// The colours that carry a meaning on every page, named once: what is wrong, and the marks
// that link an output value to the values it reads.
namespace convscope::ui::style {

// What is wrong: a bad setting, a file that does not open, a layer that does not fit.
inline const QColor kError(176, 0, 32);
inline const QColor kErrorBackground(255, 225, 225);
// What is right: a quiz answer.
inline const QColor kRight(0, 128, 64);

// A label's style sheet for an error's text.
inline QString errorTextStyle()
{
    return QString("color: %1").arg(kError.name());
}

// Rich text shown as an error.
inline QString errorHtml(const QString &html)
{
    return QString("<span style='color:%1'>%2</span>").arg(kError.name(), html);
}

// The box above a page's views that says why its input cannot be shown.
inline QString messageBoxStyle()
{
    return "QLabel { background: #fdecea; color: #8a1c1c; padding: 6px; "
           "border: 1px solid #e0a0a0; border-radius: 3px; }";
}

// The object name of a page's column of settings, which the focus view (F11) hides so that
// the concept on show gets the whole screen.
inline constexpr char kSettingsColumn[] = "settings";

// The marks of the explorer's canvases.
inline const QColor kWindowMark(255, 140, 0); // the cells an output value reads (its window)
inline const QColor kFocusMark(30, 110, 255); // the value under the cursor
inline const QColor kSameMark(0, 170, 90);    // what an input pixel feeds; what a shift kept
inline const QColor kWinnerMark(255, 215, 0); // the maximum of a pooling window

} // namespace convscope::ui::style
