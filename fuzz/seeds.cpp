// The seed corpora: small valid inputs of every format, made with ConvScope's own writers and
// OpenCV's encoders, one folder per target.
#include "core/file_io.h"
#include "core/io/npy.h"
#include "core/nn/digit_input.h"
#include "core/nn/model_file.h"
#include "core/nn/network.h"
#include "fuzz/corpus_files.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace convscope::fuzz {

bool writeSeeds(const std::filesystem::path &out)
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
    for (const char *answer : {"\x07"
                               "6x28x28",
                               "\x01"
                               "34,944",
                               "\x02"
                               "6 × 28 × 28",
                               "\x03"
                               "28x28"}) {
        static int n = 0;
        ok &= write(out / "quiz_answer", "answer" + std::to_string(++n), answer);
    }
    // Small models of torch.onnx.export: residual blocks, concatenations, every refusal.
    for (const char *name : {"mini-resnet.onnx", "mini-inception.onnx", "lrn.onnx",
                             "refused-operator.onnx", "refused-channels.onnx", "grouped.onnx"}) {
        Expected<std::string> bytes = readFile(std::filesystem::path(CONVSCOPE_TEST_DATA) / "onnx"
                                                   / name,
                                               std::int64_t(1) << 20);
        ok &= bytes && write(out / "onnx", name, *bytes);
    }
    for (const char *recipe : {"\x02"
                               "digit mean 0.1307 std 0.3081",
                               "\x04"
                               "crop resize 256 bgr",
                               "\x04"
                               "crop mean 0.485,0.456,0.406 std 0.229,0.224,0.225",
                               "\x05"
                               "tench\ngoldfish\n\n"}) {
        static int n = 0;
        ok &= write(out / "recipe", "recipe" + std::to_string(++n), recipe);
    }
    ok &= write(out / "digit_json", "digits.json",
                "{\"data\": [[0, 0.5, 1, 0.25], [1, 0, 0, 0.75]]}");
    std::string record(3073, '\x40');
    record[0] = 3;
    ok &= write(out / "cifar", "batch", '\0' + record + record);
    ok &= write(out / "cifar", "meta",
                "\x01plane\ncar\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
    const std::string tar = test::tarOf({{"cifar-10-batches-bin/test_batch.bin", record},
                                         {"cifar-10-batches-bin/batches.meta.txt", "cat\n"}});
    ok &= write(out / "archive", "plain.tar", '\0' + tar);
    ok &= write(out / "archive", "gzipped.tar.gz", '\0' + gzipped(tar));
    ok &= write(out / "archive", "manifest.txt",
                "\x03cifar-10-binary.tar.gz 170052171 c32a1d4ab5d03f1284b67883e8d87530\n");
    return ok;
}

} // namespace convscope::fuzz
