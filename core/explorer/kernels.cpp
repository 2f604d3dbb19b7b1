#include "core/explorer/kernels.h"

#include "core/file_io.h"
#include "core/io/npy.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace convscope {

namespace {

struct FixedPreset
{
    const char *name;
    std::vector<float> values; // 3×3, row-major
};

const std::vector<FixedPreset> &fixedPresets()
{
    static const std::vector<FixedPreset> presets = {
        {"sharpen", {0, -1, 0, -1, 5, -1, 0, -1, 0}},
        {"sobel-x", {-1, 0, 1, -2, 0, 2, -1, 0, 1}},
        {"sobel-y", {-1, -2, -1, 0, 0, 0, 1, 2, 1}},
        {"laplacian", {0, 1, 0, 1, -4, 1, 0, 1, 0}},
        {"emboss", {-2, -1, 0, -1, 1, 1, 0, 1, 2}},
        {"outline", {-1, -1, -1, -1, 8, -1, -1, -1, -1}},
    };
    return presets;
}

KernelBank square(std::string name, int size)
{
    return {Tensor(Shape{1, 1, size, size}), true, std::move(name)};
}

std::vector<double> binomialRow(int size)
{
    std::vector<double> row{1.0};
    for (int i = 1; i < size; ++i) {
        std::vector<double> next(row.size() + 1, 0.0);
        for (size_t j = 0; j < row.size(); ++j) {
            next[j] += row[j];
            next[j + 1] += row[j];
        }
        row = std::move(next);
    }
    return row;
}

Expected<KernelBank> sizedPreset(std::string_view base, int size, const std::string &name)
{
    KernelBank bank = square(name, size);
    float *w = bank.weights.data();
    if (base == "identity") {
        w[(size / 2) * size + size / 2] = 1.0f;
    } else if (base == "box") {
        std::fill(w, w + size * size, 1.0f / float(size * size));
    } else {
        const std::vector<double> row = binomialRow(size);
        double total = 0.0;
        for (double v : row)
            total += v;
        for (int y = 0; y < size; ++y) {
            for (int x = 0; x < size; ++x)
                w[y * size + x] = float(row[size_t(y)] * row[size_t(x)] / (total * total));
        }
    }
    return bank;
}

std::string presetList()
{
    std::string list;
    for (const std::string &name : kernelPresetNames())
        list += (list.empty() ? "" : ", ") + name;
    return list;
}

bool isSeparator(char c)
{
    return c == ' ' || c == '\t' || c == ',' || c == '[' || c == ']' || c == ';' || c == '\r';
}

Expected<KernelBank> fromNpy(const std::filesystem::path &path)
{
    Expected<NpyArray> array = readNpy(path);
    if (!array)
        return array.error();
    const std::string source = path.string();
    const std::vector<std::int64_t> &s = array->shape;
    if (s.size() != 2 && s.size() != 4)
        return makeError(source, ": a kernel array has shape (out_c, in_c, kh, kw) or (kh, kw), ",
                         "not ", array->shapeText());
    for (std::int64_t d : s) {
        if (d < 1)
            return makeError(source, ": the kernel shape ", array->shapeText(),
                             " has an empty dimension");
    }
    const std::int64_t kh = s[s.size() - 2], kw = s[s.size() - 1];
    if (kh > kMaxKernelSide || kw > kMaxKernelSide)
        return makeError(source, ": a ", kh, "×", kw, " kernel is larger than the ", kMaxKernelSide,
                         "×", kMaxKernelSide, " ConvScope accepts");
    if (s.size() == 4 && s[0] * s[1] > 65536)
        return makeError(source, ": ", s[0], "×", s[1], " sub-filters are more than ConvScope ",
                         "accepts (65536)");
    for (float v : array->values) {
        if (!std::isfinite(v))
            return makeError(source, ": the kernel holds a value that is not finite (", v, ")");
    }
    const Shape shape = s.size() == 2 ? Shape{1, 1, int(kh), int(kw)}
                                      : Shape{int(s[0]), int(s[1]), int(kh), int(kw)};
    KernelBank bank{Tensor(shape), s.size() == 2, path.filename().string()};
    bank.weights.values() = std::move(array->values);
    return bank;
}

} // namespace

std::vector<std::string> kernelPresetNames()
{
    std::vector<std::string> names{"identity", "box", "gaussian"};
    for (const FixedPreset &p : fixedPresets())
        names.emplace_back(p.name);
    return names;
}

