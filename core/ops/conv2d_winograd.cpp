// Winograd's minimal filtering F(2×2, 3×3) (Lavin and Gray, 2016) for the 3×3 stride-1
// convolutions of many channels: a 2×2 block of output cells (a tile) costs 16 multiply-adds a
// channel and filter instead of 36; the rest is additions, done once a tile and channel (the
// input) or once a tile and filter (the output).
//   x_p: N×C×Hp×Wp (the padded input)   W: K×C×3×3   y: N×K×O_h×O_w, O = Hp − 2
//   tiles t = (n, i, j) for i < ⌈O_h/2⌉, j < ⌈O_w/2⌉, each reading the 4×4 block
//   d = x_p[n, c, 2i .. 2i + 3, 2j .. 2j + 3] (past the padded input of an odd map, whatever
//   follows it: those cells reach only the outputs dropped)
//   U[ξ, k, c] = (G·W[k, c]·Gᵀ)[ξ]     G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1]
//   V[ξ, c, t] = (Bᵀ·d·B)[ξ]          Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1]
//   M[ξ, k, t] = Σ_c U[ξ, k, c]·V[ξ, c, t]   for the 16 points ξ, by tile4x
//   y[n, k, 2i + a, 2j + b] = bias[k] + (Aᵀ·M[·, k, t]·A)[a, b]   Aᵀ = [1 1 1 0; 0 1 −1 −1]
// With many chunks of tiles (a batch), a unit is a chunk: its V for every channel, then every
// filter over it, U made once for the call. With few (batch 1), the chunks' V are made first and
// shared, and a unit is a vector of filters: it makes their U and keeps it in the cache while
// every chunk passes. Either way, 4 filters' tiles go straight into y: M never leaves the
// registers and a small buffer. Each sum over c runs in order, whatever the units: the results
// are the same on any number of threads.
#include "core/ops/conv2d_kernels.h"

#include "core/parallel.h"

#include <algorithm>
#include <vector>

