#include "core/io/npy.h"

#include "core/file_io.h"

#include <cmath>
#include <cstring>
#include <limits>

namespace convscope {

namespace {

constexpr std::int64_t kMaxNpyBytes = std::int64_t(2) << 30;
constexpr char kMagic[] = "\x93NUMPY";

struct Dtype
{
    char kind = 'f'; // f, i, u, b
    int size = 4;
};

std::string between(const std::string &text, size_t from, char open, char close, bool &found)
{
    size_t begin = text.find(open, from);
    size_t end = begin == std::string::npos ? begin : text.find(close, begin + 1);
    found = end != std::string::npos;
    return found ? text.substr(begin + 1, end - begin - 1) : std::string();
}

Expected<Dtype> parseDescr(const std::string &descr, const std::string &source)
{
    const std::string supported = "float32, float64, bool or (unsigned) integers, little-endian";
    if (descr.size() < 3)
        return makeError(source, ": unknown dtype '", descr, "'; ConvScope reads ", supported);
    const char order = descr[0];
    const char kind = descr[1];
    int size = 0;
    for (size_t i = 2; i < descr.size(); ++i) {
        if (descr[i] < '0' || descr[i] > '9' || size > 64)
            return makeError(source, ": unknown dtype '", descr, "'; ConvScope reads ", supported);
        size = size * 10 + (descr[i] - '0');
    }
    const bool known = (kind == 'f' && (size == 4 || size == 8))
                       || ((kind == 'i' || kind == 'u')
                           && (size == 1 || size == 2 || size == 4 || size == 8))
                       || (kind == 'b' && size == 1);
    if (!known)
        return makeError(source, ": dtype '", descr, "' is not supported; ConvScope reads ",
                         supported);
    if (order == '>' && size > 1)
        return makeError(source, ": the data is big-endian ('", descr,
                         "'); save it with arr.astype('<f4')");
    if (order != '<' && order != '|' && order != '=')
        return makeError(source, ": unknown byte order in dtype '", descr, "'");
    return Dtype{kind, size};
}

template<typename T>
float load(const char *p)
{
    T v;
    std::memcpy(&v, p, sizeof v);
    return float(v);
}

float convert(const char *p, Dtype t)
{
    switch (t.kind) {
    case 'f':
        return t.size == 4 ? load<float>(p) : load<double>(p);
    case 'b':
        return *p ? 1.0f : 0.0f;
    case 'i':
        return t.size == 1   ? load<std::int8_t>(p)
               : t.size == 2 ? load<std::int16_t>(p)
               : t.size == 4 ? load<std::int32_t>(p)
                             : load<std::int64_t>(p);
    default:
        return t.size == 1   ? load<std::uint8_t>(p)
               : t.size == 2 ? load<std::uint16_t>(p)
               : t.size == 4 ? load<std::uint32_t>(p)
                             : load<std::uint64_t>(p);
    }
}

Expected<std::vector<std::int64_t>> parseShape(const std::string &tuple, const std::string &source)
{
    std::vector<std::int64_t> shape;
    size_t i = 0;
    while (i < tuple.size()) {
        while (i < tuple.size() && (tuple[i] == ' ' || tuple[i] == ','))
            ++i;
        if (i == tuple.size())
            break;
        std::int64_t v = 0;
        size_t start = i;
        while (i < tuple.size() && tuple[i] >= '0' && tuple[i] <= '9') {
            v = v * 10 + (tuple[i] - '0');
            if (v > (std::int64_t(1) << 40))
                return makeError(source, ": a dimension in the shape (", tuple, ") is too large");
            ++i;
        }
        if (i == start)
            return makeError(source, ": cannot read the shape (", tuple, ") in the header");
        shape.push_back(v);
    }
    return shape;
}

std::string header(std::span<const std::int64_t> shape, const char *descr)
{
    std::string dims;
    for (std::int64_t d : shape)
        dims += concat(d, ", ");
    if (shape.size() > 1)
        dims.resize(dims.size() - 1);
    else if (shape.empty())
        dims.clear();
    std::string dict = concat("{'descr': '", descr, "', 'fortran_order': False, 'shape': (", dims,
                              "), }");
    // Version 1.0: magic, version, 2-byte length; the data starts 64-byte aligned.
    const size_t unpadded = 10 + dict.size() + 1;
    dict.append((64 - unpadded % 64) % 64, ' ');
    dict.push_back('\n');
    std::string out(kMagic, 6);
    out.push_back('\x01');
    out.push_back('\x00');
    out.push_back(char(dict.size() & 0xff));
    out.push_back(char(dict.size() >> 8));
    return out + dict;
}

} // namespace

std::string NpyArray::shapeText() const
{
    std::string text = "(";
    for (size_t i = 0; i < shape.size(); ++i)
        text += concat(i ? ", " : "", shape[i]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

namespace {

struct NpyHeader
{
    std::string descr;
    Dtype dtype;
    std::vector<std::int64_t> shape;
    size_t dataOffset = 0;
};

// Where the header dictionary lies: after the magic, the version and a 2-byte (version 1) or
// 4-byte (versions 2 and 3) little-endian length.
Expected<std::pair<size_t, size_t>> dictionarySpan(const std::string &bytes,
                                                   const std::string &source)
{
    if (bytes.size() < 10 || bytes.compare(0, 6, kMagic, 6) != 0)
        return makeError(source, ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
    const int major = static_cast<unsigned char>(bytes[6]);
    if (major < 1 || major > 3)
        return makeError(source, ": .npy format version ", major,
                         " is not supported (1, 2 and 3 are)");
    const size_t lengthBytes = major == 1 ? 2 : 4;
    if (bytes.size() < 8 + lengthBytes)
        return makeError(source, ": truncated .npy header");
    size_t length = 0;
    for (size_t i = 0; i < lengthBytes; ++i)
        length |= size_t(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    const size_t offset = 8 + lengthBytes;
    if (offset + length > bytes.size())
        return makeError(source, ": truncated .npy header (", bytes.size(), " bytes in all)");
    return std::pair{offset, length};
}

Expected<NpyHeader> parseHeader(const std::string &bytes, const std::string &source)
{
    Expected<std::pair<size_t, size_t>> span = dictionarySpan(bytes, source);
    if (!span)
        return span.error();
    const std::string dict = bytes.substr(span->first, span->second);
    NpyHeader header;
    header.dataOffset = span->first + span->second;
    bool found = false;
    const size_t descrKey = dict.find("'descr'");
    if (descrKey != std::string::npos)
        header.descr = between(dict, descrKey + 7, '\'', '\'', found);
    if (!found)
        return makeError(source, ": the .npy header has no dtype ('descr')");
    Expected<Dtype> dtype = parseDescr(header.descr, source);
    if (!dtype)
        return dtype.error();
    header.dtype = *dtype;
    const size_t fortranKey = dict.find("'fortran_order'");
    if (fortranKey == std::string::npos)
        return makeError(source, ": the .npy header has no 'fortran_order'");
    if (dict.find("True", fortranKey) < dict.find(',', fortranKey))
        return makeError(source, ": the array is in Fortran order; save it with "
                                 "np.save(path, np.ascontiguousarray(a))");
    const size_t shapeKey = dict.find("'shape'");
    const std::string tuple = shapeKey == std::string::npos
                                  ? std::string()
                                  : between(dict, shapeKey + 7, '(', ')', found);
    if (!found)
        return makeError(source, ": the .npy header has no shape");
    Expected<std::vector<std::int64_t>> shape = parseShape(tuple, source);
    if (!shape)
        return shape.error();
    header.shape = std::move(*shape);
    return header;
}

} // namespace

Expected<NpyArray> parseNpy(const std::string &bytes, const std::string &source)
{
    Expected<NpyHeader> header = parseHeader(bytes, source);
    if (!header)
        return header.error();
    NpyArray array;
    array.shape = header->shape;
    std::int64_t count = 1;
    for (std::int64_t d : array.shape) {
        if (d != 0 && count > kMaxNpyBytes / d)
            return makeError(source, ": the shape ", array.shapeText(), " is too large");
        count *= d;
    }
    const Dtype dtype = header->dtype;
    const std::int64_t expected = count * dtype.size;
    const std::int64_t actual = std::int64_t(bytes.size() - header->dataOffset);
    if (actual != expected)
        return makeError(source, ": ", actual < expected ? "truncated" : "corrupt", ": the shape ",
                         array.shapeText(), " of '", header->descr, "' needs ", expected,
                         " bytes of data but the file holds ", actual);
    array.values.resize(size_t(count));
    const char *p = bytes.data() + header->dataOffset;
    for (std::int64_t i = 0; i < count; ++i)
        array.values[size_t(i)] = convert(p + i * dtype.size, dtype);
    return array;
}

Expected<NpyArray> readNpy(const std::filesystem::path &path)
{
    Expected<std::string> bytes = readFile(path, kMaxNpyBytes);
    if (!bytes)
        return bytes.error();
    return parseNpy(*bytes, path.string());
}

std::string encodeNpy(std::span<const std::int64_t> shape, std::span<const float> values)
{
    std::string out = header(shape, "<f4");
    out.append(reinterpret_cast<const char *>(values.data()), values.size() * sizeof(float));
    return out;
}

std::string encodeNpy(std::span<const std::int64_t> shape, std::span<const std::int64_t> values)
{
    std::string out = header(shape, "<i8");
    out.append(reinterpret_cast<const char *>(values.data()), values.size() * sizeof(std::int64_t));
    return out;
}

} // namespace convscope
