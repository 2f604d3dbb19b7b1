#pragma once

// What the convolution's kernels share between conv2d.cpp (plan, im2col/col2im, forward,
// backward) and conv2d_direct.cpp (the direct kernels): the padded input as they
// read it, the SIMD vector type and the work below which a thread does not pay. Not part of
// the core's interface.

#include "core/ops/conv2d.h"
#include "core/parallel.h"

#include <algorithm>
#include <cstring>
#include <vector>

#ifdef __SSE__
#include <immintrin.h>
#endif

namespace convscope::conv2d_kernels {

// Below this much work per thread, starting a thread costs more than it saves.
constexpr std::int64_t kMinMultiplyAddsPerThread = std::int64_t(1) << 20;
// And below this many values copied per thread (padding the input, folding its gradient back).
constexpr std::int64_t kMinCopiedValuesPerThread = std::int64_t(1) << 16;

// The kernels' scratch `buffer` with room for `values` floats, grown but never shrunk:
// resize zero-fills what it grows by, and a buffer that one layer shrank and the next grew
// again was zero-filled on every call, megabytes a layer (3 % of mini-resnet's training step).
// What it holds is stale; the kernels write every value they read.
inline float *reuse(std::vector<float> &buffer, std::int64_t values)
{
    if (buffer.size() < size_t(values))
        buffer.resize(size_t(values));
    return buffer.data();
}

struct Source
{
    const float *data; // N×C×Hp×Wp
    int channels;
    int hp;
    int wp;

