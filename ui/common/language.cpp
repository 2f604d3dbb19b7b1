#include "ui/common/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace convscope::ui {

namespace {

QString g_current = "en";
QList<QTranslator *> g_installed;

} // namespace

QList<Language> languages()
{
    return {{"en", "English"}, {"ko", "한국어"}};
}

QString resolveLanguage(const QString &requested)
{
    const QString wanted = requested.isEmpty() ? QLocale::system().name().section('_', 0, 0)
                                               : requested;
    for (const Language &language : languages()) {
        if (language.code == wanted)
            return wanted;
    }
    return requested.isEmpty() ? QString("en") : resolveLanguage(QString());
}

void installLanguage(QCoreApplication &app, const QString &code)
{
    for (QTranslator *translator : std::as_const(g_installed)) {
        app.removeTranslator(translator);
        delete translator;
    }
    g_installed.clear();
    g_current = "en";
    if (code == "en")
        return;
    const QString qtFolder = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    const QList<QPair<QString, QString>> catalogs = {{"convscope_" + code, ":/i18n"},
                                                     {"qtbase_" + code, qtFolder},
                                                     {"qtmultimedia_" + code, qtFolder}};
    for (const auto &[name, folder] : catalogs) {
        auto *translator = new QTranslator(&app);
        if (translator->load(name, folder)) {
            app.installTranslator(translator);
            g_installed.append(translator);
        } else {
            delete translator;
        }
    }
    // Qt's own catalogs are a help, ConvScope's is the language.
    if (!g_installed.isEmpty() && g_installed.first()->filePath().startsWith(":/i18n"))
        g_current = code;
}

QString currentLanguage()
{
    return g_current;
}

} // namespace convscope::ui
