#pragma once

#include <QList>
#include <QString>

class QCoreApplication;

namespace convscope::ui {

// The languages of the window: English, in which it is written, and Korean, in which the course
// is taught. Formulas, numbers, layer specs and file names stay as they are in every language.
struct Language
{
    QString code;       // "en", "ko": what --language and the settings hold
    QString nativeName; // the menu shows each language in its own words
};

QList<Language> languages();

// Where the choice of View ▸ Language is kept: a code of languages(), empty for the system's.
inline constexpr char kLanguageSetting[] = "view/language";

// The language to use for a request: a code of languages(), or the system's language when the
// request is empty or unknown, English when ConvScope does not speak the system's.
QString resolveLanguage(const QString &requested);

// Installs the translations of a code of languages() into the application: ConvScope's own and
// Qt's (its dialogs' buttons), when Debian's qt6-translations-l10n is there. Call it once,
// before the first window is made; the window's words are chosen as its widgets are built.
void installLanguage(QCoreApplication &app, const QString &code);

// The language installed, "en" until installLanguage chose another.
QString currentLanguage();

} // namespace convscope::ui
