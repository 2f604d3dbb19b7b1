// The kernels that read the input with the images of the batch across a vector's lanes: the
// forward pass and dW of small maps, for any stride and dilation. A cell of kLanes images is one
// aligned vector wherever a window reads it, so a stride-2 window needs neither im2col nor a
// gather, and a tile computes exactly the cells it stores: no wide columns, no padding columns.
//   x_p: N×C×Hp×Wp (the padded input)   W: K×(C/G)×K_h×K_w   y: N×K×O_h×O_w
//   x_t[b, c, y, x, lane] = x_p[b·kLanes + lane, c, y, x]   (zero for images past N)
// Forward (LanesForward), tiles of kFilters filters × kCells cells, or in the AVX-512 build × runs
// of up to kRunCells cells of a row on 512-bit registers (tile4xWide) where the stride along the
// row is 1:
//   y[b·kLanes + lane, g·K_g + k, q] = bias[k] + Σ_(c, k_y, k_x) W[g·K_g + k, c, k_y, k_x]
//                   · x_t[b, g·C_g + c, o_y·S_h + k_y·D_h, o_x·S_w + k_x·D_w, lane]
//   over the cells q = o_y·O_w + o_x of the map, taken a tile at a time, into
//   y_t[b, k, q, lane], which is turned back into y at the end.
// dW and db (LanesGradWeight), tiles of 4 filters × 3 rows (c, k_y, k_x), or of 8 filters × 4
// rows on 512-bit registers in the AVX-512 build (conv2d_tile512.cpp), below.
// Every sum runs in an order set by the plan alone, so the results are the same on any number
// of threads.
#include "core/ops/conv2d_kernels.h"

#include "core/parallel.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace convscope::conv2d_kernels {

namespace {

// tile4x<3>'s shape.
constexpr int kFilters = 4;
constexpr int kCells = 3;
// The cells of a forward tile at most: tile4x's 3, or in the AVX-512 build tile4xWide's 6, a
// run of a row's cells whose windows lie side by side (stride 1 along the row).
#ifdef CONVSCOPE_AVX512
constexpr int kRunCells = 6;
#else
constexpr int kRunCells = kCells;
#endif
// The dW tile's rows of the windows, and the filters whose dY_t lie side by side, a cell of
// each in turn: lanesGradTile's 3 and 1, or in the AVX-512 build gradTileWide's 4 and 2,
// where one register holds a cell of both.
#ifdef CONVSCOPE_AVX512
constexpr int kGradFilters = 8;
constexpr int kGradRows = 4;
constexpr int kSideBySide = 2;
#else
constexpr int kGradFilters = kFilters;
constexpr int kGradRows = 3;
constexpr int kSideBySide = 1;
#endif
// The cells a dW tile takes at a time before the next row block, in runs of one length: the
// AVX-512 build's 8 filters' dY_t of a whole 14×14 map were 50 KB, past the L1 cache, and its
// tiles ran at half their speed. Each run joins and splits the tile's sums again, and runs of 64
// cells (16 KB) took dW of 14×14 maps 7 % longer than two runs of 98 (25 KB) on one thread:
// 2.29 against 2.12 ms for 32 filters over 32 channels. The AVX2 build's 4 filters' fit.
#ifdef CONVSCOPE_AVX512
constexpr std::int64_t kGradCells = 128;
#else
constexpr std::int64_t kGradCells = std::numeric_limits<std::int64_t>::max();
#endif

// A map's cells in runs of kGradCells at most, all of one length.
std::int64_t gradCellRun(std::int64_t cells)
{
    if (cells <= kGradCells)
        return std::max<std::int64_t>(cells, 1);
    const std::int64_t runs = (cells + kGradCells - 1) / kGradCells;
    return (cells + runs - 1) / runs;
}

// Tiles a unit of the forward pass computes: a few units a batch of kLanes images on 28×28
// maps, one on 7×7.
constexpr std::int64_t kTilesPerChunk = 32;
// A moved value (into x_t, or out of y_t) costs about as much as this many multiply-adds,
// turned a block of kLanes × kLanes at a time in registers.
constexpr std::int64_t kMoveCost = 2;

struct LanesShape
{
    int batches;        // groups of kLanes images
    int blocks;         // of kFilters filters, a group
    std::int64_t cells; // O_h·O_w
    std::int64_t tiles; // of kCells cells, a map
};

LanesShape lanesShape(const Conv2dPlan &plan)
{
    LanesShape l;
    l.batches = (plan.input.n + kLanes - 1) / kLanes;
    l.blocks = (plan.outputChannelsPerGroup() + kFilters - 1) / kFilters;
    l.cells = std::int64_t(plan.output.h) * plan.output.w;
    l.tiles = (l.cells + kCells - 1) / kCells;
    return l;
}

// The padded input's layout, which the kernels' offsets follow; its data is x_t's.
Source paddedLayout(const Conv2dPlan &plan)
{
    return {nullptr, plan.input.c, plan.geometry.h.paddedInput(), plan.geometry.w.paddedInput()};
}

// Where the window of each output cell q starts in a map of x_t.
std::vector<std::int64_t> windowStarts(const Conv2dPlan &plan, const Source &src)
{
    const Geometry &g = plan.geometry;
    std::vector<std::int64_t> starts;
    for (int oy = 0; oy < plan.output.h; ++oy) {
        for (int ox = 0; ox < plan.output.w; ++ox)
            starts.push_back((std::int64_t(oy) * g.h.stride * src.wp + ox * g.w.stride) * kLanes);
    }
    return starts;
}

// Where row r = (c, k_y, k_x) of a window reads x_t, whose cells are kLanes floats.
std::vector<std::int64_t> laneOffsets(const Conv2dPlan &plan, const Source &src)
{
    std::vector<std::int64_t> offsets = windowOffsets(plan, src);
    for (std::int64_t &offset : offsets)
        offset *= kLanes;
    return offsets;
}

class LanesForward
{
public:
    LanesForward(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                 std::span<const float> bias, Tensor &out)
        : m_plan(plan)
        , m_input(input)
        , m_src(paddedLayout(plan))
        , m_lanes(lanesShape(plan))
        , m_filters(plan.outputChannelsPerGroup())
        , m_channels(plan.inputChannelsPerGroup())
        , m_rows(m_channels * plan.weight.h * plan.weight.w)
        , m_mapStride(std::int64_t(m_src.hp) * m_src.wp * kLanes)
        , m_bias(bias)
        , m_out(out)
        , m_chunks((m_lanes.tiles + kTilesPerChunk - 1) / kTilesPerChunk)
        , m_packed(packFilterBlocks(plan, weight))
        , m_offsets(laneOffsets(plan, m_src))
        , m_windows(windowStarts(plan, m_src))
    {}

