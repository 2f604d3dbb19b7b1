#pragma once

#include <QObject>
#include <QTimer>
#include <QVariantMap>

#include <functional>

class QSettings;
class QUndoStack;

namespace convscope::ui {

// Undo and redo for a page that saves and restores itself through QSettings: each settled
// change (a slider's drag is one step, not fifty) becomes a step of a QUndoStack that puts
// the whole state back. A new page's state is kept as its defaults, for resetting a group of
// settings (the keys under one prefix) to what the page starts with.
class ExplorerHistory : public QObject
{
    Q_OBJECT

public:
    using Save = std::function<void(QSettings &)>;
    using Restore = std::function<void(QSettings &)>;

    // Takes the page's state now as its defaults and as the first state.
    ExplorerHistory(Save save, Restore restore, QObject *parent = nullptr);

    QUndoStack *stack() const { return m_stack; }
    // Something changed: once it settles, a step named `what` (unless the state is the same).
    void changed(const QString &what);
    // Records a pending change at once (before an undo, or in a test).
    void settle();
    // Edit ▸ Undo and Redo: the pending change settled first, then one step.
    void undo();
    void redo();
    // The page was restored from the saved settings: that is where its history starts.
    void forget();
    // The keys under `prefix` ("filters/") back to the defaults, as one step; an empty prefix
    // resets everything.
    void reset(const QString &prefix, const QString &what);

private:
    friend class StateChange;
    void apply(const QVariantMap &state);

    Save m_save;
    Restore m_restore;
    QUndoStack *m_stack;
    QVariantMap m_defaults;
    QVariantMap m_current;
    QString m_pending;
    QTimer m_settle;
    bool m_applying = false;
};

} // namespace convscope::ui
