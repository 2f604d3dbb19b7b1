#pragma once

#include <memory>
#include <mutex>

namespace convscope {

// Holds the newest value a producer published; a consumer takes whatever is newest when it
// looks, and values it never saw are simply dropped. The lock guards only a pointer swap, so
// neither side ever waits for the other's work.
template<typename T>
class LatestSlot
{
public:
    void publish(std::shared_ptr<const T> value)
    {
        std::lock_guard lock(m_mutex);
        m_value = std::move(value);
    }

    std::shared_ptr<const T> latest() const
    {
        std::lock_guard lock(m_mutex);
        return m_value;
    }

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const T> m_value;
};

} // namespace convscope
