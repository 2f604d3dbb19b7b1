#pragma once

#include "core/expected.h"
#include "core/nn/dataset.h"
#include "core/nn/model_file.h"
#include "core/nn/network.h"

#include <filesystem>
#include <string>

namespace convscope {

constexpr int kDefaultExportOpset = 13;

// The network as an ONNX model for use elsewhere: its input "pixels" is N×C×H×W in [0, 1], as
// predict feeds the network, normalised inside the graph ((x − mean) / deviation); its output
// "probabilities" is N×classes, the softmax of the network's logits. Opsets 9 to 17 (a pool in
// ceil mode needs 10). The model's picture recipe and labels, when it has them, go in its
// metadata_props (nn/onnx_import.h names the keys). The model passes ONNX's checker before it
// is returned.
Expected<std::string> exportOnnx(const Network &network, const PixelNormalization &norm,
                                 int opset = kDefaultExportOpset, const ModelMetadata &meta = {});
// Written atomically.
Expected<void> saveOnnx(const std::filesystem::path &path, const Network &network,
                        const PixelNormalization &norm, int opset = kDefaultExportOpset,
                        const ModelMetadata &meta = {});

} // namespace convscope
