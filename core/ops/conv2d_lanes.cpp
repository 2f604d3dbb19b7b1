// dX of stride-1 plans with zero padding, with the images of the batch across a vector's lanes.
//   dY: N×K×O_h×O_w   W: K×(C/G)×K_h×K_w   dX: N×C×H×W
//   dX[n, g·C_g + c, i_y, i_x] = Σ_(k, k_y, k_x) W[g·K_g + k, c, k_y, k_x]
//                                  · dY[n, g·K_g + k, i_y + P_t − k_y·D_h, i_x + P_l − k_x·D_w]
//   over the (k_y, k_x) whose dY cell lies inside dY.
// The implicit kernels compute dX as the full convolution of dY padded by the kernel's reach,
// whose padding is most of a small map: LeNet-5's conv2 (16 filters of 5×5 over 6 channels,
// 10×10 maps) multiplied 3.5 times the values needed. Here a vector holds one cell of kLanes
// images, so that a row of dX is the whole width of the tile: each row i_y sums exactly the
// k_y that reach dY, and each tile of kPixels cells the k_x that reach dY from one of them.
//   dY_t[b, k, o_y, x, lane] = dY[b·kLanes + lane, k, o_y, x − kPad]  (zero outside dY)
//   dX_t[b, c, i_y, i_x, lane], turned into dX at the end
// Tiles of kChannels channels × kPixels cells of a row; every sum runs over k, k_y, k_x in
// order in one tile, so the result is the same on any number of threads.
#include "core/ops/conv2d_kernels.h"

#include "core/parallel.h"

#include <algorithm>
#include <vector>

namespace convscope::conv2d_kernels {

namespace {

// 12 accumulators, 2 dY vectors and a broadcast filter value: 15 of the 16 AVX registers. Six
// channels fit LeNet-5's conv2 exactly; blocks of 2 cells waste little at a row's ends.
constexpr int kChannels = 6;
constexpr int kPixels = 2;
// Columns of zeros on either side of a dY_t row: a tile's second cell may read one cell past
// the row on either side (its first one's k_x range), never more.
constexpr int kPad = kPixels;
// A moved value (into dY_t, or out of dX_t) costs about as much as this many multiply-adds,
// turned a block of kLanes × kLanes at a time in registers.
constexpr std::int64_t kMoveCost = 2;

// Which k_y of the kernel reach dY from row i of dX along one axis: o = i + P − k·D in
// [0, O), for the rows i in [first, last].
struct Taps
{
    int first;
    int last; // inclusive; last < first when none does

