#include "core/lessons/receptive_field.h"

#include "core/nn/architecture.h"
#include "core/nn/input_recipe.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace convscope {

FieldRect theoreticalField(const LayerDescription &row, int y, int x)
{
    const ReceptiveSpan &f = row.field;
    return {f.h.start + y * f.h.jump, f.w.start + x * f.w.jump, f.h.size, f.w.size};
}

Expected<Tensor> effectiveField(Network &network, const Tensor &input, const Unit &unit)
{
    const std::vector<LayerDescription> &rows = network.describe();
    if (unit.row < 0 || unit.row >= int(rows.size()))
        return makeError("layer ", unit.row + 1, " is not one of the network's ", rows.size());
    const Shape out = rows[size_t(unit.row)].output;
    if (unit.channel < 0 || unit.channel >= out.c || unit.y < 0 || unit.y >= out.h || unit.x < 0
        || unit.x >= out.w)
        return makeError("unit (", unit.channel + 1, ", ", unit.y + 1, ", ", unit.x + 1,
                         ") is outside ", rows[size_t(unit.row)].name, "'s output ",
                         out.imageString());
    if (input.shape().n != 1)
        return makeError("the effective field is worked out for one image, not ", input.shape().n);
    network.forward(input, Mode::Inference);
    Tensor seed(Shape{1, out.c, out.h, out.w}, 0.0f);
    seed.at(0, unit.channel, unit.y, unit.x) = 1.0f;
    const Tensor &gradient = network.inputGradient(unit.row, seed);
    const Shape &s = gradient.shape();
    Tensor field(Shape{1, 1, s.h, s.w}, 0.0f);
    for (int c = 0; c < s.c; ++c) {
        for (int y = 0; y < s.h; ++y) {
            for (int x = 0; x < s.w; ++x)
                field.at(0, 0, y, x) += std::abs(gradient.at(0, c, y, x));
        }
    }
    return field;
}

EffectiveExtent effectiveExtent(const Tensor &field, double share)
{
    const Shape &s = field.shape();
    // Sums over rectangles in O(1): prefix[y][x] holds the sum above and left of (y, x).
    std::vector<double> prefix(size_t(s.h + 1) * size_t(s.w + 1), 0.0);
    const auto at = [&](int y, int x) -> double & {
        return prefix[size_t(y) * size_t(s.w + 1) + size_t(x)];
    };
    double total = 0, sumY = 0, sumX = 0;
    for (int y = 0; y < s.h; ++y) {
        for (int x = 0; x < s.w; ++x) {
            const double v = field.at(0, 0, y, x);
            total += v;
            sumY += v * y;
            sumX += v * x;
            at(y + 1, x + 1) = v + at(y, x + 1) + at(y + 1, x) - at(y, x);
        }
    }
    EffectiveExtent extent;
    if (!(total > 0))
        return extent;
    extent.centreY = sumY / total;
    extent.centreX = sumX / total;
    const int cy = std::clamp(int(std::lround(extent.centreY)), 0, s.h - 1);
    const int cx = std::clamp(int(std::lround(extent.centreX)), 0, s.w - 1);
    const auto inside = [&](int top, int left, int side) {
        const int y0 = std::max(top, 0), x0 = std::max(left, 0);
        const int y1 = std::min(top + side, s.h), x1 = std::min(left + side, s.w);
        return y1 <= y0 || x1 <= x0 ? 0.0 : at(y1, x1) - at(y0, x1) - at(y1, x0) + at(y0, x0);
    };
    // Pixel squares a pixel wider each time, every placement that holds the centre's pixel,
    // until one holds the share; of those, the one that holds the most.
    const int largest = std::max(s.h, s.w);
    for (int side = 1; side <= largest; ++side) {
        double best = -1;
        for (int top = cy - side + 1; top <= cy; ++top) {
            for (int left = cx - side + 1; left <= cx; ++left) {
                const double sum = inside(top, left, side);
                if (sum > best) {
                    best = sum;
                    extent.top = top;
                    extent.left = left;
                }
            }
        }
        if (best >= share * total * (1 - 1e-12)) {
            extent.side = side;
            return extent;
        }
    }
    extent.side = largest;
    extent.top = extent.left = 0;
    return extent;
}

namespace {

// The layer of a row that is not a block, from its spec.
std::optional<LayerSpec> layerOf(const LayerDescription &row)
{
    if (row.block)
        return std::nullopt;
    Expected<Architecture> one = parseArchitecture(row.spec);
    if (!one || one->layers.size() != 1)
        return std::nullopt;
    return one->layers.front();
}

// "residual1 › layers" → "": the path a block's path is part of.
std::string parentPath(const std::string &path)
{
    const std::string separator = " › ";
    size_t cut = path.rfind(separator);
    if (cut == std::string::npos)
        return {};
    cut = path.rfind(separator, cut == 0 ? 0 : cut - 1);
    return cut == std::string::npos ? std::string() : path.substr(0, cut);
}

std::string ruleOf(const LayerDescription &row, const FieldAxis &before)
{
    const FieldAxis &after = row.field.h;
    if (row.block)
        return concat("the largest field over the block's paths: r = ", after.size,
                      ", j = ", after.jump);
    const std::optional<LayerSpec> layer = layerOf(row);
    const LayerKind kind = layer ? layer->kind : LayerKind::Activation;
    if (kind == LayerKind::Conv || kind == LayerKind::MaxPool || kind == LayerKind::AvgPool) {
        const WindowSpec window = kind == LayerKind::Conv
                                      ? layer->conv.window(layer->kernelH, layer->kernelW)
                                      : layer->pool.window();
        const int k = window.kernelH, s = window.strideH, d = window.dilationH;
        return concat("r = r′ + D·(K−1)·j′ = ", before.size, " + ", d, "·(", k, "−1)·", before.jump,
                      " = ", after.size, ", j = j′·S = ", before.jump, "·", s, " = ", after.jump,
                      ", start = ", after.start);
    }
    if (kind == LayerKind::Dense || kind == LayerKind::Flatten || kind == LayerKind::GlobalAvgPool)
        return concat(after == before ? "every value of its input, which already sees the whole "
                                        "image: r = "
                                      : "every value of its input: r = ",
                      after.size, ", j = ", after.jump);
    return "unchanged: it works on each value where it is";
}

} // namespace

std::vector<FieldStep> fieldSteps(const std::vector<LayerDescription> &rows, int row)
{
    std::vector<FieldStep> steps;
    // The field at the end of each path so far: a path's first layer reads what its block
    // reads, the field at the end of the path the block sits in.
    std::map<std::string, FieldAxis> last{{"", FieldAxis{}}};
    for (int i = 0; i <= row && i < int(rows.size()); ++i) {
        const LayerDescription &r = rows[size_t(i)];
        if (!last.count(r.path))
            last[r.path] = last[parentPath(r.path)];
        const FieldAxis before = last[r.path];
        steps.push_back({i, r.name, before, r.field.h, ruleOf(r, before)});
        last[r.path] = r.field.h;
    }
    return steps;
}

Architecture featureTrunk(const Architecture &architecture)
{
    Architecture trunk;
    for (const LayerSpec &layer : architecture.layers) {
        if (layer.kind == LayerKind::Flatten)
            break;
        trunk.layers.push_back(layer);
    }
    return trunk;
}

Tensor photoInput(const Tensor &photo, const Shape &input)
{
    return prepareInput(photo, input, InputRecipe{}).value();
}

} // namespace convscope
