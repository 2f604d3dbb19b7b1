// The direct depthwise kernels of conv2d: one input channel per filter, so no im2col and no
// GEMM, only multiply-adds along output rows held in SIMD registers.
//   in:  N×C×Hp×Wp (padded)   weight: K×1×K_h×K_w   out: N×K×O_h×O_w
#include "core/ops/conv2d_kernels.h"
#include "core/parallel.h"

#include <algorithm>

namespace convscope::conv2d_kernels {

namespace {

// One output row of a stride-1 depthwise filter, 4 registers of pixels at a time in accumulators
// that stay in registers through all K_h·K_w taps: one load and one multiply-add per tap and
// vector, instead of a load and a store of the output row per tap.
void depthwiseRowStride1(const float *in, int wp, const float *w, int kh, int kw, int dh, int dw,
                         float bias, float *dst, int ow)
{
    constexpr int kBlock = 4 * kLanes;
    int ox = 0;
    for (; ox + kBlock <= ow; ox += kBlock) {
        FloatV acc[4];
        for (FloatV &a : acc)
            a = FloatV{} + bias;
        for (int ky = 0; ky < kh; ++ky) {
            const float *row = in + std::int64_t(ky) * dh * wp + ox;
            for (int kx = 0; kx < kw; ++kx) {
                const FloatV wv = FloatV{} + w[ky * kw + kx];
                const float *s = row + kx * dw;
                for (int j = 0; j < 4; ++j)
                    acc[j] += wv * loadV(s + kLanes * j);
            }
        }
        for (int j = 0; j < 4; ++j)
            storeV(dst + ox + kLanes * j, acc[j]);
    }
    for (; ox < ow; ++ox) {
        float acc = bias;
        for (int ky = 0; ky < kh; ++ky) {
            for (int kx = 0; kx < kw; ++kx)
                acc += w[ky * kw + kx] * in[std::int64_t(ky) * dh * wp + ox + kx * dw];
        }
        dst[ox] = acc;
    }
}

// Two consecutive output rows of a depthwise filter with S = 1 and D_h = 1: input row r feeds
// tap row r of the first and tap row r − 1 of the second, so every vector loaded serves two
// multiply-adds. Three registers of pixels per row keep six accumulators in registers.
void depthwiseRowPairStride1(const float *in, int wp, const float *w, int kh, int kw, int dw,
                             float bias, float *dst0, float *dst1, int ow)
{
    constexpr int kBlock = 3 * kLanes;
    int ox = 0;
    for (; ox + kBlock <= ow; ox += kBlock) {
        FloatV first[3], second[3];
        for (int j = 0; j < 3; ++j)
            first[j] = second[j] = FloatV{} + bias;
        for (int r = 0; r <= kh; ++r) {
            const float *row = in + std::int64_t(r) * wp + ox;
            for (int kx = 0; kx < kw; ++kx) {
                const float *s = row + kx * dw;
                const FloatV v[3] = {loadV(s), loadV(s + kLanes), loadV(s + 2 * kLanes)};
                if (r < kh) {
                    const FloatV wv = FloatV{} + w[r * kw + kx];
                    for (int j = 0; j < 3; ++j)
                        first[j] += wv * v[j];
                }
                if (r > 0) {
                    const FloatV wv = FloatV{} + w[(r - 1) * kw + kx];
                    for (int j = 0; j < 3; ++j)
                        second[j] += wv * v[j];
                }
            }
        }
        for (int j = 0; j < 3; ++j) {
            storeV(dst0 + ox + kLanes * j, first[j]);
            storeV(dst1 + ox + kLanes * j, second[j]);
        }
    }
    if (ox < ow) {
        depthwiseRowStride1(in + ox, wp, w, kh, kw, 1, dw, bias, dst0 + ox, ow - ox);
        depthwiseRowStride1(in + wp + ox, wp, w, kh, kw, 1, dw, bias, dst1 + ox, ow - ox);
    }
}

// Any stride: the taps are added to the output row one at a time.
void depthwiseRowStrided(const float *in, int wp, const float *w, int kh, int kw, int dh, int dw,
                         int sw, float bias, float *__restrict dst, int ow)
{
    std::fill(dst, dst + ow, bias);
    for (int ky = 0; ky < kh; ++ky) {
        for (int kx = 0; kx < kw; ++kx) {
            const float wv = w[ky * kw + kx];
            const float *s = in + std::int64_t(ky) * dh * wp + kx * dw;
            for (int ox = 0; ox < ow; ++ox)
                dst[ox] += wv * s[std::int64_t(ox) * sw];
        }
    }
}

} // namespace

void convDepthwise(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                   std::span<const float> bias, Tensor &out)
{
    const Geometry &g = plan.geometry;
    const int kh = g.h.kernel, kw = g.w.kernel, oh = g.h.output, ow = g.w.output;
    const int sh = g.h.stride, sw = g.w.stride, dh = g.h.dilation, dw = g.w.dilation;
    const int filtersPerGroup = plan.outputChannelsPerGroup();
    const bool rowPairs = sh == 1 && sw == 1 && dh == 1;
    // The work is cut into pairs of output rows of one plane, whatever the thread count.
    const int pairsPerPlane = (oh + 1) / 2;
    const std::int64_t items = std::int64_t(plan.output.n) * plan.output.c * pairsPerPlane;
    const std::int64_t perItem = 2LL * ow * kh * kw;
    parallelFor(items, kMinMultiplyAddsPerThread / perItem + 1,
                [&](std::int64_t begin, std::int64_t end) {
                    for (std::int64_t item = begin; item < end; ++item) {
                        const std::int64_t plane = item / pairsPerPlane;
                        const int n = int(plane / plan.output.c), k = int(plane % plan.output.c);
                        const int oy = int(item % pairsPerPlane) * 2;
                        const float *in = src.plane(n, k / filtersPerGroup);
                        const float *w = weight.plane(k, 0);
                        const float b = bias.empty() ? 0.0f : bias[size_t(k)];
                        float *dst = out.plane(n, k) + std::int64_t(oy) * ow;
                        if (rowPairs && oy + 1 < oh) {
                            depthwiseRowPairStride1(in + std::int64_t(oy) * src.wp, src.wp, w, kh,
                                                    kw, dw, b, dst, dst + ow, ow);
                            continue;
                        }
                        for (int y = oy; y < std::min(oy + 2, oh); ++y, dst += ow) {
                            const float *row = in + std::int64_t(y) * sh * src.wp;
                            if (sw == 1)
                                depthwiseRowStride1(row, src.wp, w, kh, kw, dh, dw, b, dst, ow);
                            else
                                depthwiseRowStrided(row, src.wp, w, kh, kw, dh, dw, sw, b, dst, ow);
                        }
                    }
                });
}

} // namespace convscope::conv2d_kernels
