// dX of plans with zero padding, any stride, with the images of the batch across a vector's
// lanes.
//   dY: N×K×O_h×O_w   W: K×(C/G)×K_h×K_w   dX: N×C×H×W
//   dX[n, g·C_g + c, i_y, i_x] = Σ_(k, k_y, k_x) W[g·K_g + k, c, k_y, k_x]
//                 · dY[n, g·K_g + k, (i_y + P_t − k_y·D_h) / S_h, (i_x + P_l − k_x·D_w) / S_w]
//   over the (k_y, k_x) whose dY cell is whole and lies inside dY.
// The implicit kernels compute dX as the full convolution of dY padded by the kernel's reach,
// whose padding is most of a small map: LeNet-5's conv2 (16 filters of 5×5 over 6 channels,
// 10×10 maps) multiplied 3.5 times the values needed; with a stride the GEMM path wrote
// C·K_h·K_w values a pixel and added them back with col2im. Here a vector holds one cell of
// kLanes images, so that a row of dX is the whole width of the tile: each row i_y sums exactly
// the k_y that reach dY, and each tile of kPixels cells the k_x that reach dY from one of them.
// A tile's cells are S_w apart, so that they share their taps and read neighbouring cells of dY.
//   dY_t[b, o_y, x, k, lane] = dY[b·kLanes + lane, k, o_y, x − kPad]  (zero outside dY)
// The filters are innermost, as the tile sums over them innermost: in maps of their own, its
// loads were a map apart, and a tile of LeNet-5's size took 1.7 times as long.
//   dX_t[b, c, i_y, i_x, lane], turned into dX at the end
// Tiles of kChannels channels × kPixels cells of a row, on 512-bit registers in the AVX-512
// build (conv2d_tile512.cpp), two tiles at once where they share their taps; every sum runs
// over k_y, k_x, k in order in one tile, so the result is the same on any number of threads
// and in every build.
#include "core/ops/conv2d_kernels.h"

#include "core/parallel.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace convscope::conv2d_kernels {