    int count() const { return std::max(0, last - first + 1); }
};

Taps reaching(const AxisGeometry &a, int first, int last)
{
    Taps t{0, a.kernel - 1};
    while (t.first <= t.last && first + a.padBegin - t.first * a.dilation >= a.output)
        ++t.first;
    while (t.last >= t.first && last + a.padBegin - t.last * a.dilation < 0)
        --t.last;
    return t;
}

struct LanesGeometry
{
    int batches;       // groups of kLanes images
    int blocks;        // of kChannels channels, a group
    int rowWidth;      // O_w + 2·kPad cells of dY_t
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
        rows += reaching(g.h, y, y).count();
    for (int x = 0; x < plan.input.w; x += kPixels)
        columns += reaching(g.w, x, std::min(x + kPixels, plan.input.w) - 1).count();
    l.taps = rows * columns;
    return l;
}

// acc[j·kPixels + i] = Σ_(k, k_y, k_x) w[k][k_y][k_x][j] · t[k·kStride − k_y·yStep − k_x·xStep
// + i·kLanes], k_y in rows, k_x in columns: the tile's sums, named one by one so that GCC keeps
// them in registers (see conv2d_implicit.cpp).
void tile(const float *t, std::int64_t kStride, std::int64_t yStep, std::int64_t xStep,
          const float *w, std::int64_t wkStride, int wyStride, int filters, Taps rows, Taps columns,
          FloatV *acc)
{
    static_assert(kChannels == 6 && kPixels == 2, "the kernel is written out for 6 × 2");
    FloatV a0 = {}, a1 = {}, b0 = {}, b1 = {}, c0 = {}, c1 = {};
    FloatV d0 = {}, d1 = {}, e0 = {}, e1 = {}, f0 = {}, f1 = {};
    for (int k = 0; k < filters; ++k) {
        for (int ky = rows.first; ky <= rows.last; ++ky) {
            const float *in = t + k * kStride - ky * yStep;
            const float *wy = w + k * wkStride + ky * wyStride;
            for (int kx = columns.first; kx <= columns.last; ++kx) {
                const float *s = in - kx * xStep;
                const FloatV x0 = loadV(s), x1 = loadV(s + kLanes);
                const float *v = wy + kx * kChannels;
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

class LanesGradInput
{
public:
    LanesGradInput(const Conv2dPlan &plan, const Tensor &weight, const Tensor &gradOutput,
                   Tensor &gradInput)
        : m_plan(plan)
        , m_geometry(plan.geometry)
        , m_lanes(lanesGeometry(plan))
        , m_filters(plan.outputChannelsPerGroup())
        , m_channels(plan.inputChannelsPerGroup())
        , m_taps(plan.weight.h * plan.weight.w)
        , m_rowStride(std::int64_t(m_lanes.rowWidth) * kLanes)
        , m_mapStride(m_rowStride * plan.output.h)
        , m_dy(gradOutput)
        , m_dx(gradInput)
    {
        packFilters(weight);
    }

    void run()
    {
        transposeGradOutput();
        std::vector<float> &result = scratch().gradInput;
        result.resize(
            size_t(std::int64_t(m_lanes.batches) * kLanes * m_plan.input.count() / m_plan.input.n));
        m_result = result.data();
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

    // dY_t, one batch of kLanes images and one channel of dY at a time.
    void transposeGradOutput()
    {
        const Shape &s = m_plan.output;
        std::vector<float> &buffer = scratch().gradOutput;
        buffer.resize(size_t(std::int64_t(m_lanes.batches) * s.c * m_mapStride));
        m_transposed = buffer.data();
        parallelFor(std::int64_t(m_lanes.batches) * s.c,
                    kMinCopiedValuesPerThread / std::max<std::int64_t>(m_mapStride, 1) + 1,
                    [&](std::int64_t first, std::int64_t end) {
                        const float *from[kLanes];
                        for (std::int64_t bk = first; bk < end; ++bk) {
                            const int b = int(bk / s.c), k = int(bk % s.c);
                            float *map = m_transposed + bk * m_mapStride;
                            for (int lane = 0; lane < kLanes; ++lane) {
                                const int n = b * kLanes + lane;
                                from[lane] = n < s.n ? m_dy.plane(n, k) : nullptr;
                            }
                            for (int y = 0; y < s.h; ++y) {
                                float *row = map + y * m_rowStride;
                                std::fill_n(row, kPad * kLanes, 0.0f);
                                planesToLanes(from, s.w, row + kPad * kLanes);
                                std::fill_n(row + (kPad + s.w) * kLanes, kPad * kLanes, 0.0f);
                                for (const float *&plane : from)
                                    plane = plane ? plane + s.w : nullptr;
                            }
                        }
                    });
    }

    // dX from dX_t, one batch of kLanes images and one channel at a time.
    void transposeGradInput()
    {
        const Shape &s = m_plan.input;
        const std::int64_t cells = std::int64_t(s.h) * s.w;
        parallelFor(std::int64_t(m_lanes.batches) * s.c,
                    kMinCopiedValuesPerThread / std::max<std::int64_t>(cells * kLanes, 1) + 1,
                    [&](std::int64_t first, std::int64_t end) {
                        float *to[kLanes];
                        for (std::int64_t bc = first; bc < end; ++bc) {
                            const int b = int(bc / s.c), c = int(bc % s.c);
                            for (int lane = 0; lane < kLanes; ++lane) {
                                const int n = b * kLanes + lane;
                                to[lane] = n < s.n ? m_dx.plane(n, c) : nullptr;
                            }
                            lanesToPlanes(m_result + bc * cells * kLanes, cells, to);
                        }
                    });
    }

    struct Scratch
    {
        std::vector<float> gradOutput; // dY_t
        std::vector<float> gradInput;  // dX_t
    };

    // The calling thread's, kept between calls.
    static Scratch &scratch()
    {
        thread_local Scratch buffers;
        return buffers;
    }

    // Unit (b, g, block, i_y): one row of dX for kChannels channels of kLanes images.
    void row(std::int64_t unit) const
    {
        const int iy = int(unit % m_plan.input.h);
        std::int64_t rest = unit / m_plan.input.h;
        const int block = int(rest % m_lanes.blocks);
        rest /= m_lanes.blocks;
        const int g = int(rest % m_plan.groups), b = int(rest / m_plan.groups);
        const AxisGeometry &h = m_geometry.h, &w = m_geometry.w;
        const Taps rows = reaching(h, iy, iy);
        const std::int64_t perBlock = std::int64_t(m_filters) * m_taps * kChannels;
        const float *filters = m_packed.data()
                               + (std::int64_t(g) * m_lanes.blocks + block) * perBlock;
        // dY_t at (k = the group's first filter, o_y for k_y = 0).
        const float *maps = m_transposed
                            + (std::int64_t(b) * m_plan.output.c + std::int64_t(g) * m_filters)
                                  * m_mapStride
                            + std::int64_t(iy + h.padBegin) * m_rowStride;
        const int channels = std::min(kChannels, m_channels - block * kChannels);
        FloatV acc[kChannels * kPixels];
        for (int ix = 0; ix < m_plan.input.w; ix += kPixels) {
            const int cells = std::min(kPixels, m_plan.input.w - ix);
            const Taps columns = reaching(w, ix, ix + cells - 1);
            if (rows.count() == 0 || columns.count() == 0)
                std::fill(std::begin(acc), std::end(acc), FloatV{});
            else
                tile(maps + std::int64_t(ix + w.padBegin + kPad) * kLanes, m_mapStride,
                     std::int64_t(h.dilation) * m_rowStride, std::int64_t(w.dilation) * kLanes,
                     filters, std::int64_t(m_taps) * kChannels, m_plan.weight.w * kChannels,
                     m_filters, rows, columns, acc);
            store(b, g * m_channels + block * kChannels, channels, iy, ix, cells, acc);
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
                storeV(to + i * kLanes, acc[j * kPixels + i]);
        }
    }

    const Conv2dPlan &m_plan;
    const Geometry &m_geometry;
    const LanesGeometry m_lanes;
    const int m_filters;
    const int m_channels;
    const int m_taps;
    const std::int64_t m_rowStride;
    const std::int64_t m_mapStride;
    const Tensor &m_dy;
    Tensor &m_dx;
    std::vector<float> m_packed;
    float *m_transposed = nullptr;
    float *m_result = nullptr;
};

} // namespace

bool takesLanes(const Conv2dPlan &plan)
{
    const Geometry &g = plan.geometry;
    return g.h.stride == 1 && g.w.stride == 1 && g.padMode == PadMode::Zero;
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