namespace convscope::conv2d_kernels {

namespace {

constexpr int kPoints = 16; // ξ, the 4×4 transformed tile
constexpr int kFilters = 4; // tile4x's
// Vectors of tiles a product call takes at most: tile4x's 3, or tile4xWide's 6 (three 512-bit
// registers) in the AVX-512 build.
#ifdef CONVSCOPE_AVX512
constexpr int kMaxVectors = 6;
#else
constexpr int kMaxVectors = 3;
#endif
// A unit's V is at most this many floats, about a quarter of a core's L2, unless a single
// group of kMaxVectors · kLanes tiles needs more.
constexpr std::int64_t kUnitValues = std::int64_t(1) << 16;
// The 16 planes of V and of U lie this many floats more than their size apart: a multiple of
// 4 KiB apart, as they often are, the 16 stores of a transform would fall in one set of the L1
// cache, which holds 8 lines.
constexpr std::int64_t kPlaneSkew = 16;
// Units enough for two threads to share evenly.
constexpr std::int64_t kMinUnits = 8;
// What the kernel costs, in multiply-adds of the other kernels, fitted to its time against
// theirs on one thread (the least of 5 runs of 20): resnet18's 64 filters on 56×56 maps at
// batch 1, 0.61 of the implicit tiles' time; its 256 on 14×14, 0.52; its 512 on 7×7, 0.66 of
// the GEMM's; mini-resnet's 16 on 28×28 at batch 64, 0.83 of the lanes'; 8 filters on 8
// channels there, 1.16, where the lanes stay. Its multiply-adds count 5/4 (tile4x sums over
// the C channels of a point, short rows beside the C·K_h·K_w of the others), a tile's
// transform 120 a channel (V) and a filter (its outputs), and a filter's U 64 a channel. In a
// network at batch 64 on two threads its padded copy of the input weighs too (the layer's
// input is no longer in the cache): 16 a value, fitted to mini-resnet's 32 filters on 14×14
// maps, 1.84–2.05 ms on Winograd against 1.61–1.67 on the lanes (bench-train --layers), which
// it counts 0.75 of the lanes' without the copy.
constexpr std::int64_t kMultiplyAddQuarters = 5;
constexpr std::int64_t kTransformCost = 120;
constexpr std::int64_t kFilterCost = 64;
constexpr std::int64_t kCopyCost = 16;

struct WinogradShape
{
    int tilesH;
    int tilesW;
    std::int64_t tiles;   // N·tilesH·tilesW
    std::int64_t vectors; // of kLanes tiles
    int chunkVectors;     // a chunk's at most, a multiple of kMaxVectors
    std::int64_t chunks;  // of as even a share of the vectors as can be
    int blocks;           // of kFilters filters
    int slices;           // of the channels, when the chunks are too few to share out (batch 1)
    std::int64_t step;    // the packed U's rows: K, rounded up to a vector
};

WinogradShape winogradShape(const Conv2dPlan &plan)
{
    WinogradShape s;
    s.tilesH = (plan.output.h + 1) / 2;
    s.tilesW = (plan.output.w + 1) / 2;
    s.tiles = std::int64_t(plan.output.n) * s.tilesH * s.tilesW;
    s.vectors = (s.tiles + kLanes - 1) / kLanes;
    const std::int64_t groupValues = std::int64_t(kPoints) * plan.input.c * kMaxVectors * kLanes;
    s.chunkVectors = int(std::max<std::int64_t>(1, kUnitValues / groupValues)) * kMaxVectors;
    s.chunks = (s.vectors + s.chunkVectors - 1) / s.chunkVectors;
    s.blocks = (plan.output.c + kFilters - 1) / kFilters;
    s.step = (plan.output.c + kLanes - 1) / kLanes * kLanes;
    s.slices = s.chunks >= kMinUnits
                   ? 1
                   : int(
                       std::min<std::int64_t>((kMinUnits + s.chunks - 1) / s.chunks, plan.input.c));
    return s;
}

// The four vectors of d·B for the kLanes tiles whose rows start at p[0], p[2], …: with
// x_q = (p[2m + q])_m, (x_0 − x_2, x_1 + x_2, x_2 − x_1, x_1 − x_3). p holds 2·kLanes + 2 floats.
inline void rowTransform(const float *p, FloatV *e)
{
    const FloatV a = loadV(p), b = loadV(p + kLanes), c = loadV(p + 2);
    const FloatV d = loadV(p + 2 + kLanes);
#ifdef __AVX__
    const FloatV x0 = __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14);
    const FloatV x1 = __builtin_shufflevector(a, b, 1, 3, 5, 7, 9, 11, 13, 15);
    const FloatV x2 = __builtin_shufflevector(c, d, 0, 2, 4, 6, 8, 10, 12, 14);
    const FloatV x3 = __builtin_shufflevector(c, d, 1, 3, 5, 7, 9, 11, 13, 15);
#else
    const FloatV x0 = __builtin_shufflevector(a, b, 0, 2, 4, 6);
    const FloatV x1 = __builtin_shufflevector(a, b, 1, 3, 5, 7);
    const FloatV x2 = __builtin_shufflevector(c, d, 0, 2, 4, 6);
    const FloatV x3 = __builtin_shufflevector(c, d, 1, 3, 5, 7);
#endif
    e[0] = x0 - x2;
    e[1] = x1 + x2;
    e[2] = x2 - x1;
    e[3] = x1 - x3;
}

// (a_0, b_0, a_1, b_1, …) into lo and hi: two outputs of kLanes tiles side by side in a row.
inline void interleave(FloatV a, FloatV b, FloatV &lo, FloatV &hi)
{
#ifdef __AVX__
    lo = __builtin_shufflevector(a, b, 0, 8, 1, 9, 2, 10, 3, 11);
    hi = __builtin_shufflevector(a, b, 4, 12, 5, 13, 6, 14, 7, 15);
#else
    lo = __builtin_shufflevector(a, b, 0, 4, 1, 5);
    hi = __builtin_shufflevector(a, b, 2, 6, 3, 7);
#endif
}

// The taps of the filters past K, which a vector of filters reads as zero.
constexpr float kZeroTaps[9] = {};

// U of filters k .. k + kLanes − 1 (zero past K) of channel c into to[ξ·pointStride], a vector
// for each point ξ: G·g·Gᵀ on the kLanes filters' taps g at once.
void transformFilterLanes(const Tensor &weight, int channels, int filters, int k, int c, float *to,
                          std::int64_t pointStride)
{
    const float *rows[kLanes];
    for (int lane = 0; lane < kLanes; ++lane)
        rows[lane] = k + lane < filters
                         ? weight.data() + (std::int64_t(k + lane) * channels + c) * 9
                         : kZeroTaps;
    float taps[9][kLanes];
    int tap = 0;
    for (; tap + kLanes <= 9; tap += kLanes) {
        const float *at[kLanes];
        for (int lane = 0; lane < kLanes; ++lane)
            at[lane] = rows[lane] + tap;
        transposeLanes(at, taps[tap]);
    }
    for (; tap < 9; ++tap) {
        for (int lane = 0; lane < kLanes; ++lane)
            taps[tap][lane] = rows[lane][tap];
    }
    FloatV g[9];
    for (int i = 0; i < 9; ++i)
        g[i] = loadV(taps[i]);
    FloatV t[4][3];
    for (int x = 0; x < 3; ++x) {
        t[0][x] = g[x];
        t[1][x] = 0.5f * (g[x] + g[3 + x] + g[6 + x]);
        t[2][x] = 0.5f * (g[x] - g[3 + x] + g[6 + x]);
        t[3][x] = g[6 + x];
    }
    for (int p = 0; p < 4; ++p) {
        const FloatV u[4] = {t[p][0], 0.5f * (t[p][0] + t[p][1] + t[p][2]),
                             0.5f * (t[p][0] - t[p][1] + t[p][2]), t[p][2]};
        for (int q = 0; q < 4; ++q)
            storeV(to + (p * 4 + q) * pointStride, u[q]);
    }
}

// U for tile4x: packed[ξ·(C·step + kPlaneSkew) + c·step + k] = U[ξ, k, c], zero for k ≥ K up
// to the row's `step`, a multiple of kLanes. kLanes filters of a channel at a time, their taps
// turned into vectors in registers: a filter at a time, each 16 values to 16 places, it cost 45
// cycles.
void transformFilters(const Conv2dPlan &plan, const Tensor &weight, std::int64_t step,
                      std::vector<float> &packed)
{
    const int filters = plan.output.c, channels = plan.input.c;
    const std::int64_t pointStride = channels * step + kPlaneSkew;
    reuse(packed, kPoints * pointStride);
    parallelFor(channels, kMinCopiedValuesPerThread / (step * kPoints) + 1,
                [&](std::int64_t first, std::int64_t end) {
                    for (std::int64_t c = first; c < end; ++c) {
                        for (int k = 0; k < filters; k += kLanes)
                            transformFilterLanes(weight, channels, filters, k, int(c),
                                                 packed.data() + c * step + k, pointStride);
                    }
                });
}

// Where a tile's outputs go: y's offset of (n, 0, 2i, 2j), its column j, and whether its
// second row and column lie inside the map.
struct TileTarget
{
    std::int64_t base;
    int j;
    bool secondRow;
    bool secondColumn;
};

// A thread's buffers, kept between calls: fresh, the megabytes of U and V cost as much in page
// faults and zeroing as resnet18's filters cost to transform.
struct WinogradBuffers
{
    std::vector<float> packed;       // U, of the call this thread runs, when made once for all
    std::vector<float> filterVector; // a unit's U of kLanes filters, when it makes its own
    std::vector<float> shared;       // the chunks' V, when they are few
    std::vector<float> v;            // a chunk's V, when the units transform their own
    std::vector<std::int64_t> offsets;
    std::vector<TileTarget> targets;
};

WinogradBuffers &winogradBuffers()
{
    thread_local WinogradBuffers buffers;
    return buffers;
}

// Where tile4x reads U: filter firstFilter + f of channel c at point ξ is
// data[ξ·pointStride + c·rowStep + f].
struct FilterPack
{
    const float *data;
    std::int64_t pointStride;
    std::int64_t rowStep;
    int firstFilter;
};

// A chunk's tiles [first, first + count) and its V's rows, `stride` floats each: V[ξ][c][m] at
// v[ξ·pointStride + c·stride + m].
struct Chunk
{
    std::int64_t first;
    int count;
    int vectors;
    std::int64_t stride;
    std::int64_t pointStride;
};

class Winograd
{
public:
    Winograd(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
             std::span<const float> bias, Tensor &out)
        : m_plan(plan)
        , m_src(src)
        , m_shape(winogradShape(plan))
        , m_channels(plan.input.c)
        , m_bias(bias)
        , m_out(out)
        , m_weight(weight)
        , m_packed(winogradBuffers().packed)
        , m_shared(winogradBuffers().shared)
    {}

