#pragma once

#include <QObject>
#include <QThreadPool>

#include <functional>
#include <optional>

namespace convscope::ui {

// Runs jobs off the GUI thread, one at a time, and of the jobs submitted while one runs only
// the newest: dragging a slider never queues stale work. A job runs on the worker and returns
// what to do with its result on the GUI thread.
class LatestRunner : public QObject
{
    Q_OBJECT

public:
    using Finish = std::function<void()>;
    using Job = std::function<Finish()>;

    explicit LatestRunner(QObject *parent = nullptr);
    ~LatestRunner() override;

    void submit(Job job);
    bool isIdle() const { return !m_busy; }
    // Blocks until the running job is done (its result is then delivered by the event loop).
    void waitForDone();
    // Blocks until every job submitted has run and its result has been delivered, the pending
    // one included: what a test or a screenshot waits for.
    void settle();

signals:
    void idle();

private:
    void start(Job job);
    void finished(const Finish &finish);

    QThreadPool m_pool;
    bool m_busy = false;
    std::optional<Job> m_pending;
};

} // namespace convscope::ui
