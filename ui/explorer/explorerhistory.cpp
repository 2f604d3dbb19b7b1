#include "ui/explorer/explorerhistory.h"

#include "ui/common/memorysettings.h"

#include <QUndoStack>

namespace convscope::ui {

namespace {

// A slider dragged or a spin box held down settles after this long without a change.
constexpr int kSettleMs = 400;

} // namespace

// One step: the state before and after it.
class StateChange : public QUndoCommand
{
public:
    StateChange(ExplorerHistory *history, QVariantMap before, QVariantMap after, const QString &what)
        : QUndoCommand(what)
        , m_history(history)
        , m_before(std::move(before))
        , m_after(std::move(after))
    {}

    void undo() override { m_history->apply(m_before); }
    void redo() override
    {
        // The first redo is the push: the page is in that state already.
        if (m_done)
            m_history->apply(m_after);
        m_done = true;
    }

private:
    ExplorerHistory *m_history;
    QVariantMap m_before;
    QVariantMap m_after;
    bool m_done = false;
};

ExplorerHistory::ExplorerHistory(Save save, Restore restore, QObject *parent)
    : QObject(parent)
    , m_save(std::move(save))
    , m_restore(std::move(restore))
    , m_stack(new QUndoStack(this))
    , m_defaults(snapshot(m_save))
    , m_current(m_defaults)
{
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, &ExplorerHistory::settle);
}

// A change still settling is recorded first, so that Ctrl+Z right after a change undoes that
// change alone, and Redo can bring it back.
void ExplorerHistory::undo()
{
    settle();
    m_stack->undo();
}

void ExplorerHistory::redo()
{
    settle();
    m_stack->redo();
}

void ExplorerHistory::changed(const QString &what)
{
    if (m_applying)
        return;
    m_pending = what;
    m_settle.start();
}

void ExplorerHistory::settle()
{
    m_settle.stop();
    QVariantMap now = snapshot(m_save);
    if (now == m_current)
        return;
    m_stack->push(new StateChange(this, m_current, now, m_pending));
    m_current = std::move(now);
}

void ExplorerHistory::reset(const QString &prefix, const QString &what)
{
    settle();
    QVariantMap target = m_current;
    for (auto it = target.begin(); it != target.end();) {
        if (it.key().startsWith(prefix) && !m_defaults.contains(it.key()))
            it = target.erase(it);
        else
            ++it;
    }
    for (auto it = m_defaults.constBegin(); it != m_defaults.constEnd(); ++it) {
        if (it.key().startsWith(prefix))
            target.insert(it.key(), it.value());
    }
    if (target == m_current)
        return;
    const QVariantMap before = m_current;
    apply(target);
    m_stack->push(new StateChange(this, before, target, what));
}

void ExplorerHistory::forget()
{
    m_settle.stop();
    m_stack->clear();
    m_current = snapshot(m_save);
}

void ExplorerHistory::apply(const QVariantMap &state)
{
    m_applying = true;
    replay(state, m_restore);
    m_current = state;
    m_applying = false;
}

} // namespace convscope::ui
