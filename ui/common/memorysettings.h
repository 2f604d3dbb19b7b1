#pragma once

#include <QSettings>
#include <QVariantMap>

#include <functional>

namespace convscope::ui {

// The pages save and restore themselves through QSettings; these keep such a state in memory,
// as a map of keys to values, for undo and for a group's defaults.

// What save() writes, as a map.
QVariantMap snapshot(const std::function<void(QSettings &)> &save);
// Hands a map to restore() as if it had been saved.
void replay(const QVariantMap &state, const std::function<void(QSettings &)> &restore);

} // namespace convscope::ui