namespace {

// 12 accumulators, 2 dY vectors and a broadcast filter value: 15 of the 16 AVX registers. Six
// channels fit LeNet-5's conv2 exactly; blocks of 2 cells waste little at a row's ends.
constexpr int kChannels = 6;
constexpr int kPixels = 2;
static_assert(kChannels == 6 && kPixels == 2,
              "lanesGradInputTile and its 512-bit form are written out for 6 channels × 2 cells");
// Columns of zeros on either side of a dY_t row: a tile's second cell may read one cell past
// the row on either side (its first one's k_x range), never more.
constexpr int kPad = kPixels;
// A moved value (into dY_t, or out of dX_t) costs about as much as this many multiply-adds,
// turned a block of kLanes × kLanes at a time in registers.
constexpr std::int64_t kMoveCost = 2;

// dY's cell for the tile's first cell and tap k, when (first + P − k·D) is a multiple of S.
int reached(const AxisGeometry &a, int first, int k)
{
    return (first + a.padBegin - k * a.dilation) / a.stride;
}

// Taps k·D and k'·D reach dY together when they differ by a multiple of S: every step-th k,
// step·D/S = D/gcd(S, D) cells of dY apart.
int tapStep(const AxisGeometry &a)
{
    return a.stride / std::gcd(a.stride, a.dilation);
}

#ifdef CONVSCOPE_AVX512
bool sameTaps(const Taps &a, const Taps &b)
{
    return a.first == b.first && a.last == b.last && a.step == b.step;
}
#endif

int cellsPerTap(const AxisGeometry &a)
{
    return a.dilation / std::gcd(a.stride, a.dilation);
}

Taps reaching(const AxisGeometry &a, int first, int cells)
{
    Taps t{0, -1, tapStep(a)};
    while (t.first < t.step && (first + a.padBegin - t.first * a.dilation) % a.stride != 0)
        ++t.first;
    if (t.first == t.step || t.first >= a.kernel)
        return Taps{0, -1, t.step};
    t.last = t.first + (a.kernel - 1 - t.first) / t.step * t.step;
    while (t.first <= t.last && reached(a, first, t.first) >= a.output)
        t.first += t.step;
    while (t.last >= t.first && reached(a, first, t.last) + cells - 1 < 0)
        t.last -= t.step;
    return t;
}

// The cells of the tile that starts at dX cell x along the row: x and x + S_w when both are in.
int tileCells(const AxisGeometry &a, int x)
{
    return std::min(kPixels, (a.input - 1 - x) / a.stride + 1);
}

// A tile of a row of dX, every row's alike: its first cell, its cells and the taps along the
// row that reach dY from them; `pairs` when the next tile of its phase has the same taps and
// goes with it on 512-bit registers (the AVX-512 build).
struct RowTile
{
    int ix;
    int cells;
    Taps columns;
    bool pairs;
};

// A row's tiles, phase by phase.
std::vector<RowTile> rowTiles(const AxisGeometry &w)
{
    std::vector<RowTile> tiles;
    for (int phase = 0; phase < w.stride; ++phase) {
        for (int ix = phase; ix < w.input; ix += kPixels * w.stride) {
            const int cells = tileCells(w, ix);
            tiles.push_back({ix, cells, reaching(w, ix, cells), false});
        }
    }
#ifdef CONVSCOPE_AVX512
    for (size_t i = 0; i + 1 < tiles.size(); ++i) {
        const RowTile &a = tiles[i], &b = tiles[i + 1];
        if (b.ix == a.ix + kPixels * w.stride && a.cells == kPixels && b.cells == kPixels
            && a.columns.count() > 0 && sameTaps(a.columns, b.columns)) {
            tiles[i].pairs = true;
            ++i;
        }
    }
#endif
    return tiles;
}

struct LanesGeometry
{
    int batches;       // groups of kLanes images
    int blocks;        // of kChannels channels, a group
    int rowWidth;      // O_w + 2·kPad cells of a row of dY_t
    std::int64_t taps; // Σ over rows of their k_y · Σ over tiles of a row of their k_x
};

LanesGeometry lanesGeometry(const Conv2dPlan &plan)
{
    const Geometry &g = plan.geometry;
    LanesGeometry l;
    l.batches = (plan.input.n + kLanes - 1) / kLanes;
    l.blocks = (plan.inputChannelsPerGroup() + kChannels - 1) / kChannels;
    l.rowWidth = plan.output.w + 2 * kPad;
    std::int64_t rows = 0, columns = 0;
    for (int y = 0; y < plan.input.h; ++y)
        rows += reaching(g.h, y, 1).count();
    for (const RowTile &tile : rowTiles(g.w))
        columns += tile.columns.count();
    l.taps = rows * columns;
    return l;
}

class LanesGradInput
{
public:
    LanesGradInput(const Conv2dPlan &plan, const Tensor &weight, const Tensor &gradOutput,
                   Tensor &gradInput)
        : m_plan(plan)
        , m_lanes(lanesGeometry(plan))
        , m_filters(plan.outputChannelsPerGroup())
        , m_channels(plan.inputChannelsPerGroup())
        , m_taps(plan.weight.h * plan.weight.w)
        , m_cellStride(std::int64_t(plan.output.c) * kLanes)
        , m_rowStride(m_lanes.rowWidth * m_cellStride)
        , m_batchStride(m_rowStride * plan.output.h)
        , m_tiles(rowTiles(plan.geometry.w))
        , m_dy(gradOutput)
        , m_dx(gradInput)
    {
        packFilters(weight);
    }

    void run()
    {
        transposeGradOutput();
        m_result = reuse(laneBuffers().second, std::int64_t(m_lanes.batches) * kLanes
                                                   * m_plan.input.count() / m_plan.input.n);
        const std::int64_t units = std::int64_t(m_lanes.batches) * m_plan.groups * m_lanes.blocks
                                   * m_plan.input.h;
        const std::int64_t perUnit = std::int64_t(kLanes) * kChannels * kPixels * m_filters
                                     * m_lanes.taps / m_plan.input.h;
        parallelFor(units, kMinMultiplyAddsPerThread / std::max<std::int64_t>(perUnit, 1) + 1,
                    [this](std::int64_t first, std::int64_t end) {
                        for (std::int64_t u = first; u < end; ++u)
                            row(u);
                    });
        transposeGradInput();
    }

private:
    // w_t[g][block][k][k_y][k_x][j] = W[g·K_g + k, block·kChannels + j, k_y, k_x], zero past the
    // group's channels.
    void packFilters(const Tensor &weight)
    {
        const std::int64_t perBlock = std::int64_t(m_filters) * m_taps * kChannels;
        m_packed.assign(size_t(m_plan.groups) * m_lanes.blocks * perBlock, 0.0f);
        for (int g = 0; g < m_plan.groups; ++g) {
            for (int k = 0; k < m_filters; ++k) {
                for (int c = 0; c < m_channels; ++c) {
                    const float *w = weight.data()
                                     + ((std::int64_t(g) * m_filters + k) * m_channels + c)
                                           * m_taps;
                    float *p = m_packed.data()
                               + (std::int64_t(g) * m_lanes.blocks + c / kChannels) * perBlock
                               + std::int64_t(k) * m_taps * kChannels + c % kChannels;
                    for (int t = 0; t < m_taps; ++t)
                        p[t * kChannels] = w[t];
                }
            }
        }
    }

