#include "pool2d.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace convscope {

WindowSpec PoolOptions::window() const
{
    WindowSpec w;
    w.kernelH = kernelH;
    w.kernelW = kernelW;
    w.strideH = strideH.value_or(kernelH);
    w.strideW = strideW.value_or(kernelW);
    w.padding = PaddingSpec::perAxis(padH, padW);
    return w;
}

Expected<Pool2dPlan> planPool2d(const Shape &input, const PoolOptions &options)
{
    if (input.n < 1 || input.c < 1)
        return makeError("input ", input.toString(), " needs at least one image of one channel");
    if (options.kernelH >= 1 && options.kernelW >= 1) {
        // PyTorch's rule: a larger padding would allow windows that see no pixel at all.
        const std::pair<int, int> axes[] = {{options.padH, options.kernelH},
                                            {options.padW, options.kernelW}};
        for (auto [pad, kernel] : axes) {
            if (pad > kernel / 2)
                return makeError("padding ", pad, " is more than half the pooling window ", kernel,
                                 ": use a padding of at most ", kernel / 2,
                                 " so that every window covers part of the image");
        }
    }
    Expected<Geometry> geometry = resolveGeometry(input.h, input.w, options.window());
    if (!geometry)
        return geometry.error();
    Pool2dPlan plan;
    plan.input = input;
    plan.output = {input.n, input.c, geometry->h.output, geometry->w.output};
    plan.geometry = *geometry;
    plan.type = options.type;
    return plan;
}

namespace {

struct Window
{
    int y0, y1, x0, x1; // clipped to the image
    int divisor;        // count_include_pad: the window as it lies over the padded input
};

Window windowAt(const Geometry &g, int oy, int ox)
{
    const int ys = oy * g.h.stride - g.h.padBegin;
    const int xs = ox * g.w.stride - g.w.padBegin;
    const int ye = std::min(ys + g.h.kernel, g.h.input + g.h.padEnd);
    const int xe = std::min(xs + g.w.kernel, g.w.input + g.w.padEnd);
    return {std::max(ys, 0), std::min(ye, g.h.input), std::max(xs, 0), std::min(xe, g.w.input),
            (ye - ys) * (xe - xs)};
}

} // namespace

// Max:     y[n,c,oy,ox] = max over the window of x (padding = −∞), argmax = its index y·W + x
// Average: y[n,c,oy,ox] = Σ over the window of x / (K_h·K_w)
PoolResult pool2d(const Pool2dPlan &plan, const Tensor &input)
{
    if (input.shape() != plan.input)
        throw std::invalid_argument("pool2d: input does not match the plan it was run with");
    const Geometry &g = plan.geometry;
    const int width = plan.input.w;
    PoolResult result{Tensor(plan.output), {}};
    const bool isMax = plan.type == PoolType::Max;
    if (isMax)
        result.argmax.resize(size_t(plan.output.count()));
    std::int64_t index = 0;
    for (int n = 0; n < plan.output.n; ++n) {
        for (int c = 0; c < plan.output.c; ++c) {
            const float *in = input.plane(n, c);
            float *out = result.output.plane(n, c);
            for (int oy = 0; oy < g.h.output; ++oy) {
                for (int ox = 0; ox < g.w.output; ++ox, ++index) {
                    const Window win = windowAt(g, oy, ox);
                    if (isMax) {
                        float best = -std::numeric_limits<float>::infinity();
                        std::int64_t bestIndex = std::int64_t(win.y0) * width + win.x0;
                        for (int y = win.y0; y < win.y1; ++y) {
                            for (int x = win.x0; x < win.x1; ++x) {
                                const float v = in[std::int64_t(y) * width + x];
                                if (v > best || std::isnan(v)) {
                                    best = v;
                                    bestIndex = std::int64_t(y) * width + x;
                                }
                            }
                        }
                        out[oy * g.w.output + ox] = best;
                        result.argmax[size_t(index)] = bestIndex;
                    } else {
                        double sum = 0.0;
                        for (int y = win.y0; y < win.y1; ++y) {
                            for (int x = win.x0; x < win.x1; ++x)
                                sum += in[std::int64_t(y) * width + x];
                        }
                        out[oy * g.w.output + ox] = float(sum / win.divisor);
                    }
                }
            }
        }
    }
    return result;
}

// Max:     dX[n, c, argmax[n, c, oy, ox]] += dY[n, c, oy, ox]
// Average: dX[n, c, y, x] += dY[n, c, oy, ox] / (K_h·K_w) over the window; the share that fell
//          on padding cells is dropped, as the padding is no input
void pool2dBackward(const Pool2dPlan &plan, std::span<const std::int64_t> argmax,
                    const Tensor &gradOutput, Tensor &gradInput)
{
    const bool isMax = plan.type == PoolType::Max;
    if (gradOutput.shape() != plan.output
        || (isMax && argmax.size() != size_t(plan.output.count())))
        throw std::invalid_argument("pool2dBackward: tensors do not match the plan");
    const Geometry &g = plan.geometry;
    const int width = plan.input.w;
    gradInput.reshape(plan.input);
    std::fill(gradInput.values().begin(), gradInput.values().end(), 0.0f);
    std::int64_t index = 0;
    for (int n = 0; n < plan.output.n; ++n) {
        for (int c = 0; c < plan.output.c; ++c) {
            const float *dy = gradOutput.plane(n, c);
            float *dx = gradInput.plane(n, c);
            for (int oy = 0; oy < g.h.output; ++oy) {
                for (int ox = 0; ox < g.w.output; ++ox, ++index) {
                    const float d = dy[oy * g.w.output + ox];
                    if (isMax) {
                        dx[argmax[size_t(index)]] += d;
                        continue;
                    }
                    const Window win = windowAt(g, oy, ox);
                    const float share = d / float(win.divisor);
                    for (int y = win.y0; y < win.y1; ++y) {
                        for (int x = win.x0; x < win.x1; ++x)
                            dx[std::int64_t(y) * width + x] += share;
                    }
                }
            }
        }
    }
}

} // namespace convscope
