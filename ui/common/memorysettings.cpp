#include "ui/common/memorysettings.h"

#include <QTemporaryDir>

namespace convscope::ui {

namespace {

// A QSettings over an INI file in a folder of its own that goes with it: nothing of it lands
// among the user's settings.
struct ScratchSettings
{
    QTemporaryDir folder;
    QSettings settings{folder.filePath("state.ini"), QSettings::IniFormat};
};

} // namespace

QVariantMap snapshot(const std::function<void(QSettings &)> &save)
{
    ScratchSettings scratch;
    save(scratch.settings);
    QVariantMap state;
    for (const QString &key : scratch.settings.allKeys())
        state.insert(key, scratch.settings.value(key));
    return state;
}

void replay(const QVariantMap &state, const std::function<void(QSettings &)> &restore)
{
    ScratchSettings scratch;
    for (auto it = state.constBegin(); it != state.constEnd(); ++it)
        scratch.settings.setValue(it.key(), it.value());
    restore(scratch.settings);
}

} // namespace convscope::ui
