#include "core/explorer/conv_explorer.h"

#include "core/ops/geometry.h"

#include <cctype>
#include <cmath>

namespace convscope {

namespace {

// Depthwise output channel c·F + f applies sub-filter w[f, c] to input channel c alone.
void depthwiseWeights(const FilterSet &filters, Tensor &weights, std::vector<float> &bias)
{
    const Shape &s = filters.weights.shape();
    const int plane = s.h * s.w;
    weights.reshape({s.c * s.n, 1, s.h, s.w});
    bias.resize(size_t(s.c) * s.n);
    for (int c = 0; c < s.c; ++c) {
        for (int f = 0; f < s.n; ++f) {
            const float *from = filters.weights.plane(f, c);
            std::copy(from, from + plane, weights.plane(c * s.n + f, 0));
            bias[size_t(c) * s.n + f] = filters.bias[size_t(f)];
        }
    }
}

} // namespace

ParameterCount parameterCount(const Shape &weights, bool depthwise, int inputChannels)
{
    const int outputs = depthwise ? weights.n * inputChannels : weights.n;
    const int perFilter = depthwise ? 1 : inputChannels;
    const std::int64_t total = std::int64_t(weights.h) * weights.w * perFilter * outputs + outputs;
    return {concat(weights.h, "·", weights.w, "·", perFilter, "·", outputs, " + ", outputs, " = ",
                   total),
            total};
}

Expected<void> computeConvolution(const Tensor &input, const ConvSetup &setup, ConvOutcome &outcome)
{
    const FilterSet &filters = setup.filters;
    const Shape &in = input.shape();
    if (filters.channels() != in.c)
        return makeError("the filters have ", filters.channels(),
                         " sub-filters each but the input has ", in.c, " channels");
    if (filters.bias.size() != size_t(filters.filterCount()))
        return makeError("there are ", filters.bias.size(), " biases for ", filters.filterCount(),
                         " filters");
    ConvOptions options = setup.options;
    options.groups = setup.depthwise ? in.c : 1;
    if (setup.depthwise) {
        depthwiseWeights(filters, outcome.weights, outcome.bias);
    } else {
        outcome.weights = filters.weights;
        outcome.bias = filters.bias;
    }
    Expected<Conv2dPlan> plan = planConv2d(in, outcome.weights.shape(), int(outcome.bias.size()),
                                           options);
    if (!plan)
        return plan.error();
    outcome.plan = *plan;
    conv2d(outcome.plan, input, outcome.weights, outcome.bias, outcome.preActivation);
    activationForward(outcome.preActivation, outcome.output, setup.activation);
    return {};
}

Expected<ConvOutcome> computeConvolution(const Tensor &input, const ConvSetup &setup)
{
    ConvOutcome outcome;
    Expected<void> done = computeConvolution(input, setup, outcome);
    if (!done)
        return done.error();
    return outcome;
}

std::vector<int> inputChannelsOf(const ConvOutcome &outcome, int outputChannel)
{
    const int perGroup = outcome.plan.inputChannelsPerGroup();
    const int first = outputChannel / outcome.plan.outputChannelsPerGroup() * perGroup;
    std::vector<int> channels(static_cast<size_t>(perGroup));
    for (int i = 0; i < perGroup; ++i)
        channels[size_t(i)] = first + i;
    return channels;
}

DotProduct explainOutput(const ConvOutcome &outcome, const Tensor &input, int channel, int y, int x,
                         Activation activation)
{
    const Conv2dPlan &plan = outcome.plan;
    const ReceptiveField field = receptiveField(plan.geometry, y, x);
    const std::vector<int> channels = inputChannelsOf(outcome, channel);
    DotProduct dot;
    dot.terms.reserve(channels.size() * field.taps.size());
    for (size_t g = 0; g < channels.size(); ++g) {
        for (const Tap &tap : field.taps) {
            const int wy = plan.flipKernel ? plan.weight.h - 1 - tap.ky : tap.ky;
            const int wx = plan.flipKernel ? plan.weight.w - 1 - tap.kx : tap.kx;
            DotTerm term;
            term.channel = channels[g];
            term.ky = tap.ky;
            term.kx = tap.kx;
            term.y = tap.y;
            term.x = tap.x;
            term.padding = !tap.insideImage();
            term.input = tap.sourceY >= 0 ? input.at(0, channels[g], tap.sourceY, tap.sourceX)
                                          : 0.0f;
            term.weight = outcome.weights.at(channel, int(g), wy, wx);
            dot.sum += double(term.input) * term.weight;
            dot.terms.push_back(term);
        }
    }
    dot.bias = plan.hasBias ? outcome.bias[size_t(channel)] : 0.0;
    dot.sum += dot.bias;
    Tensor one(Shape{1, 1, 1, 1}, float(dot.sum));
    applyActivation(one, activation);
    dot.value = one.at(0, 0, 0, 0);
    return dot;
}

namespace {

std::string slug(const std::string &text)
{
    std::string out;
    for (char ch : text) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (std::isalnum(c))
            out += char(std::tolower(c));
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out.empty() ? std::string("image") : out;
}

std::string pair(int a, int b)
{
    return a == b ? std::to_string(a) : concat(a, "x", b);
}

std::string paddingText(const Padding &p)
{
    if (p.top == p.bottom && p.top == p.left && p.top == p.right)
        return std::to_string(p.top);
    return concat(p.top, "-", p.bottom, "-", p.left, "-", p.right);
}

std::string padModeName(PadMode mode)
{
    return mode == PadMode::Zero ? "zero" : mode == PadMode::Reflect ? "reflect" : "replicate";
}

} // namespace

std::string exportStem(const std::string &imageName, const ConvSetup &setup,
                       const Geometry &geometry)
{
    std::string stem = concat(slug(imageName), "_", slug(setup.filters.name), "_k",
                              pair(geometry.h.kernel, geometry.w.kernel), "_s",
                              pair(geometry.h.stride, geometry.w.stride), "_p",
                              paddingText(geometry.padding()), "_d",
                              pair(geometry.h.dilation, geometry.w.dilation));
    if (geometry.padMode != PadMode::Zero)
        stem += concat("_", padModeName(geometry.padMode));
    if (setup.options.flipKernel)
        stem += "_flip";
    if (setup.depthwise)
        stem += "_depthwise";
    if (setup.activation != Activation::None)
        stem += concat("_", activationName(setup.activation));
    return stem;
}

std::vector<std::pair<std::string, std::string>> exportSettings(const std::string &imageName,
                                                                const ConvSetup &setup,
                                                                const ConvOutcome &outcome)
{
    const Conv2dPlan &plan = outcome.plan;
    const Geometry &g = plan.geometry;
    std::string bias;
    for (float b : setup.filters.bias)
        bias += concat(bias.empty() ? "" : ", ", b);
    return {
        {"image", imageName},
        {"input", plan.input.imageString()},
        {"filters", concat(setup.filters.name, ", ", setup.filters.filterCount(), " of ",
                           setup.filters.channels(), "×", g.h.kernel, "×", g.w.kernel)},
        {"kernel", concat(g.h.kernel, "×", g.w.kernel)},
        {"stride", concat(g.h.stride, "×", g.w.stride)},
        {"padding", concat("top ", g.h.padBegin, ", bottom ", g.h.padEnd, ", left ", g.w.padBegin,
                           ", right ", g.w.padEnd, " (", setup.options.padding.toString(), ", ",
                           padModeName(g.padMode), ")")},
        {"dilation", concat(g.h.dilation, "×", g.w.dilation)},
        {"flip", setup.options.flipKernel ? "true convolution" : "cross-correlation"},
        {"depthwise", setup.depthwise ? "yes" : "no"},
        {"bias", bias},
        {"activation", std::string(activationName(setup.activation))},
        {"output", plan.output.imageString()},
    };
}

} // namespace convscope