    void run()
    {
        m_transposed = inputToLanes(m_plan, m_input, laneBuffers().first);
        m_result = reuse(laneBuffers().second,
                         std::int64_t(m_lanes.batches) * m_plan.output.c * m_lanes.cells * kLanes);
        const std::int64_t units = std::int64_t(m_lanes.batches) * m_plan.groups * m_chunks;
        const std::int64_t perUnit = std::int64_t(kLanes) * kFilters * m_lanes.blocks * m_rows
                                     * kTilesPerChunk * kCells;
        parallelFor(units, kMinMultiplyAddsPerThread / std::max<std::int64_t>(perUnit, 1) + 1,
                    [this](std::int64_t first, std::int64_t end) {
                        for (std::int64_t u = first; u < end; ++u)
                            tileChunk(u);
                    });
        transposeOutput();
    }

private:
    // y from y_t, one batch of kLanes images and one filter at a time.
    void transposeOutput()
    {
        const std::int64_t mapValues = m_lanes.cells * kLanes;
        forEachLanesMap(m_plan.output, m_out.data(), mapValues,
                        [&](std::int64_t bk, float *const *planes) {
                            lanesToPlanes(m_result + bk * mapValues, m_lanes.cells, planes);
                        });
    }

    // Unit (b, g, chunk): every filter of a group over kTilesPerChunk tiles of kCells cells of
    // kLanes images, each tile through every block of kFilters filters in turn, so that the
    // tile's windows are read from the L1 cache by all but the first block. A block a unit over
    // every cell read them from the L2 cache again for each block: the windows of 16 channels
    // over three rows of a 28×28 map (46 KB) do not fit in L1. A tile past the map's last cell
    // computes that cell again and stores nothing of it.
    void tileChunk(std::int64_t unit) const
    {
        const int chunk = int(unit % m_chunks);
        const std::int64_t rest = unit / m_chunks;
        const int g = int(rest % m_plan.groups), b = int(rest / m_plan.groups);
        const float *maps = m_transposed
                            + (std::int64_t(b) * m_src.channels + std::int64_t(g) * m_channels)
                                  * m_mapStride;
        const std::int64_t firstCell = std::int64_t(chunk) * kTilesPerChunk * kCells;
        const std::int64_t endCell = std::min(m_lanes.cells, firstCell + kTilesPerChunk * kCells);
        FloatV acc[kFilters * kRunCells];
        for (std::int64_t q = firstCell; q < endCell;) {
            const int cells = tileCells(q, endCell);
            for (int block = 0; block < m_lanes.blocks; ++block) {
                const float *packed = m_packed.data()
                                      + (std::int64_t(g) * m_lanes.blocks + block) * m_rows
                                            * kFilters;
                const int perFilter = tile(packed, maps, q, cells, acc);
                store(b, g * m_filters + block * kFilters,
                      std::min(kFilters, m_filters - block * kFilters), q, cells, acc, perFilter);
            }
            q += cells;
        }
    }

