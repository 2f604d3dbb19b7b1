#include "core/io/gzip.h"

#include <zlib.h>

#include <algorithm>

namespace convscope {

Expected<std::vector<std::uint8_t>> gunzip(const std::string &compressed, const std::string &source,
                                           std::int64_t limit)
{
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 32) != Z_OK)
        return makeError(source, ": cannot start zlib");
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    stream.avail_in = uInt(compressed.size());
    // Deflate inflates a byte to at most 1032: room for what the file can hold, made once.
    std::vector<std::uint8_t> out;
    out.reserve(size_t(std::min<std::int64_t>(limit + 1, 1032 * std::int64_t(compressed.size()))));
    std::uint8_t chunk[1 << 16];
    int status = Z_OK;
    while (status != Z_STREAM_END && std::int64_t(out.size()) <= limit) {
        stream.next_out = chunk;
        stream.avail_out = uInt(std::min<std::int64_t>(sizeof chunk, limit + 1 - out.size()));
        const uInt room = stream.avail_out;
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) {
            const std::string why = status == Z_BUF_ERROR ? "the compressed data ends early"
                                    : stream.msg          ? stream.msg
                                                          : "corrupt compressed data";
            inflateEnd(&stream);
            return makeError(source, ": truncated or corrupt gzip file (", why, ")");
        }
        out.insert(out.end(), chunk, chunk + (room - stream.avail_out));
    }
    inflateEnd(&stream);
    return out;
}

bool isGzip(const std::string &bytes)
{
    return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f
           && static_cast<unsigned char>(bytes[1]) == 0x8b;
}

} // namespace convscope
