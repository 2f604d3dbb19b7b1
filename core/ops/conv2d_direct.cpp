// The direct kernels of conv2d, for filters that are few or see one channel each (depthwise):
// no im2col and no GEMM, only multiply-adds along output rows held in SIMD registers, summed
// over the input channels of the filter's group while the accumulators stay in registers.
//   in:  N×C×Hp×Wp (padded)   weight: K×(C/G)×K_h×K_w   out: N×K×O_h×O_w
//   out[n,k,oy,ox] = b[k] + Σ_{c,ky,kx} w[k,c,ky,kx]·x[n, g·C/G + c, oy·S_h + ky·D_h, ox·S_w + kx·D_w]
#include "core/ops/conv2d_kernels.h"
#include "core/parallel.h"

#include <algorithm>

namespace convscope::conv2d_kernels {

namespace {

// An item's multiply-adds count 8 times against the pool's threshold: one filter's rows are
// memory-bound at small K, and strided rows gather their taps, so they ran at 2 to 9 GMAC/s
// where the threshold assumes 25 to 40, and the explorer's one filter over a 512×512 RGB image
// (0.8 M multiply-adds at K = 1, or at K = 2 and stride 2) ran on one thread: K = 1 0.092 →
// 0.053 ms on two, K = 2 at stride 2 and dilation 2 0.24–0.35 → 0.137 ms.
constexpr std::int64_t kWorkScale = 8;

// The input planes of one filter: `channels` planes `stride` values apart, and its weights,
// channels×K_h×K_w.
struct Planes
{
    const float *in;
    std::int64_t stride;
    int channels;
    const float *w;
};

// One output value, the scalar way, with its window starting at input column x: the rows'
// tails, in the same order of taps as their registers.
float outputValue(const Planes &p, int wp, int kh, int kw, int dh, int dw, int x, float bias)
{
    float acc = bias;
    for (int c = 0; c < p.channels; ++c) {
        const float *w = p.w + std::int64_t(c) * kh * kw;
        const float *in = p.in + c * p.stride + x;
        for (int ky = 0; ky < kh; ++ky) {
            for (int kx = 0; kx < kw; ++kx)
                acc += w[ky * kw + kx] * in[std::int64_t(ky) * dh * wp + kx * dw];
        }
    }
    return acc;
}

// One output row at stride 1, 4 registers of pixels at a time in accumulators that stay in
// registers through all C·K_h·K_w taps: one load and one multiply-add per tap and vector,
// instead of a load and a store of the output row per tap.
void rowStride1(const Planes &p, int wp, int kh, int kw, int dh, int dw, float bias, float *dst,
                int ow)
{
    constexpr int kBlock = 4 * kLanes;
    int ox = 0;
    for (; ox + kBlock <= ow; ox += kBlock) {
        FloatV acc[4];
        for (FloatV &a : acc)
            a = FloatV{} + bias;
        for (int c = 0; c < p.channels; ++c) {
            const float *w = p.w + std::int64_t(c) * kh * kw;
            for (int ky = 0; ky < kh; ++ky) {
                const float *row = p.in + c * p.stride + std::int64_t(ky) * dh * wp + ox;
                for (int kx = 0; kx < kw; ++kx) {
                    const FloatV wv = FloatV{} + w[ky * kw + kx];
                    const float *s = row + kx * dw;
                    for (int j = 0; j < 4; ++j)
                        acc[j] += wv * loadV(s + kLanes * j);
                }
            }
        }
        for (int j = 0; j < 4; ++j)
            storeV(dst + ox + kLanes * j, acc[j]);
    }
    // The rest of the row a register at a time: a 512-pixel row leaves 8 after blocks of 24.
    for (; ox + kLanes <= ow; ox += kLanes) {
        FloatV acc = FloatV{} + bias;
        for (int c = 0; c < p.channels; ++c) {
            const float *w = p.w + std::int64_t(c) * kh * kw;
            for (int ky = 0; ky < kh; ++ky) {
                const float *row = p.in + c * p.stride + std::int64_t(ky) * dh * wp + ox;
                for (int kx = 0; kx < kw; ++kx)
                    acc += (FloatV{} + w[ky * kw + kx]) * loadV(row + kx * dw);
            }
        }
        storeV(dst + ox, acc);
    }
    for (; ox < ow; ++ox)
        dst[ox] = outputValue(p, wp, kh, kw, dh, dw, ox, bias);
}

// Two consecutive output rows with S = 1 and D_h = 1: input row r feeds tap row r of the first
// and tap row r − 1 of the second, so every vector loaded serves two multiply-adds. Three
// registers of pixels per row keep six accumulators in registers.
void rowPairStride1(const Planes &p, int wp, int kh, int kw, int dw, float bias, float *dst0,
                    float *dst1, int ow)
{
    constexpr int kBlock = 3 * kLanes;
    int ox = 0;
    for (; ox + kBlock <= ow; ox += kBlock) {
        FloatV first[3], second[3];
        for (int j = 0; j < 3; ++j)
            first[j] = second[j] = FloatV{} + bias;
        for (int c = 0; c < p.channels; ++c) {
            const float *w = p.w + std::int64_t(c) * kh * kw;
            for (int r = 0; r <= kh; ++r) {
                const float *row = p.in + c * p.stride + std::int64_t(r) * wp + ox;
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
        }
        for (int j = 0; j < 3; ++j) {
            storeV(dst0 + ox + kLanes * j, first[j]);
            storeV(dst1 + ox + kLanes * j, second[j]);
        }
    }
    if (ox < ow) {
        const Planes rest{p.in + ox, p.stride, p.channels, p.w};
        const Planes next{p.in + wp + ox, p.stride, p.channels, p.w};
        rowStride1(rest, wp, kh, kw, 1, dw, bias, dst0 + ox, ow - ox);
        rowStride1(next, wp, kh, kw, 1, dw, bias, dst1 + ox, ow - ox);
    }
}

// Two filters of a group on the same two output rows (S = 1, D_h = 1): every vector loaded
// serves both rows of both filters, four multiply-adds. Two registers of pixels per row and
// filter keep eight accumulators in registers. wb holds the second filter's weights.
void rowPairFilterPairStride1(const Planes &p, const float *wb, int wp, int kh, int kw, int dw,
                              const float bias[2], float *const dst[4], int ow)
{
    constexpr int kBlock = 2 * kLanes;
    const float *const weights[2] = {p.w, wb};
    int ox = 0;
    for (; ox + kBlock <= ow; ox += kBlock) {
        FloatV acc[4][2]; // filter a row 0, a row 1, b row 0, b row 1
        for (int f = 0; f < 2; ++f) {
            for (int j = 0; j < 2; ++j)
                acc[2 * f][j] = acc[2 * f + 1][j] = FloatV{} + bias[f];
        }
        for (int c = 0; c < p.channels; ++c) {
            for (int r = 0; r <= kh; ++r) {
                const float *row = p.in + c * p.stride + std::int64_t(r) * wp + ox;
                for (int kx = 0; kx < kw; ++kx) {
                    const float *s = row + kx * dw;
                    const FloatV v[2] = {loadV(s), loadV(s + kLanes)};
                    for (int f = 0; f < 2; ++f) {
                        const float *w = weights[f] + std::int64_t(c) * kh * kw;
                        if (r < kh) {
                            const FloatV wv = FloatV{} + w[r * kw + kx];
                            for (int j = 0; j < 2; ++j)
                                acc[2 * f][j] += wv * v[j];
                        }
                        if (r > 0) {
                            const FloatV wv = FloatV{} + w[(r - 1) * kw + kx];
                            for (int j = 0; j < 2; ++j)
                                acc[2 * f + 1][j] += wv * v[j];
                        }
                    }
                }
            }
        }
        for (int i = 0; i < 4; ++i) {
            for (int j = 0; j < 2; ++j)
                storeV(dst[i] + ox + kLanes * j, acc[i][j]);
        }
    }
    if (ox < ow) {
        const Planes a{p.in + ox, p.stride, p.channels, p.w};
        const Planes b{p.in + ox, p.stride, p.channels, wb};
        rowPairStride1(a, wp, kh, kw, dw, bias[0], dst[0] + ox, dst[1] + ox, ow - ox);
        rowPairStride1(b, wp, kh, kw, dw, bias[1], dst[2] + ox, dst[3] + ox, ow - ox);
    }
}

// The even lanes of the two registers from p: the pixels a stride of 2 reads.
inline FloatV loadEven(const float *p)
{
    const FloatV a = loadV(p), b = loadV(p + kLanes);
#ifdef __AVX__
    return __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14);
#else
    return __builtin_shufflevector(a, b, 0, 2, 4, 6);
#endif
}

// One output row at S_w = 2, 2 registers of pixels at a time: each tap loads twice the pixels
// and keeps the even ones.
void rowStride2(const Planes &p, int wp, int kh, int kw, int dh, int dw, float bias, float *dst,
                int ow)
{
    constexpr int kBlock = 2 * kLanes;
    int ox = 0;
    // The last block's odd lanes read one pixel past the last one used: stop a block early.
    for (; ox + kBlock < ow; ox += kBlock) {
        FloatV acc[2];
        for (FloatV &a : acc)
            a = FloatV{} + bias;
        for (int c = 0; c < p.channels; ++c) {
            const float *w = p.w + std::int64_t(c) * kh * kw;
            for (int ky = 0; ky < kh; ++ky) {
                const float *row = p.in + c * p.stride + std::int64_t(ky) * dh * wp + 2 * ox;
                for (int kx = 0; kx < kw; ++kx) {
                    const FloatV wv = FloatV{} + w[ky * kw + kx];
                    const float *s = row + kx * dw;
                    for (int j = 0; j < 2; ++j)
                        acc[j] += wv * loadEven(s + 2 * kLanes * j);
                }
            }
        }
        for (int j = 0; j < 2; ++j)
            storeV(dst + ox + kLanes * j, acc[j]);
    }
    for (; ox < ow; ++ox)
        dst[ox] = outputValue(p, wp, kh, kw, dh, dw, 2 * ox, bias);
}

// Any other stride: the taps are added to the output row one at a time.
void rowStrided(const Planes &p, int wp, int kh, int kw, int dh, int dw, int sw, float bias,
                float *__restrict dst, int ow)
{
    std::fill(dst, dst + ow, bias);
    for (int c = 0; c < p.channels; ++c) {
        const float *w = p.w + std::int64_t(c) * kh * kw;
        for (int ky = 0; ky < kh; ++ky) {
            for (int kx = 0; kx < kw; ++kx) {
                const float wv = w[ky * kw + kx];
                const float *s = p.in + c * p.stride + std::int64_t(ky) * dh * wp + kx * dw;
                for (int ox = 0; ox < ow; ++ox)
                    dst[ox] += wv * s[std::int64_t(ox) * sw];
            }
        }
    }
}

} // namespace

void convDirect(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                std::span<const float> bias, Tensor &out)
{
    const Geometry &g = plan.geometry;
    const int kh = g.h.kernel, kw = g.w.kernel, oh = g.h.output, ow = g.w.output;
    const int sh = g.h.stride, sw = g.w.stride, dh = g.h.dilation, dw = g.w.dilation;
    const int filtersPerGroup = plan.outputChannelsPerGroup();
    const int channels = plan.inputChannelsPerGroup();
    const std::int64_t planeStride = std::int64_t(src.hp) * src.wp;
    const bool rowPairs = sh == 1 && sw == 1 && dh == 1;
    // The work is cut into pairs of output rows of a pair of filters of one group, whatever the
    // thread count; a group's odd filter out is a pair of its own.
    const int pairsPerPlane = (oh + 1) / 2;
    const int unitsPerGroup = (filtersPerGroup + 1) / 2;
    const std::int64_t units = std::int64_t(plan.output.n) * plan.groups * unitsPerGroup;
    const std::int64_t items = units * pairsPerPlane;
    const std::int64_t perItem = 4LL * ow * kh * kw * channels * kWorkScale;
    const auto biasOf = [&](int k) {
        return bias.empty() ? 0.0f : bias[size_t(k)];
    };
    parallelFor(items, kMinMultiplyAddsPerThread / perItem + 1, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t item = begin; item < end; ++item) {
            const std::int64_t unit = item / pairsPerPlane;
            const int n = int(unit / (std::int64_t(plan.groups) * unitsPerGroup));
            const int group = int(unit / unitsPerGroup % plan.groups);
            const int first = group * filtersPerGroup + int(unit % unitsPerGroup) * 2;
            const int last = std::min(first + 2, (group + 1) * filtersPerGroup);
            const int oy = int(item % pairsPerPlane) * 2;
            const float *in = src.plane(n, group * channels);
            if (rowPairs && oy + 1 < oh && last - first == 2) {
                const Planes p{in + std::int64_t(oy) * src.wp, planeStride, channels,
                               weight.plane(first, 0)};
                const float b[2] = {biasOf(first), biasOf(first + 1)};
                float *a = out.plane(n, first) + std::int64_t(oy) * ow;
                float *c = out.plane(n, first + 1) + std::int64_t(oy) * ow;
                float *const dst[4] = {a, a + ow, c, c + ow};
                rowPairFilterPairStride1(p, weight.plane(first + 1, 0), src.wp, kh, kw, dw, b, dst,
                                         ow);
                continue;
            }
            for (int k = first; k < last; ++k) {
                const float *w = weight.plane(k, 0);
                float *dst = out.plane(n, k) + std::int64_t(oy) * ow;
                if (rowPairs && oy + 1 < oh) {
                    const Planes p{in + std::int64_t(oy) * src.wp, planeStride, channels, w};
                    rowPairStride1(p, src.wp, kh, kw, dw, biasOf(k), dst, dst + ow, ow);
                    continue;
                }
                for (int y = oy; y < std::min(oy + 2, oh); ++y, dst += ow) {
                    const Planes p{in + std::int64_t(y) * sh * src.wp, planeStride, channels, w};
                    if (sw == 1)
                        rowStride1(p, src.wp, kh, kw, dh, dw, biasOf(k), dst, ow);
                    else if (sw == 2)
                        rowStride2(p, src.wp, kh, kw, dh, dw, biasOf(k), dst, ow);
                    else
                        rowStrided(p, src.wp, kh, kw, dh, dw, sw, biasOf(k), dst, ow);
                }
            }
        }
    });
}

} // namespace convscope::conv2d_kernels
