// Winograd's F(2×2, 3×3) of conv2d_winograd.cpp with the images of the batch across a vector's
// lanes, laid out as conv2d_lanes_input.cpp lays them out: a tile's 16 cells of kLanes images
// are 16 aligned vectors, so its transforms are additions of whole vectors, without the shuffles
// that gather tiles side by side in a row, and a map's width never splits a vector of tiles.
// The small maps of a batch (7×7 to 28×28 at batch 64) are its case.
//   x_t[b, c, y, x, lane] = x_p[b·kLanes + lane, c, y, x]   (inputToLanes: N×C×Hp×Wp padded)
//   W: K×C×3×3   y: N×K×O_h×O_w, O = Hp − 2
//   tiles t = (i, j), i < ⌈O_h/2⌉, j < ⌈O_w/2⌉, of each batch b of kLanes images, each reading
//   d = x_t[b, c, 2i .. 2i + 3, 2j .. 2j + 3] (on an odd map, the row or column past the padded
//   input repeats its last: those cells reach only the outputs dropped)
//   V[ξ, t, c] = (Bᵀ·d·B)[ξ]      U[ξ, k, c] = (G·W[k, c]·Gᵀ)[ξ]   (winogradFilters)
//   M[ξ, k, t] = Σ_c U[ξ, k, c]·V[ξ, t, c]   for the 16 points ξ, by tile4x: 4 filters × 3 tiles
//   y_t[b, k, 2i + a, 2j + e, lane] = bias[k] + (Aᵀ·M[·, k, t]·A)[a, e], turned back into y
// with B, G and A as in conv2d_winograd.cpp. A unit is a chunk of one batch's tiles: its V for
// every channel, then every block of 4 filters over each 3 of its tiles, M kept in the L1 cache.
// Each sum over c runs in order, whatever the units: the same on any number of threads.
#include "core/ops/conv2d_kernels.h"

#include "core/parallel.h"

#include <algorithm>
#include <vector>

