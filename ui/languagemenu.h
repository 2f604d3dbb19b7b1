#pragma once

#include <QStringList>

class QMenu;
class QWidget;

namespace convscope::ui {

// View ▸ Language: the system's language or one of languages(), kept in the settings. A window
// is built in one language, so a new choice offers to start ConvScope again; the window closes
// as usual (its settings saved) and the program starts with the same arguments.
void addLanguageMenu(QMenu *view, QWidget *window);

// The program's arguments for a restart in the chosen language: any --language dropped.
QStringList restartArguments(const QStringList &arguments);

} // namespace convscope::ui