    // dY_t, one row of a batch of kLanes images at a time.
    void transposeGradOutput()
    {
        const Shape &s = m_plan.output;
        m_transposed = reuse(laneBuffers().first, std::int64_t(m_lanes.batches) * m_batchStride);
        parallelFor(std::int64_t(m_lanes.batches) * s.h,
                    kMinCopiedValuesPerThread / std::max<std::int64_t>(m_rowStride, 1) + 1,
                    [&](std::int64_t first, std::int64_t end) {
                        const float *from[kLanes];
                        for (std::int64_t by = first; by < end; ++by) {
                            const int b = int(by / s.h), y = int(by % s.h);
                            float *row = m_transposed + by * m_rowStride;
                            std::fill_n(row, kPad * m_cellStride, 0.0f);
                            for (int k = 0; k < s.c; ++k) {
                                for (int lane = 0; lane < kLanes; ++lane) {
                                    const int n = b * kLanes + lane;
                                    from[lane] = n < s.n ? m_dy.plane(n, k) + y * s.w : nullptr;
                                }
                                planesToLanes(from, s.w, row + kPad * m_cellStride + k * kLanes,
                                              m_cellStride);
                            }
                            std::fill_n(row + (kPad + s.w) * m_cellStride, kPad * m_cellStride,
                                        0.0f);
                        }
                    });
    }

    // dX from dX_t, one batch of kLanes images and one channel at a time.
    void transposeGradInput()
    {
        const std::int64_t cells = m_plan.input.planeSize();
        forEachLanesMap(m_plan.input, m_dx.data(), cells * kLanes,
                        [&](std::int64_t bc, float *const *planes) {
                            lanesToPlanes(m_result + bc * cells * kLanes, cells, planes);
                        });
    }

    // Unit (b, g, block, i_y): one row of dX for kChannels channels of kLanes images.
    void row(std::int64_t unit) const
    {
        const int iy = int(unit % m_plan.input.h);
        std::int64_t rest = unit / m_plan.input.h;
        const int block = int(rest % m_lanes.blocks);
        rest /= m_lanes.blocks;
        const int g = int(rest % m_plan.groups), b = int(rest / m_plan.groups);
        const AxisGeometry &h = m_plan.geometry.h, &w = m_plan.geometry.w;
        const Taps rows = reaching(h, iy, 1);
        const std::int64_t perBlock = std::int64_t(m_filters) * m_taps * kChannels;
        const float *filters = m_packed.data()
                               + (std::int64_t(g) * m_lanes.blocks + block) * perBlock;
        // dY_t at (o_y of the row's first tap, k = the group's first filter).
        const float *maps = m_transposed + b * m_batchStride
                            + (rows.count() ? reached(h, iy, rows.first) * m_rowStride : 0)
                            + std::int64_t(g) * m_filters * kLanes;
        // dY_t's steps from one tap to the next along each axis.
        const std::int64_t yStep = cellsPerTap(h) * m_rowStride;
        const std::int64_t xStep = cellsPerTap(w) * m_cellStride;
        const int channels = std::min(kChannels, m_channels - block * kChannels);
        const int firstChannel = g * m_channels + block * kChannels;
        const std::int64_t wkStride = std::int64_t(m_taps) * kChannels;
        const int wyStride = m_plan.weight.w * kChannels;
        // dY_t where a tile reads its first tap.
        auto start = [&](const RowTile &tile) {
            return maps + (reached(w, tile.ix, tile.columns.first) + kPad) * m_cellStride;
        };
        FloatV acc[2 * kChannels * kPixels];
        for (size_t i = 0; i < m_tiles.size(); ++i) {
            const RowTile &tile = m_tiles[i];
            if (rows.count() == 0 || tile.columns.count() == 0) {
                std::fill(std::begin(acc), std::end(acc), FloatV{});
                store(b, firstChannel, channels, iy, tile.ix, tile.cells, acc);
                continue;
            }
#ifdef CONVSCOPE_AVX512
            const RowTile *next = tile.pairs ? &m_tiles[++i] : nullptr;
            const float *const tiles[2] = {start(tile), next ? start(*next) : nullptr};
            lanesGradInputTileWide(next ? 2 : 1, tiles, m_cellStride, yStep, xStep, filters,
                                   wkStride, wyStride, m_filters, rows, tile.columns, acc);
            store(b, firstChannel, channels, iy, tile.ix, tile.cells, acc);
            if (next)
                store(b, firstChannel, channels, iy, next->ix, next->cells,
                      acc + kChannels * kPixels);
#else
            lanesGradInputTile(start(tile), m_cellStride, yStep, xStep, filters, wkStride, wyStride,
                               m_filters, rows, tile.columns, acc);
            store(b, firstChannel, channels, iy, tile.ix, tile.cells, acc);
#endif
        }
    }

