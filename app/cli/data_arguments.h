#pragma once

#include "app/cli/arguments.h"
#include "core/expected.h"
#include "core/nn/dataset.h"

#include <string>

namespace convscope::cli {

// How train and evaluate make an image folder into a data set (README, "Your own pictures").
inline constexpr const char *kFolderUsage
    = "A folder of pictures with one subfolder per class (and optionally train/ and test/\n"
      "above them) is made into a data set of square images:\n"
      "  --image-size N    their side, 8 to 256 (train: 28, 32 or 64 as the network was\n"
      "                    designed; evaluate: the model's)\n"
      "  --color rgb|gray  their channels (train: RGB when any picture has colour;\n"
      "                    evaluate: the model's)\n";

// --data with --image-size and --color (their defaults as given). Files that could not be
// read are listed on stderr.
Expected<DataSet> loadDataArgument(const Arguments &args, int defaultSize,
                                   FolderOptions::Color defaultColor);

} // namespace convscope::cli