    // The two ways of the header. At batch 1, U made once for all (16 MiB for 512 filters of
    // 512 channels) went to memory and back, and each unit of a chunk read all of it; the
    // chunks' V is made in slices of the channels, so that both threads share that too.
    void run()
    {
        if (m_shape.slices == 1) {
            transformFilters(m_plan, m_weight, m_shape.step, m_packed);
            const FilterPack pack{m_packed.data(), m_channels * m_shape.step + kPlaneSkew,
                                  m_shape.step, 0};
            const std::int64_t perChunk = std::int64_t(kPoints) * m_channels * m_shape.chunkVectors
                                          * kLanes * m_shape.blocks * kFilters;
            parallelFor(m_shape.chunks, kMinMultiplyAddsPerThread / perChunk + 1,
                        [this, &pack](std::int64_t first, std::int64_t end) {
                            for (std::int64_t u = first; u < end; ++u) {
                                const Chunk chunk = chunkOf(u);
                                float *v = reuse(winogradBuffers().v, kPoints * chunk.pointStride);
                                transformInput(chunk, 0, m_channels, v);
                                filterBlocks(chunk, v, pack, 0, m_shape.blocks);
                            }
                        });
            return;
        }
        reuse(m_shared, kPoints * m_shape.vectors * (kLanes * m_channels + kPlaneSkew));
        const std::int64_t slices = m_shape.slices;
        const std::int64_t sliceValues = kPoints * m_shape.chunkVectors * kLanes * m_channels
                                         / slices;
        parallelFor(m_shape.chunks * slices, kMinCopiedValuesPerThread / sliceValues + 1,
                    [this, slices](std::int64_t first, std::int64_t end) {
                        for (std::int64_t u = first; u < end; ++u) {
                            const Chunk chunk = chunkOf(u / slices);
                            const int slice = int(u % slices);
                            transformInput(chunk, int(m_channels * slice / slices),
                                           int(m_channels * (slice + 1) / slices), sharedV(chunk));
                        }
                    });
        const std::int64_t perVector = kPoints * kLanes * m_channels * m_shape.vectors * kLanes;
        parallelFor(m_shape.step / kLanes, kMinMultiplyAddsPerThread / perVector + 1,
                    [this](std::int64_t first, std::int64_t end) {
                        for (std::int64_t i = first; i < end; ++i)
                            filterVector(int(i) * kLanes);
                    });
    }

private:
    // Filters k .. k + kLanes − 1 over every chunk of the shared V.
    void filterVector(int k) const
    {
        std::vector<float> &u = winogradBuffers().filterVector;
        const std::int64_t pointStride = m_channels * std::int64_t(kLanes) + kPlaneSkew;
        reuse(u, kPoints * pointStride);
        for (int c = 0; c < m_channels; ++c)
            transformFilterLanes(m_weight, m_channels, m_plan.output.c, k, c, u.data() + c * kLanes,
                                 pointStride);
        const FilterPack pack{u.data(), pointStride, kLanes, k};
        const int firstBlock = k / kFilters;
        const int endBlock = std::min(m_shape.blocks, (k + kLanes) / kFilters);
        for (std::int64_t i = 0; i < m_shape.chunks; ++i) {
            const Chunk chunk = chunkOf(i);
            filterBlocks(chunk, sharedV(chunk), pack, firstBlock, endBlock);
        }
    }

