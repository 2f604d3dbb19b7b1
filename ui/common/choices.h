#pragma once

#include <QComboBox>
#include <QSettings>

#include <optional>

namespace convscope::ui {

// The choice stored under key if one of box's items holds it as its data: a value that none
// holds (edited by hand, or written by another version) is no choice, so an enum read back
// from the settings never leaves the range its box offers.
inline std::optional<int> storedChoice(const QComboBox *box, const QSettings &settings,
                                       const QString &key)
{
    bool ok = false;
    const int value = settings.value(key).toInt(&ok);
    if (!ok || box->findData(value) < 0)
        return std::nullopt;
    return value;
}

// Selects the item whose data is the stored choice; without one the box keeps its own.
inline void restoreChoice(QComboBox *box, const QSettings &settings, const QString &key)
{
    if (std::optional<int> value = storedChoice(box, settings, key))
        box->setCurrentIndex(box->findData(*value));
}

} // namespace convscope::ui
