#include "core/io/idx.h"

#include "core/file_io.h"

#include <zlib.h>

namespace convscope {

namespace {

constexpr std::int64_t kMaxIdxBytes = std::int64_t(1) << 31;

// The whole decompressed stream, or why it could not be read.
Expected<std::string> gunzip(const std::string &compressed, const std::string &source)
{
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 32) != Z_OK)
        return makeError(source, ": cannot start zlib");
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    stream.avail_in = uInt(compressed.size());
    std::string out;
    char chunk[1 << 16];
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) {
            const std::string why = status == Z_BUF_ERROR ? "the compressed data ends early"
                                    : stream.msg          ? stream.msg
                                                          : "corrupt compressed data";
            inflateEnd(&stream);
            return makeError(source, ": truncated or corrupt gzip file (", why, ")");
        }
        out.append(chunk, sizeof chunk - stream.avail_out);
        if (std::int64_t(out.size()) > kMaxIdxBytes) {
            inflateEnd(&stream);
            return makeError(source, ": decompresses to more than ", formatBytes(kMaxIdxBytes));
        }
    }
    inflateEnd(&stream);
    return out;
}

std::uint32_t bigEndian(const std::string &bytes, size_t at)
{
    std::uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i)
        v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
}

const char *typeName(unsigned char type)
{
    switch (type) {
    case 0x09:
        return "signed byte";
    case 0x0B:
        return "short";
    case 0x0C:
        return "int";
    case 0x0D:
        return "float";
    case 0x0E:
        return "double";
    default:
        return nullptr;
    }
}

} // namespace

Expected<IdxArray> readIdx(const std::filesystem::path &path)
{
    const std::string source = path.string();
    Expected<std::string> raw = readFile(path, kMaxIdxBytes);
    if (!raw)
        return raw.error();
    const bool gzipped = raw->size() >= 2 && static_cast<unsigned char>((*raw)[0]) == 0x1f
                         && static_cast<unsigned char>((*raw)[1]) == 0x8b;
    Expected<std::string> bytes = gzipped ? gunzip(*raw, source) : std::move(raw);
    if (!bytes)
        return bytes.error();
    const std::string &b = *bytes;
    if (b.size() < 4 || b[0] != 0 || b[1] != 0)
        return makeError(source, ": not an IDX file (wrong magic number; an IDX file starts "
                                 "with two zero bytes, a type and a dimension count)");
    const auto type = static_cast<unsigned char>(b[2]);
    const int rank = static_cast<unsigned char>(b[3]);
    if (type != 0x08) {
        const char *name = typeName(type);
        if (!name)
            return makeError(source, ": not an IDX file (unknown element type 0x", std::hex,
                             int(type), ")");
        return makeError(source, ": holds ", name,
                         " elements; ConvScope reads unsigned-byte IDX files, as MNIST uses");
    }
    if (rank < 1 || rank > 4)
        return makeError(source, ": IDX with ", rank, " dimensions; expected 1 to 4");
    const size_t headerSize = 4 + 4 * size_t(rank);
    if (b.size() < headerSize)
        return makeError(source, ": truncated: the header needs ", headerSize,
                         " bytes but the file holds ", b.size());
    IdxArray array;
    std::int64_t count = 1;
    std::string dimsText;
    for (int i = 0; i < rank; ++i) {
        const std::int64_t d = bigEndian(b, 4 + 4 * size_t(i));
        array.dims.push_back(d);
        count *= d;
        dimsText += concat(i ? "×" : "", d);
        if (count > kMaxIdxBytes)
            return makeError(source, ": dimensions ", dimsText, " are too large");
    }
    const std::int64_t actual = std::int64_t(b.size() - headerSize);
    if (actual != count)
        return makeError(source, ": ", actual < count ? "truncated" : "corrupt",
                         ": the header says ", dimsText, " = ", count,
                         " bytes of data but the file holds ", actual);
    array.data.assign(b.begin() + std::ptrdiff_t(headerSize), b.end());
    return array;
}

Expected<void> writeIdx(const std::filesystem::path &path, const IdxArray &array)
{
    std::string bytes{'\0', '\0', '\x08', char(array.dims.size())};
    for (std::int64_t d : array.dims) {
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes.push_back(char((std::uint64_t(d) >> shift) & 0xff));
    }
    bytes.append(array.data.begin(), array.data.end());
    return writeFileAtomically(path, bytes);
}

} // namespace convscope