    // The tile's cells into dX_t.
    void store(int b, int firstChannel, int channels, int iy, int ix, int cells,
               const FloatV *acc) const
    {
        const Shape &s = m_plan.input;
        for (int j = 0; j < channels; ++j) {
            float *to = m_result
                        + ((std::int64_t(b) * s.c + firstChannel + j) * s.h + iy) * s.w * kLanes
                        + std::int64_t(ix) * kLanes;
            for (int i = 0; i < cells; ++i)
                storeV(to + std::int64_t(i) * m_plan.geometry.w.stride * kLanes,
                       acc[j * kPixels + i]);
        }
    }

    const Conv2dPlan &m_plan;
    const LanesGeometry m_lanes;
    const int m_filters;
    const int m_channels;
    const int m_taps;
    const std::int64_t m_cellStride;
    const std::int64_t m_rowStride;
    const std::int64_t m_batchStride;
    const std::vector<RowTile> m_tiles;
    const Tensor &m_dy;
    Tensor &m_dx;
    std::vector<float> m_packed;
    float *m_transposed = nullptr;
    float *m_result = nullptr;
};

} // namespace

// Along an axis with a stride, the taps k·D must reach every phase of S cells: a 1×1 kernel at
// stride 2 leaves three cells of dX in four without a tap, and their tiles, and their moves out
// of dX_t, cost more than the GEMM's product and col2im (0.26–0.47 against 0.17–0.21 ms for
// mini-resnet's projections at batch 64).
bool coversEveryPhase(const AxisGeometry &a)
{
    return a.stride == 1 || (a.kernel >= a.stride && std::gcd(a.stride, a.dilation) == 1);
}

LaneBuffers &laneBuffers()
{
    thread_local LaneBuffers buffers;
    return buffers;
}

bool takesLanes(const Conv2dPlan &plan)
{
    const Geometry &g = plan.geometry;
    return g.padMode == PadMode::Zero && coversEveryPhase(g.h) && coversEveryPhase(g.w);
}

std::int64_t lanesGradInputWork(const Conv2dPlan &plan)
{
    const LanesGeometry l = lanesGeometry(plan);
    const std::int64_t multiplyAdds = std::int64_t(l.batches) * kLanes * plan.groups * l.blocks
                                      * kChannels * kPixels * plan.outputChannelsPerGroup()
                                      * l.taps;
    const std::int64_t moved = std::int64_t(l.batches) * kLanes * plan.output.c * plan.output.h
                                   * l.rowWidth
                               + plan.input.count();
    return multiplyAdds + kMoveCost * moved;
}

void lanesGradInput(const Conv2dPlan &plan, const Tensor &weight, const Tensor &gradOutput,
                    Tensor &gradInput)
{
    gradInput.reshape(plan.input);
    LanesGradInput(plan, weight, gradOutput, gradInput).run();
}

} // namespace convscope::conv2d_kernels