    // The cells of the tile at q: kCells, or in the AVX-512 build at stride 1 along the row the
    // run of up to kRunCells to the row's end, the kCells tile taking what is left of it.
    int tileCells(std::int64_t q, std::int64_t endCell) const
    {
        const int cells = int(std::min<std::int64_t>(kCells, endCell - q));
        if (kRunCells == kCells || m_plan.geometry.w.stride != 1)
            return cells;
        const int run = int(std::min<std::int64_t>(
            {kRunCells, m_plan.output.w - q % m_plan.output.w, endCell - q}));
        return run >= 3 ? run : std::min(run, cells);
    }

    // The sums of `cells` cells from q for one block of filters into acc, filter by filter;
    // returns the vectors a filter takes there. A run of 3 or more on tile4xWide, else tile4x
    // with the last cell repeated.
    int tile(const float *packed, const float *maps, std::int64_t q, int cells, FloatV *acc) const
    {
#ifdef CONVSCOPE_AVX512
        if (cells >= 3 && m_plan.geometry.w.stride == 1) {
            tile4xWide(cells, packed, maps + m_windows[size_t(q)], m_offsets.data(), m_rows,
                       reinterpret_cast<float *>(acc), kFilters);
            return cells;
        }
#endif
        const std::int64_t last = q + cells - 1;
        const float *s0 = maps + m_windows[size_t(q)];
        const float *s1 = maps + m_windows[size_t(std::min(q + 1, last))];
        const float *s2 = maps + m_windows[size_t(std::min(q + 2, last))];
        tile4x<3, false>(packed, s0, s1, s2, m_offsets.data(), m_rows, acc);
        return kCells;
    }

    // The tile's cells plus the bias into y_t.
    void store(int b, int firstFilter, int filters, std::int64_t q, int cells, const FloatV *acc,
               int perFilter) const
    {
        for (int f = 0; f < filters; ++f) {
            const FloatV shift = FloatV{}
                                 + (m_bias.empty() ? 0.0f : m_bias[size_t(firstFilter + f)]);
            const std::int64_t map = std::int64_t(b) * m_plan.output.c + firstFilter + f;
            float *to = m_result + (map * m_lanes.cells + q) * kLanes;
            for (int i = 0; i < cells; ++i)
                storeV(to + i * kLanes, acc[f * perFilter + i] + shift);
        }
    }