    // Chunk i, of as even a share of the vectors as can be.
    Chunk chunkOf(std::int64_t i) const
    {
        const std::int64_t firstVector = m_shape.vectors * i / m_shape.chunks;
        Chunk c;
        c.first = firstVector * kLanes;
        c.vectors = int(m_shape.vectors * (i + 1) / m_shape.chunks - firstVector);
        c.count = int(
            std::min<std::int64_t>(std::int64_t(c.vectors) * kLanes, m_shape.tiles - c.first));
        c.stride = std::int64_t(c.vectors) * kLanes;
        c.pointStride = m_channels * c.stride + kPlaneSkew;
        return c;
    }

    // The chunk's V in the shared buffer, whose chunks lie one after another.
    float *sharedV(const Chunk &chunk) const
    {
        return m_shared.data()
               + kPoints * (chunk.first * m_channels + chunk.first / kLanes * kPlaneSkew);
    }

    // Filters of blocks [firstBlock, endBlock) over the chunk's V.
    void filterBlocks(const Chunk &chunk, const float *v, const FilterPack &pack, int firstBlock,
                      int endBlock) const
    {
        WinogradBuffers &buffers = winogradBuffers();
        buffers.offsets.resize(size_t(m_channels));
        for (int c = 0; c < m_channels; ++c)
            buffers.offsets[size_t(c)] = c * chunk.stride;
        targets(chunk, buffers.targets);
        for (int block = firstBlock; block < endBlock; ++block) {
            for (int g = 0, group = 0; g < chunk.vectors; g += group) {
                group = groupOf(chunk.vectors - g);
                tiles(pack, block, chunk, v, buffers, g, group);
            }
        }
    }

