#include "core/io/image_io.h"

#include "core/file_io.h"

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace convscope {

namespace {

std::uint32_t u16be(std::string_view b, size_t at)
{
    return std::uint32_t(static_cast<unsigned char>(b[at])) << 8
           | static_cast<unsigned char>(b[at + 1]);
}

std::uint32_t u32be(std::string_view b, size_t at)
{
    return u16be(b, at) << 16 | u16be(b, at + 2);
}

std::uint32_t u16le(std::string_view b, size_t at)
{
    return std::uint32_t(static_cast<unsigned char>(b[at + 1])) << 8
           | static_cast<unsigned char>(b[at]);
}

std::uint32_t u32le(std::string_view b, size_t at)
{
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = v << 8 | static_cast<unsigned char>(b[at + size_t(i)]);
    return v;
}

Expected<ImageInfo> truncatedHeader(const std::string &source, const char *format)
{
    return makeError(source, ": truncated ", format, " file (its header ends early)");
}

// The size in the first frame header, found as libjpeg finds markers (next_marker): bytes
// that are not 0xFF are skipped, 0xFF fill bytes too, and 0xFF 0x00 is a stuffed zero, not a
// marker. Reading them otherwise let a crafted file show this guard a frame that libjpeg
// never sees.
Expected<ImageInfo> peekJpeg(std::string_view b, const std::string &source)
{
    size_t i = 2;
    while (i + 4 <= b.size()) {
        if (static_cast<unsigned char>(b[i]) != 0xFF) {
            ++i;
            continue;
        }
        const auto marker = static_cast<unsigned char>(b[i + 1]);
        if (marker == 0xFF || marker == 0x00) {
            i += marker == 0x00 ? 2 : 1;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            i += 2;
            continue;
        }
        const size_t length = u16be(b, i + 2);
        const bool startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4
                                  && marker != 0xC8 && marker != 0xCC;
        if (startOfFrame) {
            if (i + 9 > b.size())
                break;
            return ImageInfo{"JPEG", int(u16be(b, i + 7)), int(u16be(b, i + 5))};
        }
        if (length < 2)
            return makeError(source, ": corrupt JPEG file (bad segment length)");
        i += 2 + length;
    }
    return truncatedHeader(source, "JPEG");
}

// Width and height read as OpenCV's PxM reader reads them (ReadNumber): whitespace and
// comments ('#' to the end of the line) before a number are skipped, and the one character
// after a number ends it whatever it is — a '#' right after a digit is not a comment there.
Expected<ImageInfo> peekPnm(std::string_view b, const std::string &source)
{
    std::int64_t numbers[2] = {0, 0};
    size_t i = 2;
    for (std::int64_t &number : numbers) {
        while (i < b.size() && (std::isspace(static_cast<unsigned char>(b[i])) || b[i] == '#')) {
            if (b[i] == '#') {
                while (i < b.size() && b[i] != '\n' && b[i] != '\r')
                    ++i;
            }
            ++i;
        }
        size_t start = i;
        while (i < b.size() && b[i] >= '0' && b[i] <= '9' && number < (std::int64_t(1) << 31))
            number = number * 10 + (b[i++] - '0');
        if (i == start)
            return truncatedHeader(source, "PNM");
        ++i; // the character that ended the number
    }
    return ImageInfo{"PNM", int(std::min<std::int64_t>(numbers[0], INT32_MAX)),
                     int(std::min<std::int64_t>(numbers[1], INT32_MAX))};
}

// Every read stays inside the 30 bytes checked: VP8X keeps its sizes in 24 bits at 24 and
// 27, VP8L in the 4 bytes at 21, lossy VP8 in 16 bits at 26 and 28.
Expected<ImageInfo> peekWebp(std::string_view b, const std::string &source)
{
    if (b.size() < 30)
        return truncatedHeader(source, "WebP");
    const std::string_view chunk = b.substr(12, 4);
    if (chunk == "VP8X") {
        const auto w = (u16le(b, 24) | std::uint32_t(static_cast<unsigned char>(b[26])) << 16) + 1;
        const auto h = (u16le(b, 27) | std::uint32_t(static_cast<unsigned char>(b[29])) << 16) + 1;
        return ImageInfo{"WebP", int(w), int(h)};
    }
    if (chunk == "VP8L") {
        const std::uint32_t bits = u32le(b, 21);
        return ImageInfo{"WebP", int((bits & 0x3FFF) + 1), int(((bits >> 14) & 0x3FFF) + 1)};
    }
    if (chunk == "VP8 ") {
        const std::uint32_t w = u16le(b, 26) & 0x3FFF;
        const std::uint32_t h = u16le(b, 28) & 0x3FFF;
        return ImageInfo{"WebP", int(w), int(h)};
    }
    return makeError(source, ": corrupt WebP file (unknown chunk)");
}

} // namespace

Expected<ImageInfo> peekImage(std::string_view b, const std::string &source)
{
    // OpenCV picks its decoder by signature, its own, not this guard's: a file that one of
    // ours does not accept falls through to the next, and Debian's OpenCV reads DICOM (its
    // "DICM" at byte 128) with a reader that aborts on bad input. Such a file is refused
    // before OpenCV sees it, whatever its first bytes say.
    if (b.size() >= 132 && b.substr(128, 4) == "DICM")
        return makeError(source, ": this file carries a DICOM signature; ConvScope reads PNG, "
                                 "JPEG, BMP, WebP and PGM/PPM images only");
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
        if (b.size() < 24 || b.substr(12, 4) != "IHDR")
            return truncatedHeader(source, "PNG");
        const std::uint32_t w = u32be(b, 16), h = u32be(b, 20);
        return ImageInfo{"PNG", int(std::min<std::uint32_t>(w, INT32_MAX)),
                         int(std::min<std::uint32_t>(h, INT32_MAX))};
    }
    if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF
        && static_cast<unsigned char>(b[1]) == 0xD8)
        return peekJpeg(b, source);
    if (b.size() >= 2 && b.substr(0, 2) == "BM") {
        if (b.size() < 26)
            return truncatedHeader(source, "BMP");
        if (u32le(b, 14) == 12)
            return ImageInfo{"BMP", int(u16le(b, 18)), int(u16le(b, 20))};
        const auto w = std::int32_t(u32le(b, 18));
        const auto h = std::int32_t(u32le(b, 22));
        return ImageInfo{"BMP", w == INT32_MIN ? INT32_MAX : std::abs(w),
                         h == INT32_MIN ? INT32_MAX : std::abs(h)};
    }
    if (b.size() >= 12 && b.substr(0, 4) == "RIFF" && b.substr(8, 4) == "WEBP")
        return peekWebp(b, source);
    if (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6')
        return peekPnm(b, source);
    return makeError(source, ": not an image ConvScope can read (PNG, JPEG, BMP, WebP or "
                             "PGM/PPM)");
}

