#include "core/io/tar.h"

#include <algorithm>

namespace convscope {

namespace {

constexpr std::int64_t kBlock = 512;

std::string field(std::string_view header, size_t at, size_t length)
{
    const std::string_view raw = header.substr(at, length);
    return std::string(raw.substr(0, std::min(raw.find('\0'), raw.size())));
}

// tar's sizes are octal text padded with spaces or NULs (GNU's base-256 form is refused).
Expected<std::int64_t> octal(std::string_view header, size_t at, size_t length,
                             const std::string &source, std::int64_t where)
{
    std::int64_t value = 0;
    bool digits = false;
    for (char c : header.substr(at, length)) {
        if (c == ' ' || c == '\0') {
            if (digits)
                break;
            continue;
        }
        if (c < '0' || c > '7' || value > (std::int64_t(1) << 40))
            return makeError(source, ": the tar header at byte ", where,
                             " has a size that is not an octal number");
        value = value * 8 + (c - '0');
        digits = true;
    }
    return value;
}

} // namespace

Expected<std::vector<TarMember>> listTar(std::string_view archive, const std::string &source)
{
    std::vector<TarMember> members;
    const std::int64_t total = std::int64_t(archive.size());
    std::int64_t at = 0;
    while (at + kBlock <= total) {
        const std::string_view header = archive.substr(size_t(at), size_t(kBlock));
        if (std::all_of(header.begin(), header.end(), [](char c) { return c == '\0'; }))
            return members; // the end-of-archive blocks
        Expected<std::int64_t> size = octal(header, 124, 12, source, at);
        if (!size)
            return size.error();
        const std::int64_t data = at + kBlock;
        if (*size > total - data)
            return makeError(source, ": the tar entry at byte ", at, " claims ", *size,
                             " bytes but only ", total - data, " follow");
        const char type = header[156];
        if (type == '0' || type == '\0') {
            std::string name = field(header, 0, 100);
            if (header.substr(257, 5) == "ustar") {
                const std::string prefix = field(header, 345, 155);
                if (!prefix.empty())
                    name = prefix + "/" + name;
            }
            members.push_back({std::move(name), data, *size});
        }
        at = data + (*size + kBlock - 1) / kBlock * kBlock;
    }
    if (at != total)
        return makeError(source, ": the tar archive ends inside a header at byte ", at);
    return members; // without end-of-archive blocks, as some writers leave it
}

} // namespace convscope
