#pragma once

#include "core/expected.h"
#include "core/nn/input_recipe.h"
#include "core/nn/network.h"

#include <string>
#include <vector>

namespace convscope {

struct Prediction
{
    int index = 0;
    float probability = 0.0f;
    std::string label; // the model's label, or the class number
};

// A picture through a model, as the Inspect page shows it: what the Deep Visualization Toolbox
// shows of a network, every layer's maps for one input.
struct Inspection
{
    Tensor fitted; // 1×C×H×W in [0, 1], as the recipe resized and cropped it
    std::vector<LayerDescription> rows; // the network's table
    std::vector<Tensor> maps;           // 1×C×H×W, the output of each row
    std::vector<Prediction> top;        // the most probable classes, best first; none without
    double seconds = 0.0;               // the forward pass alone
    // The first convolution's weights, K×C×K_h×K_w, and its row's name; empty without one.
    Tensor firstFilters;
    std::string firstConv;
};

// The softmax of a classifier's logits (an imported graph's final softmax is kept apart from
// the network, so its output is logits too) and its `top` best classes.
std::vector<Prediction> topClasses(const Tensor &logits, const std::vector<std::string> &labels,
                                   int top);

// Runs one picture (1×C×H×W in [0, 1], RGB) through the network after the recipe; the network
// is used and its activations replaced, so no other thread may use it meanwhile.
Expected<Inspection> inspectPicture(Network &network, const Tensor &picture,
                                    const InputRecipe &recipe,
                                    const std::vector<std::string> &labels, int top = 5);

} // namespace convscope