    const float *plane(int n, int c) const
    {
        return data + (std::int64_t(n) * channels + c) * hp * wp;
    }
};

// One SIMD register of floats (GCC/Clang vector extension): AVX in the AVX2 build, SSE in the
// portable one.
#ifdef __AVX__
typedef float FloatV __attribute__((vector_size(32)));
#else
typedef float FloatV __attribute__((vector_size(16)));
#endif
constexpr int kLanes = int(sizeof(FloatV) / sizeof(float));

inline FloatV loadV(const float *p)
{
    FloatV v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void storeV(float *p, FloatV v)
{
    std::memcpy(p, &v, sizeof v);
}

// *p in every lane, loaded straight into the register (vbroadcastss).
inline FloatV broadcast(const float *p)
{
#if defined(__AVX__)
    return _mm256_broadcast_ss(p);
#elif defined(__SSE__)
    return _mm_load1_ps(p);
#else
    return FloatV{} + *p;
#endif
}

// acc[f·V + i] += Σ_r packed[r·rowStep + f] · s_i[offsets[r]] for r in [0, rows), f < 4,
// i < V ≤ 3:
// the register tile of conv2d_implicit.cpp (s_i V vectors of a run of wide pixels),
// conv2d_lanes_input.cpp (V cells of kLanes images) and conv2d_winograd.cpp (V vectors of
// tiles). At V = 3, the 12 accumulators, the 3 input vectors and a broadcast filter value are 16
// of the 16 AVX registers. The sums are named one by one: held in an array, GCC kept a copy of
// it on the stack and stored all twelve on every step, which halved the speed. Without
// Accumulate, acc is overwritten, and need not be zeroed first.
template<int V, bool Accumulate = true>
inline void tile4x(const float *packed, const float *s0, const float *s1, const float *s2,
                   const std::int64_t *offsets, int rows, FloatV *acc, std::int64_t rowStep = 4)
{
    static_assert(V >= 1 && V <= 3, "tile4x holds 1 to 3 vectors of 4 filters");
    FloatV c00 = {}, c01 = {}, c02 = {}, c10 = {}, c11 = {}, c12 = {};
    FloatV c20 = {}, c21 = {}, c22 = {}, c30 = {}, c31 = {}, c32 = {};
    for (int r = 0; r < rows; ++r) {
        const std::int64_t at = offsets[r];
        const FloatV x0 = loadV(s0 + at);
        const FloatV x1 = V > 1 ? loadV(s1 + at) : FloatV{};
        const FloatV x2 = V > 2 ? loadV(s2 + at) : FloatV{};
        const float *w = packed + r * rowStep;
        FloatV a = broadcast(w);
        c00 = a * x0 + c00;
        if constexpr (V > 1)
            c01 = a * x1 + c01;
        if constexpr (V > 2)
            c02 = a * x2 + c02;
        a = broadcast(w + 1);
        c10 = a * x0 + c10;
        if constexpr (V > 1)
            c11 = a * x1 + c11;
        if constexpr (V > 2)
            c12 = a * x2 + c12;
        a = broadcast(w + 2);
        c20 = a * x0 + c20;
        if constexpr (V > 1)
            c21 = a * x1 + c21;
        if constexpr (V > 2)
            c22 = a * x2 + c22;
        a = broadcast(w + 3);
        c30 = a * x0 + c30;
        if constexpr (V > 1)
            c31 = a * x1 + c31;
        if constexpr (V > 2)
            c32 = a * x2 + c32;
    }
    const FloatV sums[] = {c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32};
    for (int f = 0; f < 4; ++f) {
        for (int i = 0; i < V; ++i)
            acc[f * V + i] = Accumulate ? acc[f * V + i] + sums[f * 3 + i] : sums[f * 3 + i];
    }
}

// The dW tile of conv2d_lanes_input.cpp:
// acc[f·3 + j] += Σ_q dy_f[q·kLanes] · x_j[windows[q]] over q in [0, cells): 4 filters × 3
// rows of the windows, each sum a vector of kLanes images' terms.
inline void lanesGradTile(const float *const (&dy)[4], const float *const (&x)[3],
                          const std::int64_t *windows, std::int64_t cells, FloatV *acc)
{
    FloatV c00 = acc[0], c01 = acc[1], c02 = acc[2], c10 = acc[3], c11 = acc[4], c12 = acc[5];
    FloatV c20 = acc[6], c21 = acc[7], c22 = acc[8], c30 = acc[9], c31 = acc[10], c32 = acc[11];
    for (std::int64_t q = 0; q < cells; ++q) {
        const std::int64_t w = windows[q];
        const FloatV x0 = loadV(x[0] + w), x1 = loadV(x[1] + w), x2 = loadV(x[2] + w);
        FloatV d = loadV(dy[0] + q * kLanes);
        c00 = d * x0 + c00, c01 = d * x1 + c01, c02 = d * x2 + c02;
        d = loadV(dy[1] + q * kLanes);
        c10 = d * x0 + c10, c11 = d * x1 + c11, c12 = d * x2 + c12;
        d = loadV(dy[2] + q * kLanes);
        c20 = d * x0 + c20, c21 = d * x1 + c21, c22 = d * x2 + c22;
        d = loadV(dy[3] + q * kLanes);
        c30 = d * x0 + c30, c31 = d * x1 + c31, c32 = d * x2 + c32;
    }
    const FloatV sums[] = {c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32};
    std::copy(std::begin(sums), std::end(sums), acc);
}

// Which k of the kernel reach dY from a tile's cells along one axis, in conv2d_lanes.cpp's dX:
// o = (i + P − k·D) / S a whole number in [0, O) for one of the cells i = first + j·S,
// j < cells. They are every step-th k (step = S / gcd(S, D)), and the cells of a tile read
// neighbouring cells of dY.
struct Taps
{
    int first;
    int last; // inclusive; last < first when none does
    int step;

    int count() const { return last < first ? 0 : (last - first) / step + 1; }
};

// The dX tile of conv2d_lanes.cpp, 6 channels × 2 cells, over the taps (k_y, k_x) of `rows`
// and `columns` and the filters k in order:
//   acc[j·2 + i] = Σ_(k_y, k_x, k) w[k_y·wyStride + k_x·6 + k·wkStride + j]
//                  · t[k·kLanes − n_y·yStep − n_x·xStep + i·cellStride]
// with n_y, n_x the taps' indices in their ranges. The sums are named one by one so that GCC
// keeps them in registers (see tile4x). The filters are the inner loop: a strided plan's tile
// has one or two taps along an axis, a loop over them was mostly overhead.
inline void lanesGradInputTile(const float *t, std::int64_t cellStride, std::int64_t yStep,
                               std::int64_t xStep, const float *w, std::int64_t wkStride,
                               int wyStride, int filters, Taps rows, Taps columns, FloatV *acc)
{
    FloatV a0 = {}, a1 = {}, b0 = {}, b1 = {}, c0 = {}, c1 = {};
    FloatV d0 = {}, d1 = {}, e0 = {}, e1 = {}, f0 = {}, f1 = {};
    const float *row = t;
    for (int ky = rows.first; ky <= rows.last; ky += rows.step, row -= yStep) {
        const float *column = row;
        for (int kx = columns.first; kx <= columns.last; kx += columns.step, column -= xStep) {
            const float *s = column;
            const float *v = w + ky * wyStride + kx * 6;
            for (int k = 0; k < filters; ++k, s += kLanes, v += wkStride) {
                const FloatV x0 = loadV(s), x1 = loadV(s + cellStride);
                FloatV a = broadcast(v);
                a0 = a * x0 + a0, a1 = a * x1 + a1;
                a = broadcast(v + 1);
                b0 = a * x0 + b0, b1 = a * x1 + b1;
                a = broadcast(v + 2);
                c0 = a * x0 + c0, c1 = a * x1 + c1;
                a = broadcast(v + 3);
                d0 = a * x0 + d0, d1 = a * x1 + d1;
                a = broadcast(v + 4);
                e0 = a * x0 + e0, e1 = a * x1 + e1;
                a = broadcast(v + 5);
                f0 = a * x0 + f0, f1 = a * x1 + f1;
            }
        }
    }
    const FloatV sums[] = {a0, a1, b0, b1, c0, c1, d0, d1, e0, e1, f0, f1};
    std::copy(std::begin(sums), std::end(sums), acc);
}

#ifdef CONVSCOPE_AVX512
// tile4x<V, false> for V = 3 to 6 vectors side by side in memory (s_i = s + i·kLanes), on
// 512-bit registers, with the same results (conv2d_tile512.cpp).
void tile4xWide(int vectors, const float *packed, const float *s, const std::int64_t *offsets,
                int rows, float *acc, std::int64_t rowStep);
// The dW tiles of conv2d_lanes_input.cpp (lanesGradTile) and conv2d_implicit.cpp on 512-bit
// registers, their sums for 8 filters and 4 rows of the windows at once, with the same results:
//   acc[f·4 + j] += Σ_t dY(f)[t] · x_j[windows[t]] over the vectors t in [0, cells)
// for 8 filters in four pairs, pair p's vector t at pairs[p][t·2·kLanes] with its second
// filter's kLanes values beside its first's (conv2d_tile512.cpp).
void gradTileWide(const float *const (&pairs)[4], const float *const (&x)[4],
                  const std::int64_t *windows, std::int64_t cells, FloatV *acc);
// lanesGradInputTile on 512-bit registers, a tile's two cells side by side in each, for one or
// two tiles at t[0] and t[1] that share their taps and so their filter values, with the same
// results: acc[tile·12 + j·2 + i] (conv2d_tile512.cpp).
void lanesGradInputTileWide(int tiles, const float *const (&t)[2], std::int64_t cellStride,
                            std::int64_t yStep, std::int64_t xStep, const float *w,
                            std::int64_t wkStride, int wyStride, int filters, Taps rows,
                            Taps columns, FloatV *acc);
#endif

// The filters of each group in blocks of 4, tile4x's, each block row by row:
// packed[g][block][r][f] = W[g·K_g + block·4 + f, r], r over C_g·K_h·K_w, and zero for the
// filters past the group's last (conv2d_implicit.cpp).
std::vector<float> packFilterBlocks(const Conv2dPlan &plan, const Tensor &weight);

// Where row r = (c, k_y, k_x) of a window starts in the padded input, from channel g·C_g:
// c·Hp·Wp + k_y·D_h·Wp + k_x·D_w (conv2d_implicit.cpp).
std::vector<std::int64_t> windowOffsets(const Conv2dPlan &plan, const Source &src);

// out[j·stride + i] = rows[i][j] for i, j < kLanes: kLanes values of kLanes rows turned into
// kLanes vectors with a row in each lane, in registers. The lanes layouts move every value of a
// map this way, a vector at a time; a lane at a time it cost as much as 8 multiply-adds.
#ifdef __AVX__
inline void transposeLanes(const FloatV *r, float *out, std::int64_t stride)
{
    FloatV t[8], u[8];
    for (int i = 0; i < 8; i += 2) {
        t[i] = __builtin_shufflevector(r[i], r[i + 1], 0, 8, 1, 9, 4, 12, 5, 13);
        t[i + 1] = __builtin_shufflevector(r[i], r[i + 1], 2, 10, 3, 11, 6, 14, 7, 15);
    }
    for (int i = 0; i < 8; i += 4) {
        u[i] = __builtin_shufflevector(t[i], t[i + 2], 0, 1, 8, 9, 4, 5, 12, 13);
        u[i + 1] = __builtin_shufflevector(t[i], t[i + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        u[i + 2] = __builtin_shufflevector(t[i + 1], t[i + 3], 0, 1, 8, 9, 4, 5, 12, 13);
        u[i + 3] = __builtin_shufflevector(t[i + 1], t[i + 3], 2, 3, 10, 11, 6, 7, 14, 15);
    }
    for (int j = 0; j < 4; ++j) {
        storeV(out + j * stride, __builtin_shufflevector(u[j], u[j + 4], 0, 1, 2, 3, 8, 9, 10, 11));
        storeV(out + (j + 4) * stride,
               __builtin_shufflevector(u[j], u[j + 4], 4, 5, 6, 7, 12, 13, 14, 15));
    }
}
#endif

inline void transposeLanes(const float *const *rows, float *out, std::int64_t stride = kLanes)
{
#ifdef __AVX__
    FloatV r[8];
    for (int i = 0; i < 8; ++i)
        r[i] = loadV(rows[i]);
    transposeLanes(r, out, stride);
#else
    const FloatV r0 = loadV(rows[0]), r1 = loadV(rows[1]), r2 = loadV(rows[2]), r3 = loadV(rows[3]);
    const FloatV t0 = __builtin_shufflevector(r0, r1, 0, 4, 1, 5);
    const FloatV t1 = __builtin_shufflevector(r0, r1, 2, 6, 3, 7);
    const FloatV t2 = __builtin_shufflevector(r2, r3, 0, 4, 1, 5);
    const FloatV t3 = __builtin_shufflevector(r2, r3, 2, 6, 3, 7);
    storeV(out, __builtin_shufflevector(t0, t2, 0, 1, 4, 5));
    storeV(out + stride, __builtin_shufflevector(t0, t2, 2, 3, 6, 7));
    storeV(out + 2 * stride, __builtin_shufflevector(t1, t3, 0, 1, 4, 5));
    storeV(out + 3 * stride, __builtin_shufflevector(t1, t3, 2, 3, 6, 7));
#endif
}

// to[i·stride + lane] = from[lane][i] for i < count: kLanes planes into one plane of vectors,
// stride floats apart; a null plane gives zeros.
inline void planesToLanes(const float *const *from, std::int64_t count, float *to,
                          std::int64_t stride = kLanes)
{
    if (count < kLanes) {
#ifdef __AVX__
        // Rows narrower than a vector (7×7 maps) are read through a mask, as a whole vector
        // would read past the row: a lane at a time, x_t of 64×64×7×7 took 0.12 ms, 0.056 now.
        static const int kMask[2 * kLanes] = {-1, -1, -1, -1, -1, -1, -1, -1};
        const __m256i mask = _mm256_loadu_si256(
            reinterpret_cast<const __m256i *>(kMask + kLanes - count));
        FloatV r[kLanes], turned[kLanes];
        for (int lane = 0; lane < kLanes; ++lane)
            r[lane] = from[lane] ? FloatV(_mm256_maskload_ps(from[lane], mask)) : FloatV{};
        transposeLanes(r, reinterpret_cast<float *>(turned), kLanes);
        for (std::int64_t i = 0; i < count; ++i)
            storeV(to + i * stride, turned[i]);
#else
        for (std::int64_t i = 0; i < count; ++i) {
            for (int lane = 0; lane < kLanes; ++lane)
                to[i * stride + lane] = from[lane] ? from[lane][i] : 0.0f;
        }
#endif
        return;
    }
    static const float zeros[kLanes] = {};
    const float *rows[kLanes];
    // A row's last block overlaps the one before it and writes some cells again: with a scalar
    // tail instead, x_t of 64×16×28×28 took 0.155 ms (0.104 now) and of 64×32×14×14 0.130
    // (0.064 now), on one thread.
    for (std::int64_t i = 0; i < count; i += kLanes) {
        const std::int64_t at = std::min(i, count - kLanes);
        for (int lane = 0; lane < kLanes; ++lane)
            rows[lane] = from[lane] ? from[lane] + at : zeros;
        transposeLanes(rows, to + at * stride, stride);
    }
}

// to[lane][i] = from[i·kLanes + lane] for i < count, for the lanes whose plane is not null.
inline void lanesToPlanes(const float *from, std::int64_t count, float *const *to)
{
    if (count < kLanes) {
        for (std::int64_t i = 0; i < count; ++i) {
            for (int lane = 0; lane < kLanes; ++lane) {
                if (to[lane])
                    to[lane][i] = from[i * kLanes + lane];
            }
        }
        return;
    }
    const float *rows[kLanes];
    float block[kLanes * kLanes];
    for (std::int64_t i = 0; i < count; i += kLanes) {
        const std::int64_t at = std::min(i, count - kLanes); // as planesToLanes' last block
        for (int cell = 0; cell < kLanes; ++cell)
            rows[cell] = from + (at + cell) * kLanes;
        transposeLanes(rows, block);
        for (int lane = 0; lane < kLanes; ++lane) {
            if (to[lane])
                storeV(to[lane] + at, loadV(block + lane * kLanes));
        }
    }
}

// Up to this many filters a group, on output rows at least this wide, the direct kernels beat
// im2col and the GEMM: each output value is C·K_h·K_w multiply-adds in registers, where im2col
// would first copy as many values. On narrower rows (LeNet's 28) the GEMM's batch-wide columns
// win. Depthwise filters always take them. From 3 filters, the implicit tiles (4 filters × 24
// pixels) or the GEMM reuse each input load more: on a 512×512 RGB image, 4 filters of 11×11
// took 6.7 ms direct against 3.8–4.0 on the tiles, 8 filters 10.7–12.7 against 7.8–10.1, and 8
// at stride 2 11.8–12.0 against 4.3–4.7 on the GEMM; 2 filters, 2.7–3.3 against 3.7–4.0.
constexpr int kDirectFiltersPerGroup = 2;
constexpr int kDirectMinOutputWidth = 64;

inline bool takesDirectKernels(const Conv2dPlan &plan)
{
    const bool depthwise = plan.inputChannelsPerGroup() == 1 && plan.outputChannelsPerGroup() == 1;
    return depthwise
           || (plan.outputChannelsPerGroup() <= kDirectFiltersPerGroup
               && plan.output.w >= kDirectMinOutputWidth);
}

// Direct, for few filters a group (the explorer's one filter over an RGB image) or depthwise:
//   out[n,k,oy,ox] = b[k] + Σ_{c,ky,kx} w[k,c,ky,kx]·x[n, g·C/G + c, oy·S_h + ky·D_h, ox·S_w + kx·D_w]
// with g = k / (K/G); src is the padded input N×C×Hp×Wp, weight K×(C/G)×K_h×K_w,
// out N×K×O_h×O_w.
void convDirect(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                std::span<const float> bias, Tensor &out);

// The wide column layout of conv2d_wide.cpp: stride 1, and at most one unused column in
// kWideWasteDivisor used ones. Its GEMM blocks run over output rows (n, o_y) of the batch,
// [first, first + count), W_p columns each; product and cols have count·W_p columns.
constexpr int kWideWasteDivisor = 4;
bool takesWideColumns(const Conv2dPlan &plan);
void im2colWide(const Conv2dPlan &plan, const Source &src, int group, std::int64_t first,
                std::int64_t count, float *cols);
// The adjoint: adds cols back into grad, laid out as `layout`; unused columns must be zero.
void col2imWide(const Conv2dPlan &plan, const Source &layout, int group, std::int64_t first,
                std::int64_t count, const float *cols, float *grad);
// The GEMM's product rows (filters [firstFilter, firstFilter + filters) of the group) plus the
// bias into the NCHW output.
void scatterWide(const Conv2dPlan &plan, int wp, int group, std::int64_t first, std::int64_t count,
                 int firstFilter, int filters, const float *product, std::span<const float> bias,
                 Tensor &out);
// dY of the group's filters into the layout, zero in the unused columns.
void gatherWide(const Conv2dPlan &plan, int wp, int group, std::int64_t first, std::int64_t count,
                const Tensor &gradOutput, float *product);

// The plans conv2d_implicit.cpp computes, forward pass, dX and dW: stride 1, at least 16 values
// a filter, not the direct kernels', and few enough wide columns computed for nothing.
bool takesImplicit(const Conv2dPlan &plan);
// The forward pass of the wide layout reading the padded input in place (conv2d_implicit.cpp).
// Its last tile of an image reads up to implicitSlack(plan) floats past the padded input, which
// src must hold (their values only reach columns that are dropped).
int implicitSlack(const Conv2dPlan &plan);
void convImplicit(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                  std::span<const float> bias, Tensor &out);
// dW and db (gradBias null without a bias) of group `group` over images [firstImage,
// firstImage + images), K_g × C_g·K_h·K_w, read against the padded input in place (src needs
// implicitSlack). A block of images takes implicitGradPixels(plan, W_p) columns an image.
std::int64_t implicitGradPixels(const Conv2dPlan &plan, int wp);
void implicitGradWeight(const Conv2dPlan &plan, const Source &src, int group, int firstImage,
                        int images, const Tensor &gradOutput, float *gradWeight, float *gradBias);
// The multiply-adds convImplicit computes for a plan, the unused filters of its last block and
// the unused columns of its tiles included.
std::int64_t implicitMultiplyAdds(const Conv2dPlan &plan);

// The calling thread's buffers of the lanes layouts (conv2d_lanes.cpp), kept between calls:
// fresh buffers of megabytes on every call cost more in page faults than a small convolution
// costs to compute. One kernel uses them at a time.
struct LaneBuffers
{
    std::vector<float> first;
    std::vector<float> second;
};
LaneBuffers &laneBuffers();

// Calls f(bc, planes) for every batch b of kLanes images and channel c of a tensor of shape s
// laid out at data, in parallel, with bc = b·C + c and planes[lane] the plane (n = b·kLanes +
// lane, c), null past the last image. Each call moves about `values` values.
template<typename T, typename F>
void forEachLanesMap(const Shape &s, T *data, std::int64_t values, F &&f)
{
    const int batches = (s.n + kLanes - 1) / kLanes;
    const std::int64_t plane = s.planeSize();
    parallelFor(std::int64_t(batches) * s.c,
                kMinCopiedValuesPerThread / std::max<std::int64_t>(values, 1) + 1,
                [&](std::int64_t first, std::int64_t end) {
                    T *planes[kLanes];
                    for (std::int64_t bc = first; bc < end; ++bc) {
                        const int b = int(bc / s.c), c = int(bc % s.c);
                        for (int lane = 0; lane < kLanes; ++lane) {
                            const int n = b * kLanes + lane;
                            planes[lane] = n < s.n ? data + (std::int64_t(n) * s.c + c) * plane
                                                   : nullptr;
                        }
                        f(bc, planes);
                    }
                });
}

// The forward pass of conv2d_lanes_input.cpp, kLanes images of the batch in a vector, any
// stride, dilation and pad mode (the input unpadded: it pads as it turns it into lanes);
// lanesForwardWork is what it computes, in multiply-adds, the values it moves into and out of
// that layout counted too.
std::int64_t lanesForwardWork(const Conv2dPlan &plan);
void lanesForward(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                  std::span<const float> bias, Tensor &out);

// The values the lanes' layouts hold of a plan's padded input and of its output (x_t and y_t,
// or dY_t), a batch of kLanes images at a time: what their kernels move into and out of them.
std::int64_t lanesMovedValues(const Conv2dPlan &plan);

// x_t of conv2d_lanes_input.cpp: the input padded as the plan says, kLanes images of the batch
// in a vector, x_t[b, c, y, x, lane] = x_p[b·kLanes + lane, c, y, x] (zero past the batch), into
// `buffer`; returns where it starts.
float *inputToLanes(const Conv2dPlan &plan, const Tensor &input, std::vector<float> &buffer);

// dW (K×C_g·K_h·K_w, as the weight) and db (null without a bias) of conv2d_lanes_input.cpp, the
// images of the batch across the lanes, any stride, dilation and pad mode (the input unpadded,
// as lanesForward's); lanesGradWeightWork counts as lanesForwardWork does.
std::int64_t lanesGradWeightWork(const Conv2dPlan &plan);
void lanesGradWeight(const Conv2dPlan &plan, const Tensor &input, const Tensor &gradOutput,
                     float *gradWeight, float *gradBias);

// 1×1 filters without padding in one group, a GEMM an image (conv2d_pointwise.cpp): the
// forward pass, and dX, dW and db together (dX when gradInput is not null).
bool takesPointwise(const Conv2dPlan &plan);
void pointwiseForward(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                      std::span<const float> bias, Tensor &out);
void pointwiseBackward(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                       const Tensor &gradOutput, Tensor *gradInput, Tensor &gradWeight,
                       std::span<float> gradBias);

// Which kernel computes a plan's dW when dX does not take the GEMM path (conv2d.cpp).
enum class WeightGradKernel { Lanes, Implicit, Gemm, Pointwise };
WeightGradKernel weightGradKernel(const Conv2dPlan &plan);

// The forward pass by Winograd's F(2×2, 3×3) (conv2d_winograd.cpp): 3×3 filters, stride and
// dilation 1, one group, any pad mode (src is the padded input, followed by winogradSlack(plan)
// floats that only reach dropped values); winogradWork is what it computes, in multiply-adds,
// its transforms counted too.
bool takesWinograd(const Conv2dPlan &plan);
int winogradSlack(const Conv2dPlan &plan);
std::int64_t winogradWork(const Conv2dPlan &plan);
void winogradForward(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                     std::span<const float> bias, Tensor &out);

// U = G·W·Gᵀ of every filter and channel, as tile4x reads it: U[ξ, k, c] at
// data[ξ·pointStride + c·step + k], zero for k ≥ K up to step, a multiple of kLanes.
struct WinogradFilters
{
    const float *data;
    std::int64_t step;
    std::int64_t pointStride;
};
WinogradFilters winogradFilters(const Conv2dPlan &plan, const Tensor &weight,
                                std::vector<float> &packed);

// Winograd's forward pass with kLanes images of the batch in a vector
// (conv2d_winograd_lanes.cpp), for the plans takesWinograd takes, the input unpadded (it pads as
// it turns it into lanes); lanesWinogradWork counts as winogradWork does, the lanes past the
// batch and the values moved into and out of the layout too.
std::int64_t lanesWinogradWork(const Conv2dPlan &plan);
void lanesWinogradForward(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                          std::span<const float> bias, Tensor &out);

// Which kernel computes a plan's forward pass (conv2d.cpp).
enum class ForwardKernel { Direct, Lanes, Winograd, LanesWinograd, Implicit, Gemm, Pointwise };
ForwardKernel forwardKernel(const Conv2dPlan &plan);

// Which kernel computes a plan's dX (conv2d.cpp): conv2d_lanes.cpp's, winogradForward,
// lanesWinogradForward or convImplicit over dY, the GEMM's Wᵀ·dY and col2im, or
// pointwiseBackward's.
enum class GradInputKernel { Lanes, Winograd, LanesWinograd, Implicit, Gemm, Pointwise };
GradInputKernel gradInputKernel(const Conv2dPlan &plan);

// dX of the plans conv2d_lanes.cpp takes (zero padding, and a kernel whose taps reach every
// phase of the stride), with kLanes images of the batch in a vector; lanesGradInputWork is what it
// computes, in multiply-adds, the values it moves into and out of that layout counted too.
bool takesLanes(const Conv2dPlan &plan);
std::int64_t lanesGradInputWork(const Conv2dPlan &plan);
void lanesGradInput(const Conv2dPlan &plan, const Tensor &weight, const Tensor &gradOutput,
                    Tensor &gradInput);

} // namespace convscope::conv2d_kernels
