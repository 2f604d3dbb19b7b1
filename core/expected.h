#pragma once

#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace convscope {

// What went wrong, with the user's numbers, and how to fix it. Core functions that can fail on
// user input return one of these instead of throwing or aborting; the UI shows it, the CLI
// prints it and exits 1.
struct Error
{
    std::string message;
};

template<typename... Parts>
std::string concat(const Parts &...parts)
{
    std::ostringstream out;
    (out << ... << parts);
    return out.str();
}

// The parts with the separator between them: "apple, banana, carrot".
inline std::string join(const std::vector<std::string> &parts, std::string_view separator)
{
    std::string text;
    for (const std::string &part : parts) {
        if (!text.empty())
            text += separator;
        text += part;
    }
    return text;
}

template<typename... Parts>
Error makeError(const Parts &...parts)
{
    return Error{concat(parts...)};
}

template<typename T>
class [[nodiscard]] Expected
{
public:
    Expected(T value)
        : m_state(std::in_place_index<0>, std::move(value))
    {}
    Expected(Error error)
        : m_state(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() &
    {
        check();
        return std::get<0>(m_state);
    }
    const T &value() const &
    {
        check();
        return std::get<0>(m_state);
    }
    T &&value() &&
    {
        check();
        return std::get<0>(std::move(m_state));
    }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }

    const Error &error() const { return std::get<1>(m_state); }

private:
    // Reading the value of a failed result is a programming error, not a user error.
    void check() const
    {
        if (!ok())
            throw std::logic_error("Expected::value() on an error: " + error().message);
    }

    std::variant<T, Error> m_state;
};

template<>
class [[nodiscard]] Expected<void>
{
public:
    Expected() = default;
    Expected(Error error)
        : m_error(std::move(error))
    {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace convscope