    // How many of the `left` vectors of tiles the next call takes. Never one alone after
    // others: tile4x<1> has too few sums to hide an FMA's latency, so four left go as two and
    // two, and with tile4xWide seven as four and three.
    static int groupOf(int left)
    {
#ifdef CONVSCOPE_AVX512
        return left == 7 ? 4 : std::min(kMaxVectors, left);
#else
        return left == 4 ? 2 : std::min(kMaxVectors, left);
#endif
    }

    void targets(const Chunk &chunk, std::vector<TileTarget> &to) const
    {
        const Shape &o = m_plan.output;
        to.resize(size_t(chunk.count));
        for (int m = 0; m < chunk.count; ++m) {
            const std::int64_t t = chunk.first + m;
            const std::int64_t row = t / m_shape.tilesW;
            const int j = int(t % m_shape.tilesW);
            const int n = int(row / m_shape.tilesH), i = int(row % m_shape.tilesH);
            to[size_t(m)] = {(std::int64_t(n) * o.c * o.h + 2 * i) * o.w + 2 * j, j,
                             2 * i + 1 < o.h, 2 * j + 1 < o.w};
        }
    }

    // The chunk's V of channels [firstChannel, endChannel), zero past its tiles.
    void transformInput(const Chunk &chunk, int firstChannel, int endChannel, float *v) const
    {
        for (int c = firstChannel; c < endChannel; ++c) {
            for (int p = 0; p < kPoints; ++p) {
                float *row = v + p * chunk.pointStride + c * chunk.stride;
                std::fill(row + chunk.count, row + chunk.stride, 0.0f);
            }
            std::int64_t t = chunk.first;
            const std::int64_t end = chunk.first + chunk.count;
            while (t < end) {
                const std::int64_t row = t / m_shape.tilesW;
                const int j = int(t % m_shape.tilesW);
                const int run = int(std::min<std::int64_t>(m_shape.tilesW - j, end - t));
                tileRow(int(row / m_shape.tilesH), c, int(row % m_shape.tilesH), j, run,
                        v + c * chunk.stride + (t - chunk.first), chunk.pointStride,
                        chunk.stride - (t - chunk.first));
                t += run;
            }
        }
    }

