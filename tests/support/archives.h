#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace convscope::test {

// Files in the formats ConvScope downloads and unpacks, made for tests and fuzz seeds.

inline std::string gzipped(const std::string &bytes)
{
    std::string out(compressBound(uLong(bytes.size())) + 32, '\0');
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

inline std::string bigEndian32(std::uint32_t value)
{
    return {char(value >> 24), char(value >> 16), char(value >> 8), char(value)};
}

// An IDX file of bytes with the given dimensions.
inline std::string idxOf(const std::vector<std::uint32_t> &dims,
                         const std::vector<std::uint8_t> &data)
{
    std::string bytes{'\0', '\0', '\x08', char(dims.size())};
    for (std::uint32_t d : dims)
        bytes += bigEndian32(d);
    bytes.append(data.begin(), data.end());
    return bytes;
}

// A ustar archive of regular files.
inline std::string tarOf(const std::vector<std::pair<std::string, std::string>> &files)
{
    std::string tar;
    for (const auto &[name, bytes] : files) {
        std::string header(512, '\0');
        header.replace(0, name.size(), name);
        std::snprintf(header.data() + 100, 8, "%07o", 0644);
        std::snprintf(header.data() + 124, 12, "%011llo", (unsigned long long) bytes.size());
        header.replace(148, 8, 8, ' ');
        header[156] = '0';
        header.replace(257, 6, std::string("ustar\0", 6));
        unsigned sum = 0;
        for (char c : header)
            sum += static_cast<unsigned char>(c);
        std::snprintf(header.data() + 148, 8, "%06o", sum);
        tar += header + bytes + std::string((512 - bytes.size() % 512) % 512, '\0');
    }
    return tar + std::string(1024, '\0');
}

} // namespace convscope::test
