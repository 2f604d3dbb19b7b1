#include "core/io/idx.h"

#include "core/file_io.h"
#include "core/io/gzip.h"

#include <algorithm>

namespace convscope {

namespace {

constexpr std::int64_t kMaxIdxBytes = std::int64_t(1) << 31;
constexpr int kMaxRank = 4;
constexpr std::int64_t kMaxHeaderBytes = 4 + 4 * kMaxRank;

std::string_view viewOf(const std::vector<std::uint8_t> &bytes)
{
    return {reinterpret_cast<const char *>(bytes.data()), bytes.size()};
}

std::uint32_t bigEndian(std::string_view bytes, size_t at)
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

// The magic number, the type, the rank and the dimensions; b may hold more than the header.
struct IdxHeader
{
    size_t size = 0; // bytes of the header
    std::vector<std::int64_t> dims;
    std::int64_t count = 1; // bytes of data the dimensions promise
    std::string dimsText;   // "60000×28×28"
};

Expected<IdxHeader> readHeader(std::string_view b, const std::string &source)
{
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
    if (rank < 1 || rank > kMaxRank)
        return makeError(source, ": IDX with ", rank, " dimensions; expected 1 to ", kMaxRank);
    IdxHeader header;
    header.size = 4 + 4 * size_t(rank);
    if (b.size() < header.size)
        return makeError(source, ": truncated: the header needs ", header.size,
                         " bytes but the file holds ", b.size());
    for (int i = 0; i < rank; ++i) {
        const std::int64_t d = bigEndian(b, 4 + 4 * size_t(i));
        header.dims.push_back(d);
        header.count *= d;
        header.dimsText += concat(i ? "×" : "", d);
        if (header.count > kMaxIdxBytes)
            return makeError(source, ": dimensions ", header.dimsText, " are too large");
    }
    return header;
}

} // namespace

Expected<IdxArray> readIdx(const std::filesystem::path &path)
{
    Expected<std::string> raw = readFile(path, kMaxIdxBytes);
    if (!raw)
        return raw.error();
    return parseIdx(*raw, path.string());
}

Expected<IdxArray> parseIdx(const std::string &raw, const std::string &source)
{
    const bool gzipped = isGzip(raw);
    // A gzip file is inflated twice: as far as its header, then as far as the header promises
    // (and a byte more, to tell a file with extra data), never to whatever it holds. The data
    // stays where it was inflated, so that a large set is held once, not twice.
    std::vector<std::uint8_t> inflated;
    if (gzipped) {
        Expected<std::vector<std::uint8_t>> start = gunzip(raw, source, kMaxHeaderBytes);
        if (!start)
            return start.error();
        Expected<IdxHeader> promised = readHeader(viewOf(*start), source);
        if (!promised)
            return promised.error();
        Expected<std::vector<std::uint8_t>> all = gunzip(raw, source,
                                                         std::int64_t(promised->size)
                                                             + promised->count);
        if (!all)
            return all.error();
        inflated = std::move(*all);
    }
    const std::string_view b = gzipped ? viewOf(inflated) : std::string_view(raw);
    Expected<IdxHeader> header = readHeader(b, source);
    if (!header)
        return header.error();
    const std::int64_t actual = std::int64_t(b.size() - header->size);
    if (actual != header->count)
        return makeError(source, ": ", actual < header->count ? "truncated" : "corrupt",
                         ": the header says ", header->dimsText, " = ", header->count,
                         " bytes of data but the file holds ",
                         gzipped && actual > header->count ? concat("more") : concat(actual));
    IdxArray array;
    array.dims = header->dims;
    if (gzipped) {
        array.data = std::move(inflated);
        array.data.erase(array.data.begin(), array.data.begin() + std::ptrdiff_t(header->size));
    } else {
        array.data.assign(b.begin() + std::ptrdiff_t(header->size), b.end());
    }
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