    const Conv2dPlan &m_plan;
    const Tensor &m_input;
    const Source m_src;
    const LanesShape m_lanes;
    const int m_filters;
    const int m_channels;
    const int m_rows;
    const std::int64_t m_mapStride;
    std::span<const float> m_bias;
    Tensor &m_out;
    const int m_chunks; // of kTilesPerChunk tiles, a map
    const std::vector<float> m_packed;
    const std::vector<std::int64_t> m_offsets;
    const std::vector<std::int64_t> m_windows;
    float *m_transposed = nullptr;
    float *m_result = nullptr;
};

// The lanes of v added in lane order.
float laneTotal(FloatV v)
{
    float values[kLanes];
    storeV(values, v);
    float total = 0.0f;
    for (float value : values)
        total += value;
    return total;
}

// dW and db with the images across the lanes, from x_t and dY_t[b, k, q, lane]:
//   dW[g·K_g + k, r] = Σ_(b, q) Σ_lane dY_t[b, g·K_g + k, q, lane] · x_t[b, window(q) + r, lane]
//   db[k] = Σ_(b, q) Σ_lane dY_t[b, k, q, lane]
// each in one tile of kGradFilters filters × kGradRows rows r = (c, k_y, k_x), whose vector
// sums run over b and q in order and are added up lane by lane at the end: the same on any
// number of threads, and in the AVX-512 build the same as in the AVX2 one.
class LanesGradWeight
{
public:
    LanesGradWeight(const Conv2dPlan &plan, const Tensor &input, const Tensor &gradOutput,
                    float *gradWeight, float *gradBias)
        : m_plan(plan)
        , m_input(input)
        , m_src(paddedLayout(plan))
        , m_lanes(lanesShape(plan))
        , m_filters(plan.outputChannelsPerGroup())
        , m_rows(plan.inputChannelsPerGroup() * plan.weight.h * plan.weight.w)
        , m_blocks((m_filters + kGradFilters - 1) / kGradFilters)
        , m_rowBlocks((m_rows + kGradRows - 1) / kGradRows)
        , m_chunks((m_rowBlocks + kRowBlocksPerUnit - 1) / kRowBlocksPerUnit)
        , m_mapStride(std::int64_t(m_src.hp) * m_src.wp * kLanes)
        , m_dyMaps((m_filters + kSideBySide - 1) / kSideBySide)
        , m_dy(gradOutput)
        , m_gradWeight(gradWeight)
        , m_gradBias(gradBias)
        , m_offsets(laneOffsets(plan, m_src))
        , m_windows(windowStarts(plan, m_src))
        , m_gradCells(gradCellRun(m_lanes.cells))
    {}

    void run()
    {
        LaneBuffers &buffers = laneBuffers();
        m_transposed = inputToLanes(m_plan, m_input, buffers.first);
        gradOutputToLanes(buffers.second);
        const std::int64_t units = std::int64_t(m_plan.groups) * m_blocks * m_chunks;
        const std::int64_t perUnit = std::int64_t(m_lanes.batches) * kLanes * m_lanes.cells
                                     * kGradFilters * kGradRows * kRowBlocksPerUnit;
        parallelFor(units, kMinMultiplyAddsPerThread / std::max<std::int64_t>(perUnit, 1) + 1,
                    [this](std::int64_t first, std::int64_t end) {
                        for (std::int64_t u = first; u < end; ++u)
                            tileUnit(u);
                    });
        if (m_gradBias)
            biases();
    }

private:
    static constexpr int kRowBlocksPerUnit = 16;

    // dY_t[b, g·K_g + k, q, lane] at dyLanes(b, g, k) + q·kSideBySide·kLanes + lane: each
    // group's filters kSideBySide at a time, their cells interleaved.
    float *dyLanes(int b, int g, int k) const
    {
        const std::int64_t maps = (std::int64_t(b) * m_plan.groups + g) * m_dyMaps
                                  + k / kSideBySide;
        return m_gradLanes + maps * kSideBySide * m_lanes.cells * kLanes + k % kSideBySide * kLanes;
    }

    void gradOutputToLanes(std::vector<float> &buffer)
    {
        const std::int64_t mapValues = m_lanes.cells * kLanes;
        m_gradLanes = reuse(buffer, std::int64_t(m_lanes.batches) * m_plan.groups * m_dyMaps
                                        * kSideBySide * mapValues);
        forEachLanesMap(m_plan.output, m_dy.data(), mapValues,
                        [&](std::int64_t bk, const float *const *planes) {
                            const int b = int(bk / m_plan.output.c), k = int(bk % m_plan.output.c);
                            planesToLanes(planes, m_lanes.cells,
                                          dyLanes(b, k / m_filters, k % m_filters),
                                          kSideBySide * kLanes);
                        });
        // The lanes beside a group's odd last filter: read, never stored, but zero, as stale
        // values may be subnormal, which slow a multiply a hundredfold.
        for (int k = m_filters; k % kSideBySide != 0; ++k) {
            for (int b = 0; b < m_lanes.batches; ++b) {
                for (int g = 0; g < m_plan.groups; ++g) {
                    float *map = dyLanes(b, g, k);
                    for (std::int64_t q = 0; q < m_lanes.cells; ++q)
                        storeV(map + q * kSideBySide * kLanes, FloatV{});
                }
            }
        }
    }

