#pragma once

#include <QMessageBox>

#include <functional>

namespace convscope::ui {

// A question to the user with the given buttons, answered by the button chosen (Cancel or the
// escape button when the dialog is closed).
using Asker = std::function<QMessageBox::StandardButton(QWidget *parent, const QString &title,
                                                        const QString &text,
                                                        QMessageBox::StandardButtons buttons,
                                                        QMessageBox::StandardButton defaultButton)>;

// Asks through a modal QMessageBox, or through the asker a test put in its place.
QMessageBox::StandardButton ask(QWidget *parent, const QString &title, const QString &text,
                                QMessageBox::StandardButtons buttons,
                                QMessageBox::StandardButton defaultButton);

// Puts an asker in the place of the dialog (a test's scripted answers) and returns the one it
// replaces; an empty asker brings the dialog back.
Asker setAsker(Asker asker);

} // namespace convscope::ui