    // V of tiles (n, i, j .. j + run) of channel c at v[ξ·pointStride + m], m < run; `room`
    // floats from v to its row's end, past which nothing is written. The lanes past the run
    // read the cells that follow in memory, the next rows or the source's slack: their V is
    // overwritten or never used. So do the cells of a tile past the padded input (the last row
    // and column of an odd map): they only reach the outputs it drops.
    void tileRow(int n, int c, int i, int j, int run, float *v, std::int64_t pointStride,
                 std::int64_t room) const
    {
        const float *rows = m_src.plane(n, c) + std::int64_t(2 * i) * m_src.wp + 2 * j;
        for (int m = 0; m < run; m += kLanes) {
            FloatV e[4][4];
            for (int r = 0; r < 4; ++r)
                rowTransform(rows + r * m_src.wp + 2 * m, e[r]);
            FloatV point[kPoints];
            for (int q = 0; q < 4; ++q) {
                point[q] = e[0][q] - e[2][q];
                point[4 + q] = e[1][q] + e[2][q];
                point[8 + q] = e[2][q] - e[1][q];
                point[12 + q] = e[1][q] - e[3][q];
            }
            if (m + kLanes <= room) {
                for (int p = 0; p < kPoints; ++p)
                    storeV(v + p * pointStride + m, point[p]);
            } else {
                for (int p = 0; p < kPoints; ++p) {
                    float lanes[kLanes];
                    storeV(lanes, point[p]);
                    std::copy(lanes, lanes + (room - m), v + p * pointStride + m);
                }
            }
        }
    }

    // Filters block·kFilters … over `vectors` vectors of the chunk's tiles from vector g: M by
    // tile4x for each point, then Aᵀ·M·A into y.
    void tiles(const FilterPack &pack, int block, const Chunk &chunk, const float *v,
               const WinogradBuffers &buffers, int g, int vectors) const
    {
        // Written whole by tile4x, which stores its sums: zeroed first, its 6 KB took a
        // `rep stos` a call, 7 % of this function's time on mini-resnet's 16 channels.
        FloatV m[kPoints][kFilters * kMaxVectors];
        const std::int64_t step = pack.rowStep;
        for (int p = 0; p < kPoints; ++p) {
            const float *packed = pack.data + p * pack.pointStride + block * kFilters
                                  - pack.firstFilter;
            const float *s = v + p * chunk.pointStride + std::int64_t(g) * kLanes;
            const std::int64_t *offsets = buffers.offsets.data();
#ifdef CONVSCOPE_AVX512
            if (vectors >= 3) {
                tile4xWide(vectors, packed, s, offsets, m_channels, reinterpret_cast<float *>(m[p]),
                           step);
                continue;
            }
#endif
            if (vectors == 3)
                tile4x<3, false>(packed, s, s + kLanes, s + 2 * kLanes, offsets, m_channels, m[p],
                                 step);
            else if (vectors == 2)
                tile4x<2, false>(packed, s, s + kLanes, nullptr, offsets, m_channels, m[p], step);
            else
                tile4x<1, false>(packed, s, nullptr, nullptr, offsets, m_channels, m[p], step);
        }
        const int filters = std::min(kFilters, m_plan.output.c - block * kFilters);
        for (int f = 0; f < filters; ++f) {
            for (int i = 0; i < vectors; ++i) {
                FloatV point[kPoints];
                for (int p = 0; p < kPoints; ++p)
                    point[p] = m[p][f * vectors + i];
                store(block * kFilters + f, point, (g + i) * kLanes, chunk.count, buffers.targets);
            }
        }
    }

