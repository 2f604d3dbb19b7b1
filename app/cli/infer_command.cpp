#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/report.h"
#include "core/file_io.h"
#include "core/io/npy.h"
#include "core/nn/loss.h"
#include "core/nn/model_file.h"

#include <algorithm>
#include <cstdio>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli infer --model FILE.csm|FILE.onnx --input X.npy --out Y.npy [--logits]\n"
      "The model's output for a float array of images, N×C×H×W or one C×H×W, as its ONNX\n"
      "graph computes it and with nothing else done to the pixels (no resizing, inverting or\n"
      "centring as predict does): the tool for checking ConvScope against another engine. The\n"
      "model's own normalisation is applied, (x − mean) / deviation. Y.npy is N×K for a\n"
      "network that gives K values per image: the probabilities of a ConvScope model (as its\n"
      "export gives them) and of an imported graph that ends with a softmax, the logits of one\n"
      "that ends without, and with --logits the logits always; N×C×H×W for one that ends with\n"
      "maps. Written atomically.\n";

constexpr Flag kFlags[] = {{"--model", true},
                           {"--input", true},
                           {"--out", true},
                           {"--logits", false}};

// Images per forward pass: the activations of a large network stay within memory.
constexpr std::int64_t kChunkImages = 16;

} // namespace

int runInfer(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    Expected<Arguments> args = Arguments::parse(words, kFlags);
    if (!args)
        return usageError("infer", args.error().message, kUsage);
    Expected<std::string> modelPath = args->required("--model");
    Expected<std::string> inputPath = args->required("--input");
    Expected<std::string> outPath = args->required("--out");
    for (const Expected<std::string> *given : {&modelPath, &inputPath, &outPath}) {
        if (!*given)
            return usageError("infer", given->error().message, kUsage);
    }
    Expected<Model> model = loadModel(*modelPath);
    if (!model)
        return failure(model.error());
    Expected<NpyArray> input = readNpy(*inputPath);
    if (!input)
        return failure(input.error());
    const Shape want = model->network.inputShape();
    std::vector<std::int64_t> dims = input->shape;
    if (dims.size() == 3)
        dims.insert(dims.begin(), 1);
    if (dims.size() != 4 || dims[1] != want.c || dims[2] != want.h || dims[3] != want.w)
        return failure(makeError(*inputPath, ": an array of ", input->shapeText(),
                                 ", but the network reads N×", want.imageString(), " or ",
                                 want.imageString()));
    const std::int64_t n = dims[0];
    if (n < 1)
        return failure(makeError(*inputPath, ": an array of no images"));
    const std::int64_t perImage = want.count();
    std::vector<float> out;
    Shape outShape;
    for (std::int64_t first = 0; first < n; first += kChunkImages) {
        const int count = int(std::min(kChunkImages, n - first));
        Tensor batch(Shape{count, want.c, want.h, want.w});
        std::transform(input->values.begin() + first * perImage,
                       input->values.begin() + (first + count) * perImage, batch.data(),
                       [&](float v) { return model->normalization.apply(v); });
        const Tensor &y = model->network.infer(batch);
        outShape = y.shape();
        const std::int64_t each = y.size() / count;
        for (int i = 0; i < count; ++i) {
            const float *row = y.data() + i * each;
            if (model->endsWithSoftmax && !args->has("--logits")) {
                std::vector<float> p(static_cast<size_t>(each));
                softmax(row, int(each), p.data());
                out.insert(out.end(), p.begin(), p.end());
            } else {
                out.insert(out.end(), row, row + each);
            }
        }
    }
    const bool vector = outShape.h == 1 && outShape.w == 1;
    const std::vector<std::int64_t> shape = vector
                                                ? std::vector<std::int64_t>{n, outShape.c}
                                                : std::vector<std::int64_t>{n, outShape.c,
                                                                            outShape.h, outShape.w};
    if (Expected<void> ok = writeFileAtomically(*outPath, encodeNpy(shape, out)); !ok)
        return failure(ok.error());
    std::printf("%s: %lld image%s → %s\n", outPath->c_str(), static_cast<long long>(n),
                n == 1 ? "" : "s",
                vector ? concat(outShape.c, " values each").c_str()
                       : outShape.imageString().c_str());
    return 0;
}

} // namespace convscope::cli
