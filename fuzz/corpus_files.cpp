#include "fuzz/corpus_files.h"

#include "core/file_io.h"

#include <cstdio>

namespace convscope::fuzz {

bool write(const std::filesystem::path &folder, const std::string &name, const std::string &bytes)
{
    std::filesystem::create_directories(folder);
    if (Expected<void> ok = writeFileAtomically(folder / name, bytes); !ok) {
        std::fprintf(stderr, "make_corpus: %s\n", ok.error().message.c_str());
        return false;
    }
    return true;
}

std::string idxBytes(const IdxArray &array)
{
    std::string bytes{'\0', '\0', '\x08', char(array.dims.size())};
    for (std::int64_t d : array.dims)
        bytes += bigEndian32(std::uint32_t(d));
    bytes.append(array.data.begin(), array.data.end());
    return bytes;
}

std::string littleEndian32(std::uint32_t value)
{
    return {char(value), char(value >> 8), char(value >> 16), char(value >> 24)};
}

std::string littleEndian16(std::uint16_t value)
{
    return {char(value), char(value >> 8)};
}

} // namespace convscope::fuzz
