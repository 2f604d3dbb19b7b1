#include "ui/common/latestrunner.h"

#include <QCoreApplication>

namespace convscope::ui {

LatestRunner::LatestRunner(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
}

LatestRunner::~LatestRunner()
{
    m_pool.waitForDone();
}

void LatestRunner::waitForDone()
{
    m_pool.waitForDone();
}

void LatestRunner::settle()
{
    while (m_busy) {
        m_pool.waitForDone();
        QCoreApplication::sendPostedEvents(this);
    }
}

void LatestRunner::submit(Job job)
{
    if (m_busy) {
        m_pending = std::move(job);
        return;
    }
    start(std::move(job));
}

void LatestRunner::start(Job job)
{
    m_busy = true;
    m_pool.start([this, job = std::move(job)] {
        Finish finish = job();
        QMetaObject::invokeMethod(
            this, [this, finish = std::move(finish)] { finished(finish); }, Qt::QueuedConnection);
    });
}

void LatestRunner::finished(const Finish &finish)
{
    if (finish)
        finish();
    m_busy = false;
    if (m_pending) {
        Job next = std::move(*m_pending);
        m_pending.reset();
        start(std::move(next));
        return;
    }
    emit idle();
}

} // namespace convscope::ui
