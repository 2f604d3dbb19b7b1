#pragma once

#include "core/expected.h"
#include "core/ops/geometry.h"

#include <map>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <vector>

namespace convscope::cli {

// Exit codes: 1 for a failure on the user's data or settings, 2 for a command line that
// cannot be understood.
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

struct Flag
{
    const char *name; // "--stride"
    bool takesValue;
};

// "--name value" and "--name" flags after the command word. Every parse error here is a usage
// error.
class Arguments
{
public:
    static Expected<Arguments> parse(std::span<char *const> words, std::span<const Flag> flags);

    bool has(const std::string &name) const { return m_values.count(name) > 0; }
    std::optional<std::string> value(const std::string &name) const;
    Expected<std::string> required(const std::string &name) const;
    // The flag's value as a number, or fallback when the flag is absent.
    template<typename T>
    Expected<T> number(const std::string &name, T fallback) const
    {
        const std::optional<std::string> text = value(name);
        if (!text)
            return fallback;
        std::istringstream in(*text);
        T result{};
        if (!(in >> result) || !in.eof())
            return makeError(name, ": '", *text, "' is not a number");
        return result;
    }

private:
    std::map<std::string, std::string> m_values;
};

// "28" or "28x32" (also "28X32", "28,32", "28×32").
Expected<std::pair<int, int>> parsePair(const std::string &flag, const std::string &text);
// "1" or "1,2"
Expected<std::pair<int, int>> parseAxes(const std::string &flag, const std::string &text);
// "P", "PH,PW", "T,B,L,R", "valid", "same" or "full"
Expected<PaddingSpec> parsePadding(const std::string &text);
Expected<PadMode> parsePadMode(const std::string &text);
Expected<std::vector<float>> parseFloats(const std::string &flag, const std::string &text);

} // namespace convscope::cli