namespace convscope::conv2d_kernels {

namespace {

constexpr int kPoints = 16;
constexpr int kFilters = 4; // tile4x's
constexpr int kTiles = 3;   // tile4x<3>'s
// Tiles whose V lie side by side for each channel, a product call's at most: tile4x's 3, or
// tile4xWide's 6 in the AVX-512 build, which reads them as three 512-bit registers.
#ifdef CONVSCOPE_AVX512
constexpr int kGroupTiles = 6;
#else
constexpr int kGroupTiles = kTiles;
#endif
// A unit's V is at most this many floats (128 KB, in a core's L2 cache), unless kTiles tiles
// need more.
constexpr std::int64_t kChunkValues = std::int64_t(1) << 15;
// V's 16 planes lie this many floats more than their size apart: a multiple of 4 KiB apart, the
// 16 stores of a tile's transform would fall in one set of the L1 cache (conv2d_winograd.cpp).
constexpr std::int64_t kPlaneSkew = 16;
// What the kernel costs beside its multiply-adds, counted in multiply-adds of one image: a
// tile's transform of a channel (V) or of a filter (its outputs), fitted to its time against
// the lanes' direct tiles (conv2d_lanes_input.cpp) at batch 64, the least of 15 runs, one
// thread and two: mini-resnet's 16 filters on 28×28 maps 0.77–0.88 of their time (counted
// 0.80), its 32 on 14×14 0.67–0.74 (0.68), its 64 on 7×7 0.74–0.77 (0.75), mini-vgg's 32 filters
// over 16 channels on 14×14 0.63–0.73 (0.86); and a value moved into or out of the lanes' layout,
// as conv2d_lanes_input.cpp counts it.
constexpr std::int64_t kTransformCost = 100;
constexpr std::int64_t kMoveCost = 2;

struct LanesWinogradShape
{
    int batches;    // of kLanes images
    int tilesW;     // ⌈O_w/2⌉
    int tiles;      // a map's
    int chunkTiles; // a unit's at most, a multiple of kTiles
    int chunks;     // a map's
    int blocks;     // of kFilters filters
};

LanesWinogradShape lanesWinogradShape(const Conv2dPlan &plan)
{
    LanesWinogradShape s;
    s.batches = (plan.input.n + kLanes - 1) / kLanes;
    s.tilesW = (plan.output.w + 1) / 2;
    s.tiles = (plan.output.h + 1) / 2 * s.tilesW;
    const std::int64_t perTile = std::int64_t(kPoints) * plan.input.c * kLanes;
    const int fit = int(std::clamp<std::int64_t>(kChunkValues / perTile, 1, s.tiles));
    s.chunks = (s.tiles + fit - 1) / fit;
    const int even = (s.tiles + s.chunks - 1) / s.chunks; // as even a share as can be
    s.chunkTiles = (even + kTiles - 1) / kTiles * kTiles;
    s.chunks = (s.tiles + s.chunkTiles - 1) / s.chunkTiles;
    s.blocks = (plan.output.c + kFilters - 1) / kFilters;
    return s;
}

// A thread's buffers, kept between calls (see LaneBuffers).
struct Buffers
{
    std::vector<float> packed;       // U
    std::vector<float> v;            // a unit's V
    std::vector<std::int64_t> reads; // where its tiles read
};

Buffers &buffers()
{
    thread_local Buffers buffers;
    return buffers;
}

class LanesWinograd
{
public:
    LanesWinograd(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                  std::span<const float> bias, Tensor &out)
        : m_plan(plan)
        , m_input(input)
        , m_weight(weight)
        , m_bias(bias)
        , m_out(out)
        , m_shape(lanesWinogradShape(plan))
        , m_channels(plan.input.c)
        , m_hp(plan.geometry.h.paddedInput())
        , m_wp(plan.geometry.w.paddedInput())
        , m_cells(std::int64_t(plan.output.h) * plan.output.w)
        , m_vGroupStride(std::int64_t(m_channels) * kGroupTiles * kLanes)
        , m_vPointStride(m_vGroupStride * ((m_shape.chunkTiles + kGroupTiles - 1) / kGroupTiles)
                         + kPlaneSkew)
    {
        for (int c = 0; c < m_channels; ++c)
            m_offsets.push_back(std::int64_t(c) * kGroupTiles * kLanes);
    }

    void run()
    {
        m_filters = winogradFilters(m_plan, m_weight, buffers().packed);
        m_transposed = inputToLanes(m_plan, m_input, laneBuffers().first);
        m_result = reuse(laneBuffers().second,
                         std::int64_t(m_shape.batches) * m_plan.output.c * m_cells * kLanes);
        const std::int64_t units = std::int64_t(m_shape.batches) * m_shape.chunks;
        const std::int64_t perUnit = std::int64_t(kLanes) * m_shape.chunkTiles * kPoints
                                     * m_shape.blocks * kFilters * m_channels;
        parallelFor(units, kMinMultiplyAddsPerThread / perUnit + 1,
                    [this](std::int64_t first, std::int64_t end) {
                        for (std::int64_t u = first; u < end; ++u)
                            chunk(int(u / m_shape.chunks), int(u % m_shape.chunks));
                    });
        const std::int64_t mapValues = m_cells * kLanes;
        forEachLanesMap(m_plan.output, m_out.data(), mapValues,
                        [&](std::int64_t bk, float *const *planes) {
                            lanesToPlanes(m_result + bk * mapValues, m_cells, planes);
                        });
    }

private:
    // Tiles [first, first + count) of batch b: their V, then every filter block over each
    // group of them.
    void chunk(int b, int index) const
    {
        const int first = index * m_shape.chunkTiles;
        const int count = std::min(m_shape.chunkTiles, m_shape.tiles - first);
        float *v = reuse(buffers().v, kPoints * m_vPointStride);
        transformInput(b, first, count, v);
        for (int t = 0; t < count; t += kGroupTiles) {
            const int tiles = std::min(kGroupTiles, count - t);
            for (int block = 0; block < m_shape.blocks; ++block)
                filterBlock(b, block, first + t, tiles, v + t / kGroupTiles * m_vGroupStride);
        }
    }

