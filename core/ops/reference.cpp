#include "core/ops/reference.h"

#include <cmath>
#include <limits>

namespace convscope {

// out[n,k,oy,ox] = b[k] + Σ_{c,ky,kx} w[k,c,ky,kx] · x[n, g·C_g + c, tap(oy,ky), tap(ox,kx)]
// with the taps and the pad mode taken from the receptive field that core/ops/geometry gives.
Tensor conv2dReference(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                       std::span<const float> bias)
{
    const Geometry &g = plan.geometry;
    const int kh = plan.weight.h, kw = plan.weight.w;
    const int channels = plan.inputChannelsPerGroup();
    const int filters = plan.outputChannelsPerGroup();
    Tensor out(plan.output);
    for (int n = 0; n < plan.output.n; ++n) {
        for (int k = 0; k < plan.output.c; ++k) {
            const int group = k / filters;
            for (int oy = 0; oy < g.h.output; ++oy) {
                for (int ox = 0; ox < g.w.output; ++ox) {
                    double sum = bias.empty() ? 0.0 : bias[size_t(k)];
                    for (const Tap &tap : receptiveField(g, oy, ox).taps) {
                        if (tap.sourceY < 0)
                            continue;
                        const int wy = plan.flipKernel ? kh - 1 - tap.ky : tap.ky;
                        const int wx = plan.flipKernel ? kw - 1 - tap.kx : tap.kx;
                        for (int c = 0; c < channels; ++c) {
                            sum += double(weight.at(k, c, wy, wx))
                                   * input.at(n, group * channels + c, tap.sourceY, tap.sourceX);
                        }
                    }
                    out.at(n, k, oy, ox) = float(sum);
                }
            }
        }
    }
    return out;
}

PoolResult pool2dReference(const Pool2dPlan &plan, const Tensor &input)
{
    const Geometry &g = plan.geometry;
    PoolResult result{Tensor(plan.output), {}};
    for (int n = 0; n < plan.output.n; ++n) {
        for (int c = 0; c < plan.output.c; ++c) {
            for (int oy = 0; oy < g.h.output; ++oy) {
                for (int ox = 0; ox < g.w.output; ++ox) {
                    double sum = 0.0;
                    float best = -std::numeric_limits<float>::infinity();
                    std::int64_t bestIndex = -1;
                    int divisor = 0; // taps on the padded input (a ceil-mode window ends past it)
                    for (const Tap &tap : receptiveField(g, oy, ox).taps) {
                        divisor += tap.y < g.h.input + g.h.padEnd && tap.x < g.w.input + g.w.padEnd;
                        if (!tap.insideImage())
                            continue;
                        const float v = input.at(n, c, tap.y, tap.x);
                        sum += v;
                        if (bestIndex < 0 || v > best || std::isnan(v)) {
                            best = v;
                            bestIndex = std::int64_t(tap.y) * plan.input.w + tap.x;
                        }
                    }
                    if (plan.type == PoolType::Max) {
                        result.output.at(n, c, oy, ox) = best;
                        result.argmax.push_back(bestIndex);
                    } else {
                        result.output.at(n, c, oy, ox) = float(sum / divisor);
                    }
                }
            }
        }
    }
    return result;
}

} // namespace convscope
