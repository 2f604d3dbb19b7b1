// Writes the seed corpora of the fuzz targets: small valid inputs of every format, made with
// ConvScope's own writers and OpenCV's encoders, one folder per target. With --regressions it
// writes instead the reproducers of issue 14's findings, committed under fuzz/regressions/.
#include "core/file_io.h"
#include "core/io/idx.h"
#include "core/io/npy.h"
#include "core/nn/digit_input.h"
#include "core/nn/model_file.h"
#include "core/nn/network.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace convscope;

namespace {

bool write(const fs::path &folder, const std::string &name, const std::string &bytes)
{
    fs::create_directories(folder);
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
    for (std::int64_t d : array.dims) {
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes.push_back(char((std::uint64_t(d) >> shift) & 0xff));
    }
    bytes.append(array.data.begin(), array.data.end());
    return bytes;
}

bool seeds(const fs::path &out)
{
    bool ok = true;
    cv::Mat colour(6, 5, CV_8UC3), grey(4, 7, CV_8UC1);
    cv::randu(colour, 0, 255);
    cv::randu(grey, 0, 255);
    for (const char *ext : {".png", ".jpg", ".bmp", ".webp", ".ppm", ".pgm"}) {
        std::vector<uchar> bytes;
        const cv::Mat &image = std::string(ext) == ".pgm" ? grey : colour;
        if (cv::imencode(ext, image, bytes))
            ok &= write(out / "image", std::string("seed") + ext,
                        std::string(bytes.begin(), bytes.end()));
    }
    const std::vector<float> values = {0.5f, -1.0f, 2.0f, 0.0f, 3.5f, 1.0f};
    const std::vector<std::int64_t> shape = {1, 2, 3};
    ok &= write(out / "npy", "seed.npy", encodeNpy(shape, values));
    ok &= write(out / "npy", "ints.npy",
                encodeNpy(std::vector<std::int64_t>{2, 2}, std::vector<std::int64_t>{1, 2, 3, 4}));
    const IdxArray images{{2, 3, 3}, std::vector<std::uint8_t>(18, 7)};
    const IdxArray labels{{3}, {1, 2, 9}};
    ok &= write(out / "idx", "images", idxBytes(images));
    ok &= write(out / "idx", "labels", idxBytes(labels));
    ok &= write(out / "idx", "images.gz", gzipped(idxBytes(images)));
    ok &= write(out / "kernel", "sobel.txt", "-1 0 1\n-2 0 2\n-1 0 1\n");
    ok &= write(out / "kernel", "commas.txt", "0.1, 0.2\n0.3, 0.4\n");
    for (const char *spec : {"lenet5", "tiny", "mlp",
                             "conv 4 3x5 stride 2x1 pad 1,0,2,1 dilation 2 reflect flip nobias "
                             "| leakyrelu 0.2 | avgpool 3 stride 2 pad 1 | flatten | dense 10"}) {
        static int n = 0;
        ok &= write(out / "spec", "spec" + std::to_string(++n), spec);
    }
    Network network = Network::create(*parseArchitecture("tiny"), kDigitShape).value();
    network.initialize(1);
    ok &= write(out / "model", "tiny.csm", encodeModel(network, {}, {}));
    ok &= write(out / "digit_json", "digits.json",
                "{\"data\": [[0, 0.5, 1, 0.25], [1, 0, 0, 0.75]]}");
    return ok;
}

// Issue 14's reproducers, rebuilt byte for byte as its tests build them.
bool regressions(const fs::path &out)
{
    bool ok = true;
    std::string dicom("RIFF\x7f\0\0\0WEBPVP8L\x0a\0\0\0\x2f\0\0\0\0", 25);
    dicom.resize(128, '\0');
    dicom += "DICM\x01\x02\x03";
    ok &= write(out / "image", "webp-with-dicom-signature", dicom);
    ok &= write(out / "image", "pnm-hash-after-number", std::string("P5\n3#7\n1\n255\n", 14));
    std::string jpeg("\xff\xd8\xff\x00\xff\xe1\x00\x0d", 8);
    jpeg += std::string("\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01", 11);
    jpeg += std::string("\xff\xc0\x00\x0b\x08\x75\x30\x75\x30\x01\x01\x11\x00", 13);
    ok &= write(out / "image", "jpeg-stuffed-zero-fake-frame", jpeg);
    ok &= write(out / "image", "webp-lossy-30-bytes",
                std::string("RIFF\x16\0\0\0WEBPVP8 \x0a\0\0\0\0\0\0\x9d\x01\x2a\x05\0\x07\0", 30));
    std::string bomb("\0\0\x08\x01\0\0\0\x01", 8);
    bomb += std::string(16 << 20, '\0');
    ok &= write(out / "idx", "gzip-bomb-one-byte-promised.gz", gzipped(bomb));
    for (const char *spec :
         {"conv 2 32,147483647 | dense 10", "conv 1 2147483647 | flatten | dense 10",
          "flatten | dense 300000 | dense 10", "flatten | dense 240 | dense 0655369"}) {
        static int n = 0;
        ok &= write(out / "spec", "huge-" + std::to_string(++n), spec);
    }
    // A model whose one tensor header promises 2^28·2^28·2^28·16 values, then 1 GiB in 86 bytes.
    Network network = Network::create(*parseArchitecture("tiny"), kDigitShape).value();
    const std::string good = encodeModel(network, {}, {});
    const auto u32at = [&](size_t at) {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v |= std::uint32_t(std::uint8_t(good[at + size_t(i)])) << (8 * i);
        return v;
    };
    size_t at = 8 + 4;
    at += 4 + u32at(at);
    at += 16 + 8;
    at += 4 + u32at(at);
    const auto header = [&](std::vector<std::uint32_t> dims, size_t tail) {
        std::string bytes = good.substr(0, at);
        dims.insert(dims.begin(), 1);
        for (std::uint32_t v : dims) {
            for (int i = 0; i < 4; ++i)
                bytes.push_back(char((v >> (8 * i)) & 0xff));
        }
        return bytes + std::string(tail, '\0');
    };
    ok &= write(out / "model", "tensor-count-overflow",
                header({1u << 28, 1u << 28, 1u << 28, 16}, 64));
    ok &= write(out / "model", "tensor-larger-than-file", header({256, 1024, 1024, 1}, 86));
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 3 && std::string(argv[1]) == "--regressions")
        return regressions(argv[2]) ? 0 : 1;
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_corpus FOLDER | make_corpus --regressions FOLDER\n");
        return 2;
    }
    return seeds(argv[1]) ? 0 : 1;
}