    // Unit (g, filter block, chunk of row blocks). For each batch of kLanes images, the chunk's
    // row blocks in turn, so that the 4 filters' dY_t stays in the L1 cache while they read it:
    // a unit of one row block over every batch read dY_t from the L2 cache once a row block, and
    // mini-vgg's 32 filters on 14×14 maps took 2.5 ms for dW against the implicit tiles' 1.6.
    // Filters and rows past the group's last repeat its last and are not stored.
    void tileUnit(std::int64_t unit) const
    {
        const int chunk = int(unit % m_chunks);
        const std::int64_t rest = unit / m_chunks;
        const int block = int(rest % m_blocks), g = int(rest / m_blocks);
        const int firstFilter = block * kGradFilters;
        const int filters = std::min(kGradFilters, m_filters - firstFilter);
        const int firstBlock = chunk * kRowBlocksPerUnit;
        const int blocks = std::min(kRowBlocksPerUnit, m_rowBlocks - firstBlock);
        FloatV acc[kRowBlocksPerUnit][kGradFilters * kGradRows] = {};
        for (int b = 0; b < m_lanes.batches; ++b) {
            const float *dy[kGradFilters];
            for (int f = 0; f < kGradFilters; ++f)
                dy[f] = dyLanes(b, g,
                                firstFilter + std::min(f, filters - 1) / kSideBySide * kSideBySide);
            const float *maps = m_transposed
                                + (std::int64_t(b) * m_src.channels
                                   + std::int64_t(g) * m_plan.inputChannelsPerGroup())
                                      * m_mapStride;
            for (std::int64_t q = 0; q < m_lanes.cells; q += m_gradCells) {
                const std::int64_t cells = std::min(m_gradCells, m_lanes.cells - q);
                const float *from[kGradFilters];
                for (int f = 0; f < kGradFilters; ++f)
                    from[f] = dy[f] + q * kSideBySide * kLanes;
                for (int i = 0; i < blocks; ++i) {
                    const int firstRow = (firstBlock + i) * kGradRows;
                    const int rows = std::min(kGradRows, m_rows - firstRow);
                    const float *x[kGradRows];
                    for (int j = 0; j < kGradRows; ++j)
                        x[j] = maps + m_offsets[size_t(firstRow + std::min(j, rows - 1))];
#ifdef CONVSCOPE_AVX512
                    const float *const pairs[4] = {from[0], from[2], from[4], from[6]};
                    gradTileWide(pairs, x, m_windows.data() + q, cells, acc[i]);
#else
                    lanesGradTile(from, x, m_windows.data() + q, cells, acc[i]);
#endif
                }
            }
        }
        for (int i = 0; i < blocks; ++i) {
            const int firstRow = (firstBlock + i) * kGradRows;
            const int rows = std::min(kGradRows, m_rows - firstRow);
            for (int f = 0; f < filters; ++f) {
                float *to = m_gradWeight + (std::int64_t(g) * m_filters + firstFilter + f) * m_rows
                            + firstRow;
                for (int j = 0; j < rows; ++j)
                    to[j] = laneTotal(acc[i][f * kGradRows + j]);
            }
        }
    }

    void biases() const
    {
        for (int k = 0; k < m_plan.output.c; ++k) {
            FloatV sum = {};
            for (int b = 0; b < m_lanes.batches; ++b) {
                const float *map = dyLanes(b, k / m_filters, k % m_filters);
                for (std::int64_t q = 0; q < m_lanes.cells; ++q)
                    sum += loadV(map + q * kSideBySide * kLanes);
            }
            m_gradBias[k] = laneTotal(sum);
        }
    }

    const Conv2dPlan &m_plan;
    const Tensor &m_input;
    const Source m_src;
    const LanesShape m_lanes;
    const int m_filters;
    const int m_rows;
    const int m_blocks; // of kGradFilters filters, a group
    const int m_rowBlocks;
    const int m_chunks;
    const std::int64_t m_mapStride;
    const int m_dyMaps; // a group's, of kSideBySide filters
    const Tensor &m_dy;
    float *m_gradWeight;
    float *m_gradBias;
    const std::vector<std::int64_t> m_offsets;
    const std::vector<std::int64_t> m_windows;
    const std::int64_t m_gradCells;
    float *m_transposed = nullptr;
    float *m_gradLanes = nullptr;
};

} // namespace

std::int64_t lanesMovedValues(const Conv2dPlan &plan)
{
    return std::int64_t(lanesShape(plan).batches) * kLanes * plan.input.c
               * plan.geometry.h.paddedInput() * plan.geometry.w.paddedInput()
           + plan.output.count();
}

