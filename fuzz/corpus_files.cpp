#include "fuzz/corpus_files.h"

#include "core/file_io.h"

#include <zlib.h>

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

std::string gzipped(const std::string &bytes)
{
    uLongf size = compressBound(uLong(bytes.size())) + 32;
    std::string out(size, '\0');
    z_stream stream{};
    deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
    stream.avail_in = uInt(bytes.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

std::string idxBytes(const IdxArray &array)
{
    std::string bytes{'\0', '\0', '\x08', char(array.dims.size())};
    for (std::int64_t d : array.dims)
        bytes += bigEndian32(std::uint32_t(d));
    bytes.append(array.data.begin(), array.data.end());
    return bytes;
}

std::string bigEndian32(std::uint32_t value)
{
    return {char(value >> 24), char(value >> 16), char(value >> 8), char(value)};
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
