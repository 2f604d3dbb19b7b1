#include "core/lessons/explain.h"

#include "core/nn/loss.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace convscope {

namespace {

Expected<void> checkClass(const Network &network, int classIndex)
{
    const Shape out = network.describe().back().output;
    if (classIndex < 0 || classIndex >= out.c)
        return makeError("class ", classIndex + 1, " is not one of the network's ", out.c);
    return {};
}

// The gradient of one class's logit, sent back from the last row.
Tensor scoreSeed(const Network &network, int classIndex)
{
    const Shape out = network.describe().back().output;
    Tensor seed(Shape{1, out.c, out.h, out.w}, 0.0f);
    seed.data()[classIndex] = 1.0f;
    return seed;
}

} // namespace

Expected<Tensor> saliencyMap(Network &network, const Tensor &input, int classIndex)
{
    if (Expected<void> ok = checkClass(network, classIndex); !ok)
        return ok.error();
    network.forward(input, Mode::Inference);
    const int last = int(network.describe().size()) - 1;
    const Tensor &gradient = network.inputGradient(last, scoreSeed(network, classIndex));
    const Shape &s = gradient.shape();
    Tensor map(Shape{1, 1, s.h, s.w}, 0.0f);
    for (int c = 0; c < s.c; ++c) {
        for (int y = 0; y < s.h; ++y) {
            for (int x = 0; x < s.w; ++x)
                map.at(0, 0, y, x) = std::max(map.at(0, 0, y, x), std::abs(gradient.at(0, c, y, x)));
        }
    }
    return map;
}

Expected<Tensor> occlusionMap(Network &network, const Tensor &image,
                              const std::function<Tensor(const Tensor &)> &prepare, int classIndex,
                              const OcclusionSettings &settings,
                              const std::function<void(int, int)> &progress,
                              const std::atomic<bool> *cancel)
{
    if (Expected<void> ok = checkClass(network, classIndex); !ok)
        return ok.error();
    const Shape &s = image.shape();
    if (settings.patch < 1 || settings.patch > std::min(s.h, s.w))
        return makeError("the patch ", settings.patch, " must be from 1 to the image's ",
                         std::min(s.h, s.w), " pixels");
    if (settings.stride < 1 || settings.stride > settings.patch)
        return makeError("the stride ", settings.stride, " must be from 1 to the patch's ",
                         settings.patch, " pixels, so that every pixel is hidden once");
    const auto steps = [&](int size) {
        return (size - settings.patch + settings.stride - 1) / settings.stride + 1;
    };
    const int rows = steps(s.h), cols = steps(s.w);
    Tensor map(Shape{1, 1, rows, cols}, 0.0f);
    std::vector<float> p;
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            if (cancel && cancel->load())
                return makeError("the occlusion map was cancelled");
            // The last row and column sit against the edge, so that the whole image is covered.
            const int top = std::min(r * settings.stride, s.h - settings.patch);
            const int left = std::min(c * settings.stride, s.w - settings.patch);
            Tensor hidden = image;
            for (int ch = 0; ch < s.c; ++ch) {
                for (int y = top; y < top + settings.patch; ++y) {
                    for (int x = left; x < left + settings.patch; ++x)
                        hidden.at(0, ch, y, x) = settings.fill;
                }
            }
            const Tensor &logits = network.forward(prepare(hidden), Mode::Inference);
            p.resize(size_t(logits.size()));
            softmax(logits.data(), int(logits.size()), p.data());
            map.at(0, 0, r, c) = p[size_t(classIndex)];
            if (progress)
                progress(r * cols + c + 1, rows * cols);
        }
    }
    return map;
}