// Padded on the way (a padded copy of the input first cost a pass over it, 2 % of mini-resnet's
// step), one batch of kLanes images and one channel at a time: each padded row turned from the
// input row it mirrors, or zeros, its border cells copied from the turned cells they mirror.
float *inputToLanes(const Conv2dPlan &plan, const Tensor &input, std::vector<float> &buffer)
{
    const Geometry &g = plan.geometry;
    const Shape &s = plan.input;
    const int hp = g.h.paddedInput(), wp = g.w.paddedInput(), left = g.w.padBegin;
    const std::int64_t mapValues = std::int64_t(hp) * wp * kLanes;
    float *transposed = reuse(buffer, std::int64_t((s.n + kLanes - 1) / kLanes) * s.c * mapValues);
    std::vector<int> rowSource, columnSource;
    for (int y = 0; y < hp; ++y)
        rowSource.push_back(sourceIndex(y - g.h.padBegin, s.h, g.padMode));
    std::vector<int> borderColumns; // the padding's, which no input column fills
    for (int x = 0; x < wp; ++x) {
        columnSource.push_back(sourceIndex(x - left, s.w, g.padMode));
        if (x < left || x >= left + s.w)
            borderColumns.push_back(x);
    }
    forEachLanesMap(s, input.data(), mapValues, [&](std::int64_t bc, const float *const *planes) {
        const float *rows[kLanes];
        for (int y = 0; y < hp; ++y) {
            float *to = transposed + bc * mapValues + std::int64_t(y) * wp * kLanes;
            const int sy = rowSource[size_t(y)];
            if (sy < 0) {
                std::fill_n(to, wp * kLanes, 0.0f);
                continue;
            }
            for (int lane = 0; lane < kLanes; ++lane)
                rows[lane] = planes[lane] ? planes[lane] + std::int64_t(sy) * s.w : nullptr;
            planesToLanes(rows, s.w, to + std::int64_t(left) * kLanes);
            for (const int x : borderColumns) {
                const int sx = columnSource[size_t(x)];
                float *cell = to + std::int64_t(x) * kLanes;
                if (sx < 0)
                    std::fill_n(cell, kLanes, 0.0f);
                else
                    std::copy_n(to + std::int64_t(left + sx) * kLanes, kLanes, cell);
            }
        }
    });
    return transposed;
}

std::int64_t lanesForwardWork(const Conv2dPlan &plan)
{
    const LanesShape l = lanesShape(plan);
    const std::int64_t multiplyAdds = std::int64_t(l.batches) * kLanes * plan.groups * l.blocks
                                      * kFilters * l.tiles * kCells * plan.inputChannelsPerGroup()
                                      * plan.weight.h * plan.weight.w;
    return multiplyAdds + kMoveCost * lanesMovedValues(plan);
}

void lanesForward(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                  std::span<const float> bias, Tensor &out)
{
    LanesForward(plan, input, weight, bias, out).run();
}

// dW's moves are counted at 8 multiply-adds: at 2, LeNet-5's first layer (1 channel, 25 rows)
// and mini-resnet's 1×1 stride-2 projections took the lanes and ran 1.3 and 1.8 times as long as
// the implicit tiles and the GEMM, their few rows too few to pay for turning the whole input.
constexpr std::int64_t kGradMoveCost = 8;

// Counted in lanesGradTile's tiles of 4 filters × 3 rows in every build, so that the AVX-512
// build, whose tiles are larger and faster, picks the kernels the others pick.
std::int64_t lanesGradWeightWork(const Conv2dPlan &plan)
{
    constexpr int kCountedRows = 3;
    const LanesShape l = lanesShape(plan);
    const int rows = plan.inputChannelsPerGroup() * plan.weight.h * plan.weight.w;
    const int rowBlocks = (rows + kCountedRows - 1) / kCountedRows;
    const std::int64_t multiplyAdds = std::int64_t(l.batches) * kLanes * plan.groups * l.blocks
                                      * kFilters * rowBlocks * kCountedRows * l.cells;
    return multiplyAdds + kGradMoveCost * lanesMovedValues(plan);
}

void lanesGradWeight(const Conv2dPlan &plan, const Tensor &input, const Tensor &gradOutput,
                     float *gradWeight, float *gradBias)
{
    LanesGradWeight(plan, input, gradOutput, gradWeight, gradBias).run();
}

} // namespace convscope::conv2d_kernels
