#pragma once

#include "app/cli/arguments.h"
#include "core/expected.h"
#include "core/nn/model_file.h"

#include <string>
#include <vector>

namespace convscope::cli {

// The flags with which predict and featuremaps change how a picture is fed to a model and name
// its classes (README, "Pictures into a model"), and the words of their usage.
inline constexpr Flag kPictureFlags[] = {{"--recipe", true}, {"--imagenet", false},
                                         {"--resize", true}, {"--bgr", false},
                                         {"--rgb", false},   {"--mean", true},
                                         {"--std", true},    {"--labels", true}};
inline constexpr const char *kPictureUsage
    = "The picture is fed as the model's recipe says (a digit model's: made to look like an\n"
      "MNIST digit; any other: the largest centred crop of its aspect, resized), changed by\n"
      "  --recipe TEXT     a whole recipe: 'digit [mean M] [std S]' or\n"
      "                    'crop [resize R] [rgb|bgr] [mean M1,M2,M3] [std S1,S2,S3]'\n"
      "  --imagenet        torchvision's ImageNet transforms (resize 256, crop 224, its mean/std)\n"
      "  --resize R        the shorter side before the centre crop\n"
      "  --bgr, --rgb      the channel order the model reads\n"
      "  --mean M, --std S on pixels in [0, 1]: one value, or one per channel as the model\n"
      "                    reads them (after --bgr)\n"
      "  --labels FILE     class names, one a line (the model's own when it has them)\n";

// The model's recipe with the flags applied, checked against its input.
Expected<InputRecipe> recipeFor(const Model &model, const Arguments &args);

// A picture file (an image or an .npy of one C×H×W or 1×C×H×W) as the model sees it.
struct PictureInput
{
    Tensor fitted;  // resized and cropped, in [0, 1]: what input.png shows
    Tensor network; // normalised
};
Expected<PictureInput> loadPictureFor(const Model &model, const InputRecipe &recipe,
                                      const std::string &path);

// --labels, or the model's own labels, or none.
Expected<std::vector<std::string>> labelsFor(const Model &model, const Arguments &args);

} // namespace convscope::cli