namespace {

Expected<ImageInfo> checkedHeader(const std::string &bytes, const std::string &source)
{
    Expected<ImageInfo> info = peekImage(bytes, source);
    if (!info)
        return info;
    const std::int64_t pixels = std::int64_t(info->width) * info->height;
    if (info->width < 1 || info->height < 1)
        return makeError(source, ": the ", info->format, " header claims a ", info->width, "×",
                         info->height, " image");
    if (pixels > kMaxImagePixels)
        return makeError(source, ": the image is ", info->width, "×", info->height, " = ", pixels,
                         " pixels, more than the ", kMaxImagePixels,
                         " ConvScope opens; scale it down first (e.g. to 2048 pixels across)");
    return info;
}

// The second wall: every OpenCV decoder checks the size it really reads against this limit, so
// no header parser of ours is the only guard. OpenCV reads the variable once, at its first
// use, so it is set before any decode and never changed.
void limitDecoderPixels()
{
    [[maybe_unused]] static const bool set = [] {
        return setenv("OPENCV_IO_MAX_IMAGE_PIXELS", std::to_string(kMaxImagePixels).c_str(), 1)
               == 0;
    }();
}

// Float32 pixels in [0, 1], 1 or 3 channels in RGB order (alpha dropped).
Expected<cv::Mat> decode(const std::string &bytes, const ImageInfo &info, const std::string &source)
{
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
    limitDecoderPixels();
    cv::Mat decoded;
    try {
        const cv::Mat buffer(1, int(bytes.size()), CV_8U, const_cast<char *>(bytes.data()));
        decoded = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception &e) {
        return makeError(source, ": cannot decode the ", info.format, " data (", e.what(), ")");
    }
    if (decoded.empty())
        return makeError(source, ": cannot decode the ", info.format,
                         " data: the file is corrupt or truncated");
    if (decoded.depth() != CV_8U && decoded.depth() != CV_16U)
        return makeError(source, ": only 8- and 16-bit images are supported");
    cv::Mat rgb;
    switch (decoded.channels()) {
    case 1:
        rgb = decoded;
        break;
    case 2: // gray + alpha
        cv::extractChannel(decoded, rgb, 0);
        break;
    case 3:
        cv::cvtColor(decoded, rgb, cv::COLOR_BGR2RGB);
        break;
    default:
        cv::cvtColor(decoded, rgb, cv::COLOR_BGRA2RGB);
        break;
    }
    cv::Mat values;
    rgb.convertTo(values, CV_32F, decoded.depth() == CV_8U ? 1.0 / 255.0 : 1.0 / 65535.0);
    return values;
}

Tensor toTensor(const cv::Mat &values, ColorMode mode)
{
    const int height = values.rows, width = values.cols, channels = values.channels();
    const int outChannels = mode == ColorMode::Gray ? 1 : mode == ColorMode::Rgb ? 3 : channels;
    Tensor tensor(Shape{1, outChannels, height, width});
    for (int y = 0; y < height; ++y) {
        const float *row = values.ptr<float>(y);
        for (int x = 0; x < width; ++x) {
            const float *p = row + std::int64_t(x) * channels;
            if (channels == 1) {
                for (int c = 0; c < outChannels; ++c)
                    tensor.at(0, c, y, x) = p[0];
            } else if (outChannels == 1) {
                tensor.at(0, 0, y, x) = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
            } else {
                for (int c = 0; c < 3; ++c)
                    tensor.at(0, c, y, x) = p[c];
            }
        }
    }
    return tensor;
}

} // namespace

