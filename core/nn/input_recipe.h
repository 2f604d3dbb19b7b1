#pragma once

#include "core/expected.h"
#include "core/nn/dataset.h"
#include "core/tensor.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace convscope {

// How a picture becomes a model's input, as torchvision's transforms do it for photos
// (Resize of the shorter side, CenterCrop, ToTensor, Normalize) or as MNIST was made for the
// digit models. Written as one line (README, "Pictures into a model"):
//   digit [mean M] [std S]
//   crop [resize R] [rgb|bgr] [mean M1,M2,M3] [std S1,S2,S3]
struct InputRecipe
{
    enum class Fit {
        Digit, // core/nn/digit_input's preparation: gray, inverted if light, centred by mass
        Crop,  // the shorter side resized to `resize`, then the centre H×W
    };
    Fit fit = Fit::Crop;
    // 0: the largest centred crop of the input's aspect, resized to the input.
    int resize = 0;
    // Caffe's models (the ONNX model zoo's AlexNet and CaffeNet) read blue, green, red.
    bool bgr = false;
    // On pixels in [0, 1], after the channel order: one value for all channels, or one each.
    std::vector<float> mean{0.0f};
    std::vector<float> deviation{1.0f};

    // torchvision's ImageNet transforms scaled to the input: Resize(256), CenterCrop(224) and
    // mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).
    static InputRecipe imagenet(const Shape &input);
    // What a model without a recipe of its own gets: the digit preparation for a 1×28×28 model,
    // a crop for any other, with the model's normalisation.
    static InputRecipe defaultFor(const Shape &input, const PixelNormalization &norm);
    static Expected<InputRecipe> parse(std::string_view text);

    std::string toString() const;
    // Refuses what cannot feed an input of this shape, with the numbers.
    Expected<void> check(const Shape &input) const;
    bool operator==(const InputRecipe &) const = default;
};

constexpr int kMaxRecipeResize = 8192;

// What a model trained on the data set records as its recipe: the data set's own (how an image
// folder's pictures were made) with the training normalisation; empty for a data set that came
// as arrays, whose models get the default for their shape.
std::string trainedRecipe(const DataSet &data, const PixelNormalization &norm);

// picture is 1×C×H×W in [0, 1] with channels in RGB order (C = 1 or 3; any other count is taken
// as gray). fitPicture resizes, crops and orders it into 1×input.c×input.h×input.w, still in
// [0, 1] (what a view draws); normalizePicture applies the mean and deviation; prepareInput
// does both, ready for the network.
Expected<Tensor> fitPicture(const Tensor &picture, const Shape &input, const InputRecipe &recipe);
Tensor normalizePicture(Tensor fitted, const InputRecipe &recipe);
Expected<Tensor> prepareInput(const Tensor &picture, const Shape &input, const InputRecipe &recipe);

// Class labels, one a line (ImageNet's imagenet_classes.txt, a data set's classes.txt): blank
// lines at the end are dropped, each label is trimmed, and there must be one for each of the
// model's `classes`.
constexpr std::int64_t kMaxLabelFileBytes = std::int64_t(4) << 20;
constexpr int kMaxLabelLength = 200;
Expected<std::vector<std::string>> parseLabels(std::string_view text, int classes,
                                               const std::string &source);
Expected<std::vector<std::string>> loadLabels(const std::filesystem::path &path, int classes);

} // namespace convscope
