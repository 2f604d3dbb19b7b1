// The forward pass of small maps with the images of the batch across a vector's lanes, for any
// stride and dilation. A cell of kLanes images is one aligned vector wherever a window reads
// it, so a stride-2 window needs neither im2col nor a gather, and a tile computes exactly the
// cells it stores: no wide columns, no padding columns.
//   x_p: N×C×Hp×Wp (the padded input)   W: K×(C/G)×K_h×K_w   y: N×K×O_h×O_w
//   x_t[b, c, y, x, lane] = x_p[b·kLanes + lane, c, y, x]   (zero for images past N)
//   y[b·kLanes + lane, g·K_g + k, q] = bias[k] + Σ_(c, k_y, k_x) W[g·K_g + k, c, k_y, k_x]
//                   · x_t[b, g·C_g + c, o_y·S_h + k_y·D_h, o_x·S_w + k_x·D_w, lane]
//   over the cells q = o_y·O_w + o_x of the map, taken kCells at a time, into
//   y_t[b, k, q, lane], which is turned back into y at the end.
// Tiles of kFilters filters × kCells cells; every sum runs over c, k_y, k_x in order in one
// tile, so the result is the same on any number of threads.
#include "core/ops/conv2d_kernels.h"

#include "core/parallel.h"

#include <algorithm>
#include <vector>

namespace convscope::conv2d_kernels {

namespace {

// tile4x3's shape.
constexpr int kFilters = 4;
constexpr int kCells = 3;
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

class LanesForward
{
public:
    LanesForward(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                 std::span<const float> bias, Tensor &out)
        : m_plan(plan)
        , m_src(src)
        , m_lanes(lanesShape(plan))
        , m_filters(plan.outputChannelsPerGroup())
        , m_channels(plan.inputChannelsPerGroup())
        , m_rows(m_channels * plan.weight.h * plan.weight.w)
        , m_mapStride(std::int64_t(src.hp) * src.wp * kLanes)
        , m_bias(bias)
        , m_out(out)
        , m_packed(packFilterBlocks(plan, weight))
        , m_offsets(windowOffsets(plan, src))
    {
        // Where row r = (c, k_y, k_x) reads x_t, whose cells are kLanes floats.
        for (std::int64_t &offset : m_offsets)
            offset *= kLanes;
    }

    void run()
    {
        transposeInput();
        std::vector<float> &result = scratch().output;
        result.resize(
            size_t(std::int64_t(m_lanes.batches) * m_plan.output.c * m_lanes.cells * kLanes));
        m_result = result.data();
        const std::int64_t units = std::int64_t(m_lanes.batches) * m_plan.groups * m_lanes.blocks;
        const std::int64_t perUnit = std::int64_t(kLanes) * kFilters * m_rows * m_lanes.tiles
                                     * kCells;
        parallelFor(units, kMinMultiplyAddsPerThread / std::max<std::int64_t>(perUnit, 1) + 1,
                    [this](std::int64_t first, std::int64_t end) {
                        for (std::int64_t u = first; u < end; ++u)
                            filterBlock(u);
                    });
        transposeOutput();
    }

private:
    // x_t, one batch of kLanes images and one channel at a time.
    void transposeInput()
    {
        std::vector<float> &buffer = scratch().input;
        buffer.resize(size_t(std::int64_t(m_lanes.batches) * m_src.channels * m_mapStride));
        m_transposed = buffer.data();
        const std::int64_t plane = std::int64_t(m_src.hp) * m_src.wp;
        parallelFor(std::int64_t(m_lanes.batches) * m_src.channels,
                    kMinCopiedValuesPerThread / std::max<std::int64_t>(m_mapStride, 1) + 1,
                    [&](std::int64_t first, std::int64_t end) {
                        const float *from[kLanes];
                        for (std::int64_t bc = first; bc < end; ++bc) {
                            const int b = int(bc / m_src.channels), c = int(bc % m_src.channels);
                            for (int lane = 0; lane < kLanes; ++lane) {
                                const int n = b * kLanes + lane;
                                from[lane] = n < m_plan.input.n ? m_src.plane(n, c) : nullptr;
                            }
                            planesToLanes(from, plane, m_transposed + bc * m_mapStride);
                        }
                    });
    }