Expected<Tensor> decodeImage(const std::string &bytes, const std::string &source, ColorMode mode)
{
    Expected<ImageInfo> info = checkedHeader(bytes, source);
    if (!info)
        return info.error();
    Expected<cv::Mat> values = decode(bytes, *info, source);
    if (!values)
        return values.error();
    return toTensor(*values, mode);
}

Expected<Tensor> loadImage(const std::filesystem::path &path, ColorMode mode)
{
    Expected<std::string> bytes = readFile(path, kMaxImageFileBytes);
    if (!bytes)
        return bytes.error();
    return decodeImage(*bytes, path.string(), mode);
}

Tensor resizeImage(const Tensor &image, int height, int width)
{
    const Shape &s = image.shape();
    Tensor resized(Shape{s.n, s.c, height, width});
    const bool enlarging = height >= s.h && width >= s.w;
    for (int n = 0; n < s.n; ++n) {
        for (int c = 0; c < s.c; ++c) {
            const cv::Mat from(s.h, s.w, CV_32F, const_cast<float *>(image.plane(n, c)));
            cv::Mat to(height, width, CV_32F, resized.plane(n, c));
            cv::resize(from, to, to.size(), 0, 0, enlarging ? cv::INTER_NEAREST : cv::INTER_AREA);
        }
    }
    return resized;
}

Expected<std::string> encodePng(const Image8 &image)
{
    if (image.width < 1 || image.height < 1
        || image.pixels.size() != size_t(image.width) * image.height * size_t(image.channels))
        return makeError("cannot encode a ", image.width, "×", image.height, " image");
    cv::Mat mat(image.height, image.width, image.channels == 3 ? CV_8UC3 : CV_8UC1,
                const_cast<std::uint8_t *>(image.pixels.data()));
    cv::Mat bgr;
    if (image.channels == 3)
        cv::cvtColor(mat, bgr, cv::COLOR_RGB2BGR);
    else
        bgr = mat;
    std::vector<uchar> png;
    try {
        if (!cv::imencode(".png", bgr, png))
            return makeError("PNG encoding failed");
    } catch (const cv::Exception &e) {
        return makeError("PNG encoding failed (", e.what(), ")");
    }
    return std::string(png.begin(), png.end());
}

Expected<void> writePng(const std::filesystem::path &path, const Image8 &image)
{
    Expected<std::string> png = encodePng(image);
    if (!png)
        return makeError(path.string(), ": ", png.error().message);
    return writeFileAtomically(path, *png);
}

} // namespace convscope
