#include "ui/common/ask.h"

namespace convscope::ui {

namespace {

Asker &installed()
{
    static Asker asker;
    return asker;
}

} // namespace

QMessageBox::StandardButton ask(QWidget *parent, const QString &title, const QString &text,
                                QMessageBox::StandardButtons buttons,
                                QMessageBox::StandardButton defaultButton)
{
    if (installed())
        return installed()(parent, title, text, buttons, defaultButton);
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

Asker setAsker(Asker asker)
{
    Asker previous = std::move(installed());
    installed() = std::move(asker);
    return previous;
}

} // namespace convscope::ui