    // Aᵀ·M·A of kLanes tiles from the chunk's tile m0, filter k, into y with the bias.
    void store(int k, const FloatV *point, int m0, int count,
               const std::vector<TileTarget> &targets) const
    {
        FloatV s[2][4];
        for (int q = 0; q < 4; ++q) {
            s[0][q] = point[q] + point[4 + q] + point[8 + q];
            s[1][q] = point[4 + q] - point[8 + q] - point[12 + q];
        }
        FloatV y[2][2];
        for (int a = 0; a < 2; ++a) {
            y[a][0] = s[a][0] + s[a][1] + s[a][2];
            y[a][1] = s[a][1] - s[a][2] - s[a][3];
        }
        // The bias is added as the values are stored, which keeps the copy below a loop of
        // its own: a plain std::copy of a few floats became a `rep movsq`, whose start took 16 %
        // of tiles()'s time on 28×28 maps, where 3 vectors of tiles in 7 cross a row's end.
        const float b = m_bias.empty() ? 0.0f : m_bias[size_t(k)];
        const Shape &o = m_plan.output;
        float *out = m_out.data() + k * std::int64_t(o.h) * o.w;
        const int lanes = std::min(kLanes, count - m0);
        const TileTarget &head = targets[size_t(m0)];
        const TileTarget &tail = targets[size_t(m0 + lanes - 1)];
        FloatV lo[2], hi[2]; // the two output rows of the tiles side by side
        for (int a = 0; a < 2; ++a)
            interleave(y[a][0], y[a][1], lo[a], hi[a]);
        if (lanes == kLanes && tail.j - head.j == kLanes - 1 && head.secondRow
            && tail.secondColumn) {
            for (int a = 0; a < 2; ++a) {
                storeV(out + head.base + a * o.w, lo[a] + b);
                storeV(out + head.base + a * o.w + kLanes, hi[a] + b);
            }
            return;
        }
        // Else in runs of one tile row each, cut at a row's end, the last tile of a run
        // without its second column where the map's last column is dropped. Lane by lane, with
        // a branch for each value, mini-resnet's 16 filters on 28×28 maps at batch 64 took 2.98
        // ms on one thread instead of 2.54.
        float rows[2][2 * kLanes];
        for (int a = 0; a < 2; ++a) {
            storeV(rows[a], lo[a]);
            storeV(rows[a] + kLanes, hi[a]);
        }
        for (int lane = 0, run = 0; lane < lanes; lane += run) {
            const TileTarget &first = targets[size_t(m0 + lane)];
            run = 1;
            while (lane + run < lanes && targets[size_t(m0 + lane + run)].j == first.j + run)
                ++run;
            const int columns = 2 * run
                                - (targets[size_t(m0 + lane + run - 1)].secondColumn ? 0 : 1);
            for (int a = 0; a < (first.secondRow ? 2 : 1); ++a) {
                const float *from = rows[a] + 2 * lane;
                float *to = out + first.base + a * o.w;
                for (int x = 0; x < columns; ++x)
                    to[x] = from[x] + b;
            }
        }
    }

    const Conv2dPlan &m_plan;
    const Source &m_src;
    const WinogradShape m_shape;
    const int m_channels;
    std::span<const float> m_bias;
    Tensor &m_out;
    const Tensor &m_weight;
    std::vector<float> &m_packed;
    std::vector<float> &m_shared;
};

} // namespace

WinogradFilters winogradFilters(const Conv2dPlan &plan, const Tensor &weight,
                                std::vector<float> &packed)
{
    const std::int64_t step = (plan.output.c + kLanes - 1) / kLanes * kLanes;
    transformFilters(plan, weight, step, packed);
    return {packed.data(), step, plan.input.c * step + kPlaneSkew};
}

int winogradSlack(const Conv2dPlan &plan)
{
    return plan.geometry.w.paddedInput() + 2 * kLanes + 2;
}

bool takesWinograd(const Conv2dPlan &plan)
{
    const Geometry &g = plan.geometry;
    return plan.groups == 1 && plan.weight.h == 3 && plan.weight.w == 3 && g.h.stride == 1
           && g.w.stride == 1 && g.h.dilation == 1 && g.w.dilation == 1;
}

std::int64_t winogradWork(const Conv2dPlan &plan)
{
    const WinogradShape s = winogradShape(plan);
    const std::int64_t tiles = s.vectors * kLanes;
    const std::int64_t filters = std::int64_t(s.blocks) * kFilters;
    const std::int64_t copied = std::int64_t(plan.input.n) * plan.input.c
                                * plan.geometry.h.paddedInput() * plan.geometry.w.paddedInput();
    return tiles
               * (kPoints * filters * plan.input.c * kMultiplyAddQuarters / 4
                  + kTransformCost * (plan.input.c + filters))
           + kFilterCost * filters * plan.input.c + kCopyCost * copied;
}

void winogradForward(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                     std::span<const float> bias, Tensor &out)
{
    Winograd(plan, src, weight, bias, out).run();
}

} // namespace convscope::conv2d_kernels