    // y from y_t, one batch of kLanes images and one filter at a time.
    void transposeOutput()
    {
        const Shape &s = m_plan.output;
        const std::int64_t mapValues = m_lanes.cells * kLanes;
        parallelFor(std::int64_t(m_lanes.batches) * s.c,
                    kMinCopiedValuesPerThread / std::max<std::int64_t>(mapValues, 1) + 1,
                    [&](std::int64_t first, std::int64_t end) {
                        float *to[kLanes];
                        for (std::int64_t bk = first; bk < end; ++bk) {
                            const int b = int(bk / s.c), k = int(bk % s.c);
                            for (int lane = 0; lane < kLanes; ++lane) {
                                const int n = b * kLanes + lane;
                                to[lane] = n < s.n ? m_out.plane(n, k) : nullptr;
                            }
                            lanesToPlanes(m_result + bk * mapValues, m_lanes.cells, to);
                        }
                    });
    }

    struct Scratch
    {
        std::vector<float> input;  // x_t
        std::vector<float> output; // y_t
    };

    // The calling thread's, kept between calls.
    static Scratch &scratch()
    {
        thread_local Scratch buffers;
        return buffers;
    }

    // Where the window of cell q starts in x_t's map of one channel.
    std::int64_t windowAt(std::int64_t q) const
    {
        const std::int64_t oy = q / m_plan.output.w, ox = q % m_plan.output.w;
        return (oy * m_plan.geometry.h.stride * m_src.wp + ox * m_plan.geometry.w.stride) * kLanes;
    }

    // Unit (b, g, block): kFilters filters of a group over every cell of kLanes images. A tile
    // past the map's last cell computes that cell again and stores nothing of it.
    void filterBlock(std::int64_t unit) const
    {
        const int block = int(unit % m_lanes.blocks);
        const std::int64_t rest = unit / m_lanes.blocks;
        const int g = int(rest % m_plan.groups), b = int(rest / m_plan.groups);
        const float *packed = m_packed.data()
                              + (std::int64_t(g) * m_lanes.blocks + block) * m_rows * kFilters;
        const float *maps = m_transposed
                            + (std::int64_t(b) * m_src.channels + std::int64_t(g) * m_channels)
                                  * m_mapStride;
        const int firstFilter = g * m_filters + block * kFilters;
        const int filters = std::min(kFilters, m_filters - block * kFilters);
        FloatV acc[kFilters * kCells];
        for (std::int64_t q = 0; q < m_lanes.cells; q += kCells) {
            const int cells = int(std::min<std::int64_t>(kCells, m_lanes.cells - q));
            const std::int64_t last = q + cells - 1;
            std::fill(std::begin(acc), std::end(acc), FloatV{});
            tile4x3(packed, maps + windowAt(q), maps + windowAt(std::min(q + 1, last)),
                    maps + windowAt(std::min(q + 2, last)), m_offsets.data(), m_rows, acc);
            store(b, firstFilter, filters, q, cells, acc);
        }
    }

    // The tile's cells plus the bias into y_t.
    void store(int b, int firstFilter, int filters, std::int64_t q, int cells,
               const FloatV *acc) const
    {
        for (int f = 0; f < filters; ++f) {
            const FloatV shift = FloatV{}
                                 + (m_bias.empty() ? 0.0f : m_bias[size_t(firstFilter + f)]);
            const std::int64_t map = std::int64_t(b) * m_plan.output.c + firstFilter + f;
            float *to = m_result + (map * m_lanes.cells + q) * kLanes;
            for (int i = 0; i < cells; ++i)
                storeV(to + i * kLanes, acc[f * kCells + i] + shift);
        }
    }

    const Conv2dPlan &m_plan;
    const Source &m_src;
    const LanesShape m_lanes;
    const int m_filters;
    const int m_channels;
    const int m_rows;
    const std::int64_t m_mapStride;
    std::span<const float> m_bias;
    Tensor &m_out;
    const std::vector<float> m_packed;
    std::vector<std::int64_t> m_offsets;
    float *m_transposed = nullptr;
    float *m_result = nullptr;
};

} // namespace

std::int64_t lanesForwardWork(const Conv2dPlan &plan)
{
    const LanesShape l = lanesShape(plan);
    const std::int64_t multiplyAdds = std::int64_t(l.batches) * kLanes * plan.groups * l.blocks
                                      * kFilters * l.tiles * kCells * plan.inputChannelsPerGroup()
                                      * plan.weight.h * plan.weight.w;
    const std::int64_t moved = std::int64_t(l.batches) * kLanes * plan.input.c
                                   * plan.geometry.h.paddedInput() * plan.geometry.w.paddedInput()
                               + plan.output.count();
    return multiplyAdds + kMoveCost * moved;
}

void lanesForward(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                  std::span<const float> bias, Tensor &out)
{
    LanesForward(plan, src, weight, bias, out).run();
}

} // namespace convscope::conv2d_kernels
