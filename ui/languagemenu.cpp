#include "ui/languagemenu.h"

#include "ui/common/ask.h"
#include "ui/common/language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>
#include <QProcess>
#include <QSettings>
#include <QWidget>

namespace convscope::ui {

// The menu's words, in their own context.
class LanguageMenu
{
    Q_DECLARE_TR_FUNCTIONS(convscope::ui::LanguageMenu)
};

namespace {

void choose(QWidget *window, const QString &code, const QString &name)
{
    QSettings settings;
    if (settings.value(kLanguageSetting).toString() == code)
        return;
    settings.setValue(kLanguageSetting, code);
    if (resolveLanguage(code) == currentLanguage())
        return;
    const QMessageBox::StandardButton answer
        = ask(window, LanguageMenu::tr("Language"),
              LanguageMenu::tr(
                  "ConvScope speaks %1 from its next start. Restart it now? A training run "
                  "that is not saved stops.")
                  .arg(name),
              QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer == QMessageBox::Yes && window->close())
        QProcess::startDetached(QCoreApplication::applicationFilePath(),
                                restartArguments(QCoreApplication::arguments().mid(1)));
}

} // namespace

QStringList restartArguments(const QStringList &arguments)
{
    QStringList kept;
    for (int i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--language" || arguments[i] == "-language")
            ++i;
        else if (!arguments[i].startsWith("--language="))
            kept.append(arguments[i]);
    }
    return kept;
}

void addLanguageMenu(QMenu *view, QWidget *window)
{
    QMenu *menu = view->addMenu(LanguageMenu::tr("&Language"));
    auto *group = new QActionGroup(menu);
    const QString chosen = QSettings().value(kLanguageSetting).toString();
    QList<Language> entries = languages();
    entries.prepend({QString(), LanguageMenu::tr("System Language")});
    for (const Language &language : entries) {
        QAction *action = menu->addAction(language.nativeName, window, [=] {
            choose(window, language.code,
                   language.code.isEmpty() ? LanguageMenu::tr("the system's language")
                                           : language.nativeName);
        });
        action->setCheckable(true);
        action->setChecked(language.code == chosen);
        action->setData(language.code);
        group->addAction(action);
        if (language.code.isEmpty())
            menu->addSeparator();
    }
}

} // namespace convscope::ui