    // V of tiles [first, first + count) of batch b: point ξ of the chunk's tile t and channel c
    // at v[ξ·m_vPointStride + ⌊t/G⌋·m_vGroupStride + (c·G + t mod G)·kLanes], G = kGroupTiles:
    // a group's tiles side by side for each channel. A channel at a time, so that its
    // rows stay in the L1 cache from one tile to the next: Bᵀ·d along the rows, then ·B along
    // the columns. A tile right of the last in its row takes that tile's last two columns of
    // Bᵀ·d as its first two, so loads half as much; where each tile reads is worked out once for
    // all channels.
    void transformInput(int b, int first, int count, float *v) const
    {
        constexpr int kRead = 9; // 4 rows, 4 columns, and whether the tile follows the last
        std::vector<std::int64_t> &reads = buffers().reads;
        reads.resize(size_t(count) * kRead);
        for (int t = 0; t < count; ++t) {
            const int i = (first + t) / m_shape.tilesW, j = (first + t) % m_shape.tilesW;
            std::int64_t *at = reads.data() + size_t(t) * kRead;
            for (int r = 0; r < 4; ++r) {
                at[r] = std::int64_t(std::min(2 * i + r, m_hp - 1)) * m_wp * kLanes;
                at[4 + r] = std::int64_t(std::min(2 * j + r, m_wp - 1)) * kLanes;
            }
            at[8] = t > 0 && j > 0;
        }
        const std::int64_t mapStride = std::int64_t(m_hp) * m_wp * kLanes;
        for (int c = 0; c < m_channels; ++c) {
            const float *map = m_transposed + (std::int64_t(b) * m_channels + c) * mapStride;
            FloatV e[4][4];
            for (int t = 0; t < count; ++t) {
                float *to = v + t / kGroupTiles * m_vGroupStride
                            + (std::int64_t(c) * kGroupTiles + t % kGroupTiles) * kLanes;
                const std::int64_t *rows = reads.data() + size_t(t) * kRead, *columns = rows + 4;
                int x = 0;
                if (rows[8]) {
                    for (int r = 0; r < 4; ++r) {
                        e[r][0] = e[r][2];
                        e[r][1] = e[r][3];
                    }
                    x = 2;
                }
                for (; x < 4; ++x) {
                    const float *at = map + columns[x];
                    const FloatV d0 = loadV(at + rows[0]), d1 = loadV(at + rows[1]);
                    const FloatV d2 = loadV(at + rows[2]), d3 = loadV(at + rows[3]);
                    e[0][x] = d0 - d2;
                    e[1][x] = d1 + d2;
                    e[2][x] = d2 - d1;
                    e[3][x] = d1 - d3;
                }
                for (int p = 0; p < 4; ++p) {
                    storeV(to + (4 * p) * m_vPointStride, e[p][0] - e[p][2]);
                    storeV(to + (4 * p + 1) * m_vPointStride, e[p][1] + e[p][2]);
                    storeV(to + (4 * p + 2) * m_vPointStride, e[p][2] - e[p][1]);
                    storeV(to + (4 * p + 3) * m_vPointStride, e[p][1] - e[p][3]);
                }
            }
        }
    }

