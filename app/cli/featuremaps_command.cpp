#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/model_inputs.h"
#include "app/cli/outputs.h"
#include "app/cli/report.h"
#include "core/explorer/render.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <vector>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli featuremaps --model FILE --input IMAGE|NPY --out DIR\n"
      "           [--layer NAME|all] [--scale N] [picture flags, as predict's]\n"
      "Runs a picture through a saved or imported model and writes, for every\n"
      "layer (or the one named: conv1, relu1, maxpool1, dense2, …), a grid of its feature maps\n"
      "NN-NAME.png and one NN-NAME/channel-KK.png per map, plus the first conv layer's filters\n"
      "(filters-NAME.png and filters-NAME/filter-KK.png) and the input as the network saw it.\n"
      "Each image shares one min–max scale and is enlarged N times (8) without smoothing.\n";

constexpr Flag kOwnFlags[] = {{"--model", true},
                              {"--input", true},
                              {"--out", true},
                              {"--layer", true},
                              {"--scale", true}};
constexpr int kMaxScale = 64;

Image8 enlarged(const Image8 &image, int scale)
{
    Image8 out{image.width * scale, image.height * scale, image.channels, {}};
    out.pixels.resize(size_t(out.width) * out.height * out.channels);
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            for (int c = 0; c < out.channels; ++c)
                out.pixels[(size_t(y) * out.width + x) * out.channels + c]
                    = image.pixels[(size_t(y / scale) * image.width + x / scale) * image.channels
                                   + c];
        }
    }
    return out;
}

// A feature map N×C×H×W as one picture; a vector (H = W = 1) becomes a one-row strip.
Tensor picturable(const Tensor &maps)
{
    const Shape &s = maps.shape();
    if (s.h != 1 || s.w != 1)
        return maps;
    Tensor strip({1, 1, 1, s.c});
    std::copy(maps.values().begin(), maps.values().begin() + s.c, strip.values().begin());
    return strip;
}

Expected<void> addImage(PendingOutputs &outputs, const std::filesystem::path &path,
                        const Tensor &tensor, int scale)
{
    Expected<std::string> png = encodePng(
        enlarged(renderTensor(tensor, 0, ValueScale::MinMax), scale));
    if (!png)
        return png.error();
    outputs.add(path.string(), *png);
    return {};
}

// The grid and one file per channel (for spatial maps).
Expected<void> addMaps(PendingOutputs &outputs, const std::filesystem::path &grid,
                       const std::filesystem::path &folder, const char *prefix, const Tensor &maps,
                       int scale)
{
    if (auto ok = addImage(outputs, grid, picturable(maps), scale); !ok)
        return ok;
    const Shape &s = maps.shape();
    if (s.h == 1 && s.w == 1)
        return {};
    for (int k = 0; k < s.n * s.c; ++k) {
        Tensor one({1, 1, s.h, s.w});
        const float *plane = maps.plane(k / s.c, k % s.c);
        std::copy(plane, plane + s.h * s.w, one.data());
        char name[32];
        std::snprintf(name, sizeof name, "%s-%02d.png", prefix, k);
        if (auto ok = addImage(outputs, folder / name, one, scale); !ok)
            return ok;
    }
    return {};
}

} // namespace

int runFeaturemaps(std::span<char *const> words)
{
    const std::string usageText = std::string(kUsage) + kPictureUsage;
    const char *usage = usageText.c_str();
    if (printedHelp(words, usage))
        return 0;
    std::vector<Flag> flags(std::begin(kOwnFlags), std::end(kOwnFlags));
    flags.insert(flags.end(), std::begin(kPictureFlags), std::end(kPictureFlags));
    Expected<Arguments> args = Arguments::parse(words, flags);
    if (!args)
        return usageError("featuremaps", args.error().message, usage);
    for (const char *flag : {"--model", "--input", "--out"}) {
        if (!args->has(flag))
            return usageError("featuremaps", concat(flag, " is required"), usage);
    }
    const Expected<int> scaleValue = args->number("--scale", 8);
    if (!scaleValue || *scaleValue < 1 || *scaleValue > kMaxScale)
        return usageError("featuremaps",
                          concat("--scale must be a whole number from 1 to ", kMaxScale), usage);
    const int scale = *scaleValue;
    Expected<Model> model = loadModel(*args->value("--model"));
    if (!model)
        return failure(model.error());
    Expected<InputRecipe> recipe = recipeFor(*model, *args);
    if (!recipe)
        return failure(recipe.error());
    Expected<PictureInput> picture = loadPictureFor(*model, *recipe, *args->value("--input"));
    if (!picture)
        return failure(picture.error());
    const std::string layer = args->value("--layer").value_or("all");
    const std::vector<LayerDescription> &rows = model->network.describe();
    if (layer != "all" && std::none_of(rows.begin(), rows.end(), [&](const LayerDescription &d) {
            return d.name == layer;
        })) {
        std::string names;
        for (const LayerDescription &d : rows)
            names += " " + d.name;
        return failure(makeError("the model has no layer '", layer, "'; its layers are", names));
    }
    model->network.forward(picture->network, Mode::Inference);
    const std::vector<Tensor> &maps = model->network.activations();
    const std::filesystem::path out = *args->value("--out");
    std::error_code error;
    std::filesystem::create_directories(out, error);
    if (error)
        return failure(makeError("cannot create the folder ", out.string(), ": ", error.message()));

    PendingOutputs outputs;
    std::vector<Expected<void>> results;
    results.push_back(addImage(outputs, out / "input.png", picture->fitted, scale));
    for (size_t i = 0; i < rows.size(); ++i) {
        if (layer != "all" && rows[i].name != layer)
            continue;
        char stem[64];
        std::snprintf(stem, sizeof stem, "%02zu-%s", i + 1, rows[i].name.c_str());
        const Shape &s = maps[i + 1].shape();
        if (s.h * s.w > 1)
            std::filesystem::create_directories(out / stem, error);
        results.push_back(addMaps(outputs, out / (std::string(stem) + ".png"), out / stem,
                                  "channel", maps[i + 1], scale));
    }
    const std::vector<Tensor> filters = model->network.filters();
    std::string firstConv;
    for (const LayerDescription &d : rows) {
        if (firstConv.empty() && d.name.rfind("conv", 0) == 0)
            firstConv = d.name;
    }
    if (!filters.empty()) {
        const std::string stem = "filters-" + firstConv;
        std::filesystem::create_directories(out / stem, error);
        const Shape s = filters.front().shape();
        Tensor bank({1, s.n * s.c, s.h, s.w});
        bank.values() = filters.front().values();
        results.push_back(
            addMaps(outputs, out / (stem + ".png"), out / stem, "filter", bank, scale));
    }
    for (const Expected<void> &r : results) {
        if (!r)
            return failure(r.error());
    }
    if (auto ok = outputs.writeAll(); !ok)
        return failure(ok.error());
    std::printf("wrote the feature maps of %s into %s\n",
                layer == "all" ? "every layer" : layer.c_str(), out.c_str());
    return 0;
}

} // namespace convscope::cli