Expected<Tensor> gradCam(Network &network, const Tensor &input, int classIndex, int row)
{
    if (Expected<void> ok = checkClass(network, classIndex); !ok)
        return ok.error();
    const std::vector<LayerDescription> &rows = network.describe();
    if (row < 0 || row >= int(rows.size()) - 1)
        return makeError("Grad-CAM needs a layer before the last, not layer ", row + 1);
    network.forward(input, Mode::Inference);
    const Tensor activation = network.activations()[size_t(row) + 1];
    network.inputGradient(int(rows.size()) - 1, scoreSeed(network, classIndex));
    const Tensor gradient = network.gradientAt(row);
    const Shape &s = activation.shape();
    Tensor map(Shape{1, 1, s.h, s.w}, 0.0f);
    const double plane = double(s.h) * s.w;
    for (int k = 0; k < s.c; ++k) {
        double alpha = 0;
        for (int y = 0; y < s.h; ++y) {
            for (int x = 0; x < s.w; ++x)
                alpha += gradient.at(0, k, y, x);
        }
        alpha /= plane;
        for (int y = 0; y < s.h; ++y) {
            for (int x = 0; x < s.w; ++x)
                map.at(0, 0, y, x) += float(alpha * activation.at(0, k, y, x));
        }
    }
    for (float &v : map.values())
        v = std::max(v, 0.0f);
    return map;
}

FilterDream::FilterDream(Network &network, int row, int channel, float low, float high,
                         const DreamSettings &settings)
    : m_network(network)
    , m_row(row)
    , m_channel(channel)
    , m_low(std::min(low, high))
    , m_high(std::max(low, high))
    , m_settings(settings)
    , m_image(Shape{1, network.inputShape().c, network.inputShape().h, network.inputShape().w})
{
    std::mt19937_64 rng(settings.seed);
    std::uniform_real_distribution<float> noise(-0.05f, 0.05f);
    const float middle = (m_low + m_high) / 2, range = m_high - m_low;
    for (float &v : m_image.values())
        v = middle + noise(rng) * range;
}

float FilterDream::step()
{
    m_network.forward(m_image, Mode::Inference);
    const Tensor &map = m_network.activations()[size_t(m_row) + 1];
    const Shape &s = map.shape();
    double mean = 0;
    for (int y = 0; y < s.h; ++y) {
        for (int x = 0; x < s.w; ++x)
            mean += map.at(0, m_channel, y, x);
    }
    mean /= double(s.h) * s.w;
    Tensor seed(s, 0.0f);
    for (int y = 0; y < s.h; ++y) {
        for (int x = 0; x < s.w; ++x)
            seed.at(0, m_channel, y, x) = 1.0f / float(s.h * s.w);
    }
    const Tensor &gradient = m_network.inputGradient(m_row, seed);
    double squares = 0;
    for (float g : gradient.values())
        squares += double(g) * g;
    const float rms = float(std::sqrt(squares / double(std::max<std::int64_t>(gradient.size(), 1))));
    const float range = m_high - m_low, middle = (m_low + m_high) / 2;
    const float move = m_settings.rate * range / (rms + 1e-12f);
    for (std::int64_t i = 0; i < m_image.size(); ++i) {
        float &v = m_image.data()[i];
        v += move * gradient.data()[i];
        v -= m_settings.decay * (v - middle);
        v = std::clamp(v, m_low, m_high);
    }
    ++m_steps;
    if (m_settings.blurEvery > 0 && m_steps % m_settings.blurEvery == 0) {
        const Shape &is = m_image.shape();
        const Tensor before = m_image;
        for (int c = 0; c < is.c; ++c) {
            for (int y = 0; y < is.h; ++y) {
                for (int x = 0; x < is.w; ++x) {
                    double sum = 0;
                    int count = 0;
                    for (int dy = -1; dy <= 1; ++dy) {
                        for (int dx = -1; dx <= 1; ++dx) {
                            if (y + dy >= 0 && y + dy < is.h && x + dx >= 0 && x + dx < is.w) {
                                sum += before.at(0, c, y + dy, x + dx);
                                ++count;
                            }
                        }
                    }
                    m_image.at(0, c, y, x) = float(sum / count);
                }
            }
        }
    }
    return float(mean);
}

int lastMapRow(const std::vector<LayerDescription> &rows)
{
    int found = -1;
    for (int i = 0; i < int(rows.size()); ++i) {
        if (rows[size_t(i)].output.h * rows[size_t(i)].output.w <= 1)
            break;
        found = i;
    }
    return found;
}

} // namespace convscope