Expected<KernelBank> kernelPreset(std::string_view name)
{
    for (const FixedPreset &p : fixedPresets()) {
        if (name == p.name) {
            KernelBank bank = square(p.name, 3);
            bank.weights.values() = p.values;
            return bank;
        }
    }
    const size_t colon = name.find(':');
    const std::string_view base = name.substr(0, colon);
    if (base != "identity" && base != "box" && base != "gaussian")
        return makeError("unknown kernel '", name, "': not a file and not a preset (", presetList(),
                         ")");
    int size = 3;
    if (colon != std::string_view::npos) {
        const std::string_view digits = name.substr(colon + 1);
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), size);
        if (ec != std::errc() || end != digits.data() + digits.size() || size < 1
            || size > kMaxKernelSide)
            return makeError("kernel '", name, "': the size after ':' must be a whole number from ",
                             "1 to ", kMaxKernelSide, ", e.g. ", base, ":5");
    }
    return sizedPreset(base, size, std::string(name));
}

Expected<KernelBank> parseKernelGrid(std::string_view text, const std::string &source)
{
    std::vector<std::vector<float>> rows;
    size_t lineStart = 0;
    int lineNumber = 0;
    while (lineStart <= text.size()) {
        size_t lineEnd = text.find('\n', lineStart);
        if (lineEnd == std::string_view::npos)
            lineEnd = text.size();
        std::string_view line = text.substr(lineStart, lineEnd - lineStart);
        ++lineNumber;
        lineStart = lineEnd + 1;
        line = line.substr(0, line.find('#'));
        std::vector<float> row;
        size_t i = 0;
        while (i < line.size()) {
            while (i < line.size() && isSeparator(line[i]))
                ++i;
            size_t start = i;
            while (i < line.size() && !isSeparator(line[i]))
                ++i;
            if (start == i)
                continue;
            const std::string token(line.substr(start, i - start));
            char *end = nullptr;
            const double v = std::strtod(token.c_str(), &end);
            if (end != token.c_str() + token.size())
                return makeError(source, ": line ", lineNumber, ": '", token, "' is not a number");
            if (!std::isfinite(v) || std::abs(v) > 1e30)
                return makeError(source, ": line ", lineNumber, ": '", token,
                                 "' is not a finite number");
            row.push_back(float(v));
        }
        if (row.empty())
            continue;
        if (!rows.empty() && row.size() != rows.front().size())
            return makeError(source, ": line ", lineNumber, " has ", row.size(),
                             " numbers but the first row has ", rows.front().size(),
                             ": every row of a kernel needs the same count");
        rows.push_back(std::move(row));
        if (rows.size() > size_t(kMaxKernelSide) || rows.front().size() > size_t(kMaxKernelSide))
            return makeError(source, ": the kernel is larger than the ", kMaxKernelSide, "×",
                             kMaxKernelSide, " ConvScope accepts");
    }
    if (rows.empty())
        return makeError(source, ": no numbers found; write the kernel as rows of numbers, e.g. "
                                 "\"1 0 -1\" on each line");
    KernelBank bank = square(source, 1);
    bank.weights = Tensor(Shape{1, 1, int(rows.size()), int(rows.front().size())});
    float *w = bank.weights.data();
    for (const std::vector<float> &row : rows)
        w = std::copy(row.begin(), row.end(), w);
    return bank;
}

Expected<KernelBank> loadKernel(const std::string &nameOrPath)
{
    const std::filesystem::path path(nameOrPath);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return kernelPreset(nameOrPath);
    if (path.extension() == ".npy")
        return fromNpy(path);
    Expected<std::string> text = readFile(path, 1 << 20);
    if (!text)
        return text.error();
    if (text->compare(0, 6, "\x93NUMPY") == 0)
        return fromNpy(path);
    if (text->find('\0') != std::string::npos)
        return makeError(nameOrPath, ": a binary file, neither a .npy array nor a text grid of "
                                     "numbers");
    Expected<KernelBank> bank = parseKernelGrid(*text, nameOrPath);
    if (bank)
        bank->name = path.filename().string();
    return bank;
}

Expected<FilterBank> filterBankFor(const KernelBank &bank, int inputChannels, bool depthwise)
{
    const Shape &k = bank.weights.shape();
    if (!bank.planar) {
        if (!depthwise)
            return FilterBank{bank.weights, 1};
        if (k.c != 1 || k.n % inputChannels != 0)
            return makeError("a depthwise kernel bank has shape (K, 1, KH, KW) with K a multiple ",
                             "of the ", inputChannels, " input channels, not (", k.n, ", ", k.c,
                             ", ", k.h, ", ", k.w, ")");
        return FilterBank{bank.weights, inputChannels};
    }
    const int copies = inputChannels;
    FilterBank result{Tensor(depthwise ? Shape{copies, 1, k.h, k.w} : Shape{1, copies, k.h, k.w}),
                      depthwise ? inputChannels : 1};
    float *w = result.weights.data();
    for (int c = 0; c < copies; ++c)
        w = std::copy(bank.weights.values().begin(), bank.weights.values().end(), w);
    return result;
}

} // namespace convscope
