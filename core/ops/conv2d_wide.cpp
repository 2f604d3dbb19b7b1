// The wide column layout of a stride-1 convolution, for conv2d.cpp's GEMMs. Each output row
// gets W_p columns instead of O_w, the last (K_w − 1)·D_w of them unused. Then the im2col row
// r = (c, k_y, k_x) of a run of output rows is one contiguous stretch of the padded plane c,
// shifted by k_y·D_h·W_p + k_x·D_w: a single copy instead of one per output row, and col2im is
// a single addition of a stretch. The unused columns are wasted multiply-adds; takesWideColumns
// takes the layout where that waste costs less than the copies it saves.
//   cols[(c·K_h + k_y)·K_w + k_x, (n, o_y, x)] = x_p[n, g·C_g + c, o_y + k_y·D_h, x + k_x·D_w]
//   for x in [0, W_p); columns with x ≥ O_w are never read back.
#include "core/ops/conv2d_kernels.h"

#include <algorithm>

namespace convscope::conv2d_kernels {

namespace {

// Calls f(n, o_y, run, column) for each run of output rows [first, first + count) that lies in
// one image; column is the run's first column in the block.
template<typename F>
void forEachImageRun(const Conv2dPlan &plan, int wp, std::int64_t first, std::int64_t count, F &&f)
{
    const int oh = plan.output.h;
    for (std::int64_t q = first; q < first + count;) {
        const int n = int(q / oh);
        const int oy = int(q % oh);
        const int run = int(std::min<std::int64_t>(oh - oy, first + count - q));
        f(n, oy, run, (q - first) * wp);
        q += run;
    }
}

// The stretch of a plane (hp·wp values from `plane`) that row r = (k_y, k_x) of a run of
// output rows reads: from `offset`, `length` values, cut at the plane's end (the cut values
// belong only to unused columns).
std::int64_t stretchLength(const Source &layout, std::int64_t offset, int run)
{
    return std::min<std::int64_t>(std::int64_t(run) * layout.wp,
                                  std::int64_t(layout.hp) * layout.wp - offset);
}

} // namespace

bool takesWideColumns(const Conv2dPlan &plan)
{
    const Geometry &g = plan.geometry;
    if (g.h.stride != 1 || g.w.stride != 1)
        return false;
    const int unused = g.w.paddedInput() - plan.output.w;
    return unused * kWideWasteDivisor <= plan.output.w;
}

void im2colWide(const Conv2dPlan &plan, const Source &src, int group, std::int64_t first,
                std::int64_t count, float *cols)
{
    const Geometry &g = plan.geometry;
    const int kh = g.h.kernel, kw = g.w.kernel;
    const int channels = plan.inputChannelsPerGroup();
    const std::int64_t ld = count * src.wp;
    forEachImageRun(plan, src.wp, first, count, [&](int n, int oy, int run, std::int64_t column) {
        for (int c = 0; c < channels; ++c) {
            const float *plane = src.plane(n, group * channels + c);
            for (int ky = 0; ky < kh; ++ky) {
                for (int kx = 0; kx < kw; ++kx) {
                    const std::int64_t offset = std::int64_t(oy + ky * g.h.dilation) * src.wp
                                                + kx * g.w.dilation;
                    const std::int64_t length = stretchLength(src, offset, run);
                    float *d = cols + (std::int64_t(c * kh + ky) * kw + kx) * ld + column;
                    std::memcpy(d, plane + offset, size_t(length) * sizeof(float));
                    std::fill(d + length, d + std::int64_t(run) * src.wp, 0.0f);
                }
            }
        }
    });
}

void col2imWide(const Conv2dPlan &plan, const Source &layout, int group, std::int64_t first,
                std::int64_t count, const float *cols, float *grad)
{
    const Geometry &g = plan.geometry;
    const int kh = g.h.kernel, kw = g.w.kernel;
    const int channels = plan.inputChannelsPerGroup();
    const int wp = layout.wp;
    const std::int64_t ld = count * wp;
    const std::int64_t planeValues = std::int64_t(layout.hp) * wp;
    forEachImageRun(plan, wp, first, count, [&](int n, int oy, int run, std::int64_t column) {
        for (int c = 0; c < channels; ++c) {
            float *plane = grad
                           + (std::int64_t(n) * layout.channels + group * channels + c)
                                 * planeValues;
            for (int ky = 0; ky < kh; ++ky) {
                for (int kx = 0; kx < kw; ++kx) {
                    const std::int64_t offset = std::int64_t(oy + ky * g.h.dilation) * wp
                                                + kx * g.w.dilation;
                    const std::int64_t length = stretchLength(layout, offset, run);
                    const float *s = cols + (std::int64_t(c * kh + ky) * kw + kx) * ld + column;
                    float *d = plane + offset;
                    std::int64_t i = 0;
                    for (; i + kLanes <= length; i += kLanes)
                        storeV(d + i, loadV(d + i) + loadV(s + i));
                    for (; i < length; ++i)
                        d[i] += s[i];
                }
            }
        }
    });
}

void scatterWide(const Conv2dPlan &plan, int wp, int group, std::int64_t first, std::int64_t count,
                 int firstFilter, int filters, const float *product, std::span<const float> bias,
                 Tensor &out)
{
    const int ow = plan.output.w;
    const std::int64_t ld = count * wp;
    forEachImageRun(plan, wp, first, count, [&](int n, int oy, int run, std::int64_t column) {
        for (int k = 0; k < filters; ++k) {
            const int channel = group * plan.outputChannelsPerGroup() + firstFilter + k;
            const float b = bias.empty() ? 0.0f : bias[size_t(channel)];
            float *dst = out.plane(n, channel) + std::int64_t(oy) * ow;
            const float *r = product + std::int64_t(k) * ld + column;
            for (int y = 0; y < run; ++y, dst += ow, r += wp) {
                for (int x = 0; x < ow; ++x)
                    dst[x] = r[x] + b;
            }
        }
    });
}

void gatherWide(const Conv2dPlan &plan, int wp, int group, std::int64_t first, std::int64_t count,
                const Tensor &gradOutput, float *product)
{
    const int ow = plan.output.w;
    const int filters = plan.outputChannelsPerGroup();
    const std::int64_t ld = count * wp;
    forEachImageRun(plan, wp, first, count, [&](int n, int oy, int run, std::int64_t column) {
        for (int k = 0; k < filters; ++k) {
            const float *src = gradOutput.plane(n, group * filters + k) + std::int64_t(oy) * ow;
            float *d = product + std::int64_t(k) * ld + column;
            for (int y = 0; y < run; ++y, src += ow, d += wp) {
                std::memcpy(d, src, size_t(ow) * sizeof(float));
                std::fill(d + ow, d + wp, 0.0f);
            }
        }
    });
}

} // namespace convscope::conv2d_kernels
