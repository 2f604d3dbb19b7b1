#include "app/cli/arguments.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace convscope::cli {

namespace {

Expected<std::vector<int>> parseInts(const std::string &flag, std::string text)
{
    const std::string multiply = "×";
    std::string separated;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, multiply.size(), multiply) == 0) {
            separated += ',';
            i += multiply.size() - 1;
        } else {
            separated += (text[i] == 'x' || text[i] == 'X') ? ',' : text[i];
        }
    }
    text = separated;
    std::vector<int> values;
    size_t start = 0;
    for (;;) {
        const size_t comma = text.find(',', start);
        const std::string part = text.substr(start, comma - start);
        int v = 0;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (ec == std::errc::result_out_of_range)
            return makeError(flag, ": '", part, "' is out of range");
        if (part.empty() || ec != std::errc() || end != part.data() + part.size())
            return makeError(flag, ": '", part, "' is not a whole number");
        values.push_back(v);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return values;
}

} // namespace

Expected<Arguments> Arguments::parse(std::span<char *const> words, std::span<const Flag> flags)
{
    Arguments args;
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string word = words[i];
        const Flag *flag = nullptr;
        for (const Flag &f : flags) {
            if (word == f.name)
                flag = &f;
        }
        if (!flag)
            return makeError("unknown option '", word, "'");
        if (args.has(word))
            return makeError(word, " is given twice");
        if (!flag->takesValue) {
            args.m_values[word] = "";
            continue;
        }
        if (i + 1 == words.size())
            return makeError(word, " needs a value");
        args.m_values[word] = words[++i];
    }
    return args;
}

std::optional<std::string> Arguments::value(const std::string &name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

Expected<std::string> Arguments::required(const std::string &name) const
{
    if (auto v = value(name))
        return *v;
    return makeError(name, " is required");
}

Expected<std::pair<int, int>> parsePair(const std::string &flag, const std::string &text)
{
    Expected<std::vector<int>> v = parseInts(flag, text);
    if (!v)
        return v.error();
    if (v->size() > 2)
        return makeError(flag, ": '", text, "' has more than two numbers; write N or NxM");
    return std::pair{v->front(), v->back()};
}

Expected<std::pair<int, int>> parseAxes(const std::string &flag, const std::string &text)
{
    if (text.find_first_of("xX") != std::string::npos)
        return makeError(flag, ": write one value or two separated by a comma, e.g. 2 or 2,1");
    return parsePair(flag, text);
}

Expected<PaddingSpec> parsePadding(const std::string &text)
{
    if (text == "valid")
        return PaddingSpec::mode(PaddingKind::Valid);
    if (text == "same")
        return PaddingSpec::mode(PaddingKind::Same);
    if (text == "full")
        return PaddingSpec::mode(PaddingKind::Full);
    Expected<std::vector<int>> v = parseInts("--padding", text);
    if (!v)
        return makeError(v.error().message, "; write P, PH,PW, T,B,L,R, valid, same or full");
    switch (v->size()) {
    case 1:
        return PaddingSpec::uniform((*v)[0]);
    case 2:
        return PaddingSpec::perAxis((*v)[0], (*v)[1]);
    case 4:
        return PaddingSpec::perSide({(*v)[0], (*v)[1], (*v)[2], (*v)[3]});
    default:
        return makeError("--padding: '", text, "' has ", v->size(),
                         " numbers; write P, PH,PW, T,B,L,R, valid, same or full");
    }
}

Expected<PadMode> parsePadMode(const std::string &text)
{
    if (text == "zero")
        return PadMode::Zero;
    if (text == "reflect")
        return PadMode::Reflect;
    if (text == "replicate")
        return PadMode::Replicate;
    return makeError("--pad-mode: '", text, "' is not zero, reflect or replicate");
}

Expected<std::vector<float>> parseFloats(const std::string &flag, const std::string &text)
{
    std::vector<float> values;
    size_t start = 0;
    for (;;) {
        const size_t comma = text.find(',', start);
        const std::string part = text.substr(start, comma - start);
        char *end = nullptr;
        const double v = std::strtod(part.c_str(), &end);
        if (part.empty() || end != part.c_str() + part.size())
            return makeError(flag, ": '", part, "' is not a number");
        if (!std::isfinite(v) || std::abs(v) > 1e30)
            return makeError(flag, ": '", part, "' is not a finite number");
        values.push_back(float(v));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return values;
}

} // namespace convscope::cli
