#pragma once

#include "core/expected.h"
#include "core/nn/network.h"

#include <atomic>
#include <functional>

namespace convscope {

// Why did the network say "3"? Three answers a lecture compares, each a map over the image:
// the saliency (how much each pixel moves the class score), the occlusion map (what the class
// probability becomes when a grey patch hides each place), and Grad-CAM (where the last
// convolution's channels that raise the score light up). Each runs on a copy of the network:
// the parameters' gradients are overwritten.

// |∂ score / ∂ pixel| for the class's score (its logit), the largest over the input's channels:
// 1×1×H×W for a 1×C×H×W input.
Expected<Tensor> saliencyMap(Network &network, const Tensor &input, int classIndex);

// The class probability with a patch×patch square of the image set to `fill` (in the image's
// own units, before `prepare` turns it into the network's input), its top-left corner at every
// multiple of stride: 1×1×rows×cols, rows = ⌈(H − patch) / stride⌉ + 1 (the last row and column
// reach the edge). `progress` (may be empty) hears done and total after each pass; `cancel`
// stops between passes with an error.
struct OcclusionSettings
{
    int patch = 6;
    int stride = 2;
    float fill = 0.5f;
};
Expected<Tensor> occlusionMap(Network &network, const Tensor &image,
                              const std::function<Tensor(const Tensor &)> &prepare, int classIndex,
                              const OcclusionSettings &settings,
                              const std::function<void(int, int)> &progress = {},
                              const std::atomic<bool> *cancel = nullptr);

// Grad-CAM on a row with a feature map (the last convolution's output, or its ReLU): the
// channels weighted by the mean of the score's gradient over each, summed, and clipped at 0:
// 1×1×H'×W' at the row's resolution.
Expected<Tensor> gradCam(Network &network, const Tensor &input, int classIndex, int row);
// The row Grad-CAM uses by default: the last one with a map larger than 1×1 before the
// network's dense layers, or -1.
int lastMapRow(const std::vector<LayerDescription> &rows);

// "What does this filter want to see?": an input climbed by gradient ascent on one channel's
// mean activation, from faint seeded noise. Each step moves by the gradient scaled to a fixed
// size, shrinks the input a little (weight decay) and, every few steps, blurs it with a 3×3
// box, so that the answer is a pattern and not noise; values stay within the range of the
// network's inputs.
struct DreamSettings
{
    float rate = 0.05f;  // the step, as a share of the input range
    float decay = 0.01f; // the shrink toward the middle of the range, per step
    int blurEvery = 4;
    std::uint64_t seed = 1;
};

class FilterDream
{
public:
    // low and high: the network's input for a black and for a white pixel.
    FilterDream(Network &network, int row, int channel, float low, float high,
                const DreamSettings &settings = {});

    // One step; the channel's mean activation before it.
    float step();
    const Tensor &image() const { return m_image; }
    int steps() const { return m_steps; }

private:
    Network &m_network;
    int m_row;
    int m_channel;
    float m_low;
    float m_high;
    DreamSettings m_settings;
    Tensor m_image;
    int m_steps = 0;
};

} // namespace convscope