    // Filters block·kFilters … over a group's `tiles` tiles from q (V at v): M by tile4x for
    // each point (tile4xWide for 3 tiles or more in the AVX-512 build; short of 3, the last
    // tile repeated and none of it stored), then Aᵀ·M·A into y_t.
    void filterBlock(int b, int block, int q, int tiles, const float *v) const
    {
        const bool wide = kGroupTiles > kTiles && tiles >= kTiles;
        const int vectors = wide ? tiles : kTiles; // of M's rows of a filter
        FloatV m[kPoints][kFilters * kGroupTiles]; // written by the product
        for (int p = 0; p < kPoints; ++p) {
            const float *u = m_filters.data + p * m_filters.pointStride + block * kFilters;
            const float *s = v + p * m_vPointStride;
#ifdef CONVSCOPE_AVX512
            if (wide) {
                tile4xWide(tiles, u, s, m_offsets.data(), m_channels,
                           reinterpret_cast<float *>(m[p]), m_filters.step);
                continue;
            }
#endif
            tile4x<kTiles, false>(u, s, s + std::min(1, tiles - 1) * kLanes,
                                  s + std::min(2, tiles - 1) * kLanes, m_offsets.data(), m_channels,
                                  m[p], m_filters.step);
        }
        const int filters = std::min(kFilters, m_plan.output.c - block * kFilters);
        for (int f = 0; f < filters; ++f) {
            for (int t = 0; t < tiles; ++t) {
                FloatV point[kPoints];
                for (int p = 0; p < kPoints; ++p)
                    point[p] = m[p][f * vectors + t];
                store(b, block * kFilters + f, q + t, point);
            }
        }
    }

    // Aᵀ·M·A of tile q, filter k, plus the bias, into y_t; an odd map's last row or column of
    // tiles drops its second.
    void store(int b, int k, int q, const FloatV *point) const
    {
        FloatV s[2][4];
        for (int x = 0; x < 4; ++x) {
            s[0][x] = point[x] + point[4 + x] + point[8 + x];
            s[1][x] = point[4 + x] - point[8 + x] - point[12 + x];
        }
        const FloatV shift = FloatV{} + (m_bias.empty() ? 0.0f : m_bias[size_t(k)]);
        const int i = q / m_shape.tilesW, j = q % m_shape.tilesW;
        const int ow = m_plan.output.w;
        float *to = m_result
                    + ((std::int64_t(b) * m_plan.output.c + k) * m_cells + std::int64_t(2 * i) * ow
                       + 2 * j)
                          * kLanes;
        const bool secondRow = 2 * i + 1 < m_plan.output.h, secondColumn = 2 * j + 1 < ow;
        for (int a = 0; a < (secondRow ? 2 : 1); ++a) {
            float *row = to + std::int64_t(a) * ow * kLanes;
            storeV(row, s[a][0] + s[a][1] + s[a][2] + shift);
            if (secondColumn)
                storeV(row + kLanes, s[a][1] - s[a][2] - s[a][3] + shift);
        }
    }

    const Conv2dPlan &m_plan;
    const Tensor &m_input;
    const Tensor &m_weight;
    std::span<const float> m_bias;
    Tensor &m_out;
    const LanesWinogradShape m_shape;
    const int m_channels;
    const int m_hp;
    const int m_wp;
    const std::int64_t m_cells; // O_h·O_w
    const std::int64_t m_vGroupStride;
    const std::int64_t m_vPointStride;
    std::vector<std::int64_t> m_offsets; // of V's channels, for tile4x
    WinogradFilters m_filters{};
    float *m_transposed = nullptr;
    float *m_result = nullptr;
};

} // namespace

std::int64_t lanesWinogradWork(const Conv2dPlan &plan)
{
    const LanesWinogradShape s = lanesWinogradShape(plan);
    const std::int64_t images = std::int64_t(s.batches) * kLanes;
    const std::int64_t tiles = std::int64_t(s.chunks) * s.chunkTiles; // the last chunk's padding
    const std::int64_t filters = std::int64_t(s.blocks) * kFilters;
    return images * tiles
               * (kPoints * filters * plan.input.c + kTransformCost * (plan.input.c + plan.output.c))
           + kMoveCost * lanesMovedValues(plan);
}

void lanesWinogradForward(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                          std::span<const float> bias, Tensor &out)
{
    LanesWinograd(plan, input, weight, bias, out).run();
}

} // namespace convscope::conv2d_kernels
