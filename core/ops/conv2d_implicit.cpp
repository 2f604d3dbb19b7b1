// Stride-1 convolutions without im2col: row (c, k_y, k_x) of the columns is the padded plane c
// shifted by one offset, so a run of consecutive columns (wide pixels, as in conv2d_wide.cpp) is
// a run of consecutive floats of the padded input, and the kernels below read it where it lies.
// im2col wrote every input value C·K_h·K_w times and the GEMM packed it again; here nothing is
// copied but the filters, once a call, and dY once for dW.
//   x_p: N×C×Hp×Wp   W: K×(C/G)×K_h×K_w   y: N×K×O_h×O_w
//   q = o_y·W_p + x, for x in [0, W_p) (the wide pixels of one image; x ≥ O_w is dropped)
// Forward (convImplicit), tiles of 4 filters × 24 wide pixels:
//   y[n, g·K_g + k, o_y, x] = b[k] + Σ_(c, k_y, k_x) W[g·K_g + k, c, k_y, k_x]
//                                     · x_p[n, g·C_g + c, q + k_y·D_h·W_p + k_x·D_w]
// dX: the same kernel over dY with the filters turned (conv2d.cpp, tiledGradInput), unless
// conv2d_lanes.cpp computes fewer multiply-adds.
// dW (implicitGradWeight), tiles of 4 filters × 3 rows (c, k_y, k_x), or of 8 × 4 on 512-bit
// registers in the AVX-512 build (conv2d_tile512.cpp), over a block of images:
//   dW[g·K_g + k, c, k_y, k_x] = Σ_(n, q) dY_w[n, g·K_g + k, q] · x_p[n, g·C_g + c, q + offset]
// with dY_w zero at x ≥ O_w. Each sum runs in a fixed order set by the plan (chunks of input
// channels in order, or lanes then their total): the results are bit-identical on any number
// of threads.
#include "core/ops/conv2d_kernels.h"

#include "core/ops/lane_sums.h"
#include "core/parallel.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace convscope::conv2d_kernels {

namespace {

// A tile is kTileFilters filters × kTileVectors vectors of wide pixels: 12 accumulators, with
// the 3 input vectors and a broadcast filter value, 16 of the 16 AVX registers.
constexpr int kTileFilters = 4;
constexpr int kTileVectors = 3;
constexpr int kTileWidth = kTileVectors * kLanes;
constexpr std::int64_t kTileBytes = std::int64_t(1) << 14;
// The most partial sums a thread keeps when the threads split the filters: one tile's for
// every strip of the batch.
constexpr std::int64_t kMaxFilterMajorSums = std::int64_t(1) << 20;

void tile(const float *packed, const float *s, const std::int64_t *offsets, int rows, FloatV *acc)
{
    static_assert(kTileFilters == 4 && kTileVectors == 3, "the tile is tile4x<3>");
    tile4x<3>(packed, s, s + kLanes, s + 2 * kLanes, offsets, rows, acc);
}

// Stores the tile's first `filters` filters at wide pixels [q, q + kTileWidth) of image n, with
// the bias, leaving out the columns x ≥ O_w and the pixels past the image.
void storeTile(const Conv2dPlan &plan, int wp, int n, int firstChannel, int filters, std::int64_t q,
               const FloatV *acc, std::span<const float> bias, Tensor &out)
{
    const int ow = plan.output.w, oh = plan.output.h;
    float values[kTileFilters][kTileWidth];
    float *dst[kTileFilters];
    float shift[kTileFilters];
    for (int f = 0; f < filters; ++f) {
        for (int v = 0; v < kTileVectors; ++v)
            storeV(values[f] + v * kLanes, acc[f * kTileVectors + v]);
        dst[f] = out.plane(n, firstChannel + f);
        shift[f] = bias.empty() ? 0.0f : bias[size_t(firstChannel + f)];
    }
    int oy = int(q / wp), x = int(q % wp);
    for (int at = 0; at < kTileWidth && oy < oh; ++oy, x = 0) {
        const int run = std::min(wp - x, kTileWidth - at);
        const int kept = std::min(run, ow - x);
        for (int f = 0; f < filters; ++f) {
            float *row = dst[f] + std::int64_t(oy) * ow + x;
            const float *from = values[f] + at;
            for (int i = 0; i < kept; ++i)
                row[i] = from[i] + shift[f];
        }
        at += run;
    }
}

// Input channels a tile takes at a time: as many as keep the rows it reads within kTileBytes of
// the L1 cache, so that every filter block finds them there.
int channelsPerChunk(const Conv2dPlan &plan)
{
    const Geometry &g = plan.geometry;
    const std::int64_t lineFloats = 64 / sizeof(float);
    const std::int64_t lines = (kTileWidth + std::int64_t(g.w.kernel - 1) * g.w.dilation)
                                   / lineFloats
                               + 2;
    const std::int64_t perChannel = g.h.kernel * lines * 64;
    return int(std::clamp<std::int64_t>(kTileBytes / perChannel, 1, plan.inputChannelsPerGroup()));
}

// One convolution's tiles: strips of kTileWidth wide pixels of an image (units over (n, strip))
// × blocks of kTileFilters filters of a group, each summed over chunks of input channels.
class ImplicitConv
{
public:
    ImplicitConv(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                 std::span<const float> bias, Tensor &out)
        : m_plan(plan)
        , m_src(src)
        , m_bias(bias)
        , m_out(out)
        , m_channels(plan.inputChannelsPerGroup())
        , m_taps(plan.weight.h * plan.weight.w)
        , m_rows(m_channels * m_taps)
        , m_filters(plan.outputChannelsPerGroup())
        , m_blocks((m_filters + kTileFilters - 1) / kTileFilters)
        , m_strips((std::int64_t(plan.output.h) * src.wp + kTileWidth - 1) / kTileWidth)
        , m_chunk(channelsPerChunk(plan))
        , m_packed(packFilterBlocks(plan, weight))
        , m_offsets(windowOffsets(plan, src))
    {}

    void run()
    {
        const std::int64_t units = std::int64_t(m_plan.output.n) * m_strips;
        const std::int64_t tileMultiplyAdds = std::int64_t(kTileFilters) * m_rows * kTileWidth;
        // When the filters outweigh the input (late layers at batch 1), threads split the
        // filters, each reading its own share once; otherwise they split the pixels.
        const std::int64_t filterValues = std::int64_t(m_plan.groups) * m_blocks * m_rows
                                          * kTileFilters;
        const std::int64_t inputValues = std::int64_t(m_plan.input.n) * m_plan.input.c * m_src.hp
                                         * m_src.wp;
        const std::int64_t sumValues = units * kTileFilters * kTileWidth;
        if (filterValues > inputValues && sumValues <= kMaxFilterMajorSums) {
            parallelFor(std::int64_t(m_plan.groups) * m_blocks,
                        kMinMultiplyAddsPerThread / (tileMultiplyAdds * units) + 1,
                        [this](std::int64_t first, std::int64_t end) { byFilters(first, end); });
            return;
        }
        parallelFor(units, kMinMultiplyAddsPerThread / (tileMultiplyAdds * m_blocks) + 1,
                    [this](std::int64_t first, std::int64_t end) { byPixels(first, end); });
    }

private:
    const float *block(int group, int b, int row) const
    {
        return m_packed.data()
               + ((std::int64_t(group) * m_blocks + b) * m_rows + row) * kTileFilters;
    }

    const float *strip(std::int64_t unit, int group) const
    {
        return m_src.plane(int(unit / m_strips), group * m_channels) + first(unit);
    }

    std::int64_t first(std::int64_t unit) const { return unit % m_strips * kTileWidth; }

    void store(std::int64_t unit, int group, int b, const FloatV *sums) const
    {
        const int k = b * kTileFilters;
        storeTile(m_plan, m_src.wp, int(unit / m_strips), group * m_filters + k,
                  std::min(kTileFilters, m_filters - k), first(unit), sums, m_bias, m_out);
    }

    // Units [first, end), each through every filter block, a chunk of channels at a time: the
    // strip's input rows stay in L1 while the filters stream past.
    void byPixels(std::int64_t firstUnit, std::int64_t endUnit) const
    {
        std::vector<FloatV> sums(size_t(m_blocks) * kTileFilters * kTileVectors);
        for (std::int64_t u = firstUnit; u < endUnit; ++u) {
            for (int g = 0; g < m_plan.groups; ++g) {
                std::fill(sums.begin(), sums.end(), FloatV{});
                for (int c = 0; c < m_channels; c += m_chunk) {
                    const int r = c * m_taps, count = std::min(m_chunk, m_channels - c) * m_taps;
                    for (int b = 0; b < m_blocks; ++b)
                        tile(block(g, b, r), strip(u, g), m_offsets.data() + r, count,
                             sums.data() + b * kTileFilters * kTileVectors);
                }
                for (int b = 0; b < m_blocks; ++b)
                    store(u, g, b, sums.data() + b * kTileFilters * kTileVectors);
            }
        }
    }

    // Filter blocks [first, end) of (group, block), each over every unit, a chunk of channels
    // at a time: the chunk's filters stay in L1 while the strips stream past.
    void byFilters(std::int64_t firstBlock, std::int64_t endBlock) const
    {
        const std::int64_t units = std::int64_t(m_plan.output.n) * m_strips;
        std::vector<FloatV> sums(size_t(units) * kTileFilters * kTileVectors);
        for (std::int64_t gb = firstBlock; gb < endBlock; ++gb) {
            const int g = int(gb / m_blocks), b = int(gb % m_blocks);
            std::fill(sums.begin(), sums.end(), FloatV{});
            for (int c = 0; c < m_channels; c += m_chunk) {
                const int r = c * m_taps, count = std::min(m_chunk, m_channels - c) * m_taps;
                for (std::int64_t u = 0; u < units; ++u)
                    tile(block(g, b, r), strip(u, g), m_offsets.data() + r, count,
                         sums.data() + u * kTileFilters * kTileVectors);
            }
            for (std::int64_t u = 0; u < units; ++u)
                store(u, g, b, sums.data() + u * kTileFilters * kTileVectors);
        }
    }

    const Conv2dPlan &m_plan;
    const Source &m_src;
    std::span<const float> m_bias;
    Tensor &m_out;
    const int m_channels;
    const int m_taps;
    const int m_rows;
    const int m_filters;
    const int m_blocks;
    const std::int64_t m_strips;
    const int m_chunk;
    const std::vector<float> m_packed;
    const std::vector<std::int64_t> m_offsets;
};

// The weight gradient's tile: kTileFilters filters × kTileRows rows (c, k_y, k_x), summed over
// the wide pixels of `images` images a vector at a time, twelve lane-wise sums:
//   acc[f·kTileRows + i] = Σ_n Σ_q dY_w[f][n·pixels + q] · x_p[n][q + offset_i]
// for q in [0, pixels), a multiple of kLanes; dy[f] are the filters' rows of dY in the wide
// layout (zero at x ≥ O_w and past the image), x[i] the rows' start in the first padded image,
// the next image imageStride further on.
constexpr int kTileRows = 3;
// The tiles dW takes: gradTile's, or in the AVX-512 build gradTileWide's 8 filters × 4 rows,
// dY_w's filters in pairs, their vectors interleaved.
#ifdef CONVSCOPE_AVX512
constexpr int kGradFilters = 8;
constexpr int kGradRows = 4;
constexpr std::int64_t kGradVectors = 64; // 16 KB of dY_w
#else
constexpr int kGradFilters = kTileFilters;
constexpr int kGradRows = kTileRows;
#endif

#ifndef CONVSCOPE_AVX512
void gradTile(const float *const (&dy)[kTileFilters], const float *const (&x)[kTileRows],
              std::int64_t pixels, int images, std::int64_t imageStride, FloatV *acc)
{
    static_assert(kTileFilters == 4 && kTileRows == 3, "the kernel is written out for 4 × 3");
    FloatV c00 = {}, c01 = {}, c02 = {}, c10 = {}, c11 = {}, c12 = {};
    FloatV c20 = {}, c21 = {}, c22 = {}, c30 = {}, c31 = {}, c32 = {};
    for (int n = 0; n < images; ++n) {
        const float *x0p = x[0] + n * imageStride, *x1p = x[1] + n * imageStride,
                    *x2p = x[2] + n * imageStride;
        const std::int64_t at = n * pixels;
        for (std::int64_t q = 0; q < pixels; q += kLanes) {
            const FloatV x0 = loadV(x0p + q), x1 = loadV(x1p + q), x2 = loadV(x2p + q);
            FloatV d = loadV(dy[0] + at + q);
            c00 = d * x0 + c00, c01 = d * x1 + c01, c02 = d * x2 + c02;
            d = loadV(dy[1] + at + q);
            c10 = d * x0 + c10, c11 = d * x1 + c11, c12 = d * x2 + c12;
            d = loadV(dy[2] + at + q);
            c20 = d * x0 + c20, c21 = d * x1 + c21, c22 = d * x2 + c22;
            d = loadV(dy[3] + at + q);
            c30 = d * x0 + c30, c31 = d * x1 + c31, c32 = d * x2 + c32;
        }
    }
    const FloatV sums[] = {c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32};
    for (int i = 0; i < kTileFilters * kTileRows; ++i)
        acc[i] = sums[i];
}
#endif

// dY of the group's filters over the block's images in the wide layout, each image's O_h·W_p
// pixels rounded up to whole vectors: dyw[k][n·pixels + o_y·W_p + x] = dY[n, g·K_g + k, o_y, x]
// for x < O_w, zero elsewhere.
void gatherGradient(const Conv2dPlan &plan, int wp, std::int64_t pixels, int group, int firstImage,
                    int images, const Tensor &gradOutput, std::vector<float> &dyw)
{
    const int filters = plan.outputChannelsPerGroup(), ow = plan.output.w;
    dyw.assign(size_t(filters) * images * pixels, 0.0f);
    for (int k = 0; k < filters; ++k) {
        for (int n = 0; n < images; ++n) {
            const float *from = gradOutput.plane(firstImage + n, group * filters + k);
            float *to = dyw.data() + (std::int64_t(k) * images + n) * pixels;
            for (int y = 0; y < plan.output.h; ++y)
                std::memcpy(to + std::int64_t(y) * wp, from + std::int64_t(y) * ow,
                            size_t(ow) * sizeof(float));
        }
    }
}

} // namespace

std::int64_t implicitGradPixels(const Conv2dPlan &plan, int wp)
{
    const std::int64_t wide = std::int64_t(plan.output.h) * wp;
    return (wide + kLanes - 1) / kLanes * kLanes;
}

void implicitGradWeight(const Conv2dPlan &plan, const Source &src, int group, int firstImage,
                        int images, const Tensor &gradOutput, float *gradWeight, float *gradBias)
{
    const int filters = plan.outputChannelsPerGroup();
    const int channels = plan.inputChannelsPerGroup();
    const int rows = channels * plan.weight.h * plan.weight.w;
    const std::int64_t pixels = implicitGradPixels(plan, src.wp);
    thread_local std::vector<float> dyw;
    gatherGradient(plan, src.wp, pixels, group, firstImage, images, gradOutput, dyw);
    const std::vector<std::int64_t> offsets = windowOffsets(plan, src);
    const std::int64_t ld = pixels * images;
    const int filterTiles = (filters + kGradFilters - 1) / kGradFilters;
    const int rowTiles = (rows + kGradRows - 1) / kGradRows;
    constexpr int kTile = kGradFilters * kGradRows;
    std::vector<FloatV> sums(size_t(filterTiles) * rowTiles * kTile);
    // Past the last filter or row, a tile repeats the last one and drops what it sums.
    const float *image = src.plane(firstImage, group * channels);
    const std::int64_t imageStride = std::int64_t(src.channels) * src.hp * src.wp;
#ifdef CONVSCOPE_AVX512
    // dY_w's vectors t = (n, q / kLanes) in pairs of filters, and where each reads the input.
    const std::int64_t vectors = ld / kLanes;
    thread_local std::vector<float> pairs;
    thread_local std::vector<std::int64_t> windows;
    const int pairCount = (filters + 1) / 2;
    reuse(pairs, std::int64_t(pairCount) * 2 * ld);
    for (int k = 0; k < 2 * pairCount; ++k) {
        const float *from = dyw.data() + std::int64_t(std::min(k, filters - 1)) * ld;
        float *to = pairs.data() + std::int64_t(k / 2) * 2 * ld + k % 2 * kLanes;
        for (std::int64_t t = 0; t < vectors; ++t)
            storeV(to + t * 2 * kLanes, loadV(from + t * kLanes));
    }
    windows.resize(size_t(vectors));
    for (std::int64_t t = 0; t < vectors; ++t)
        windows[size_t(t)] = t * kLanes / pixels * imageStride + t * kLanes % pixels;
    // kGradVectors at a time through every tile, their 8 filters' dY_w in the L1 cache: through
    // one tile at a time, dY_w came from the L2 cache, and the tiles ran at half their speed.
    for (std::int64_t t0 = 0; t0 < vectors; t0 += kGradVectors) {
        const std::int64_t count = std::min<std::int64_t>(kGradVectors, vectors - t0);
        for (int fb = 0; fb < filterTiles; ++fb) {
            const float *d[4];
            for (int p = 0; p < 4; ++p)
                d[p] = pairs.data() + std::int64_t(std::min(fb * 4 + p, pairCount - 1)) * 2 * ld
                       + t0 * 2 * kLanes;
            for (int rb = 0; rb < rowTiles; ++rb) {
                const float *x[kGradRows];
                for (int i = 0; i < kGradRows; ++i)
                    x[i] = image + offsets[size_t(std::min(rb * kGradRows + i, rows - 1))];
                gradTileWide(d, x, windows.data() + t0, count,
                             sums.data() + (size_t(fb) * rowTiles + rb) * kTile);
            }
        }
    }
#else
    for (int fb = 0; fb < filterTiles; ++fb) {
        const float *d[kGradFilters];
        for (int f = 0; f < kGradFilters; ++f)
            d[f] = dyw.data() + std::min(fb * kGradFilters + f, filters - 1) * ld;
        for (int rb = 0; rb < rowTiles; ++rb) {
            const float *x[kGradRows];
            for (int i = 0; i < kGradRows; ++i)
                x[i] = image + offsets[size_t(std::min(rb * kGradRows + i, rows - 1))];
            gradTile(d, x, pixels, images, imageStride,
                     sums.data() + (size_t(fb) * rowTiles + rb) * kTile);
        }
    }
#endif
    for (int k = 0; k < filters; ++k) {
        for (int r = 0; r < rows; ++r) {
            const size_t at = (size_t(k / kGradFilters) * rowTiles + r / kGradRows) * kTile
                              + (k % kGradFilters) * kGradRows + r % kGradRows;
            float lanes[kLanes];
            storeV(lanes, sums[at]);
            float total = 0.0f;
            for (float lane : lanes)
                total += lane;
            gradWeight[std::int64_t(k) * rows + r] = total;
        }
        if (gradBias) {
            const float *row = dyw.data() + std::int64_t(k) * ld;
            LaneSums<float> sum;
            sum.add(ld, [row](std::int64_t j) { return row[j]; });
            gradBias[k] = sum.total();
        }
    }
}

std::vector<std::int64_t> windowOffsets(const Conv2dPlan &plan, const Source &src)
{
    const Geometry &g = plan.geometry;
    std::vector<std::int64_t> offsets;
    for (int c = 0; c < plan.inputChannelsPerGroup(); ++c) {
        for (int ky = 0; ky < g.h.kernel; ++ky) {
            for (int kx = 0; kx < g.w.kernel; ++kx)
                offsets.push_back(std::int64_t(c) * src.hp * src.wp
                                  + std::int64_t(ky) * g.h.dilation * src.wp + kx * g.w.dilation);
        }
    }
    return offsets;
}

// Written in order and on every thread: resnet18's last layers pack 2.4 million values for one
// image, and a scatter over the filters one at a time took a fifth of their time.
std::vector<float> packFilterBlocks(const Conv2dPlan &plan, const Tensor &weight)
{
    const int filters = plan.outputChannelsPerGroup();
    const int rows = plan.inputChannelsPerGroup() * plan.weight.h * plan.weight.w;
    const int blocks = (filters + kTileFilters - 1) / kTileFilters;
    std::vector<float> packed(size_t(plan.groups) * blocks * rows * kTileFilters);
    const std::int64_t blockValues = std::int64_t(rows) * kTileFilters;
    parallelFor(std::int64_t(plan.groups) * blocks, kMinCopiedValuesPerThread / blockValues + 1,
                [&](std::int64_t first, std::int64_t end) {
                    for (std::int64_t gb = first; gb < end; ++gb) {
                        const int g = int(gb / blocks), k = int(gb % blocks) * kTileFilters;
                        const float *w[kTileFilters];
                        for (int f = 0; f < kTileFilters; ++f)
                            w[f] = k + f < filters
                                       ? weight.data() + (std::int64_t(g) * filters + k + f) * rows
                                       : nullptr;
                        float *p = packed.data() + gb * blockValues;
                        for (int r = 0; r < rows; ++r, p += kTileFilters) {
                            for (int f = 0; f < kTileFilters; ++f)
                                p[f] = w[f] ? w[f][r] : 0.0f;
                        }
                    }
                });
    return packed;
}

// The unused wide columns, and the strip's columns past an image's last, cost multiply-adds
// here, not copies. Over a batch the tiles beat the GEMM with a third of them unused
// (mini-resnet's 64-channel 7×7 layer at batch 64, which the GEMM's wide layout leaves out:
// forward and backward 12.1 → 10.3 ms on one core); at batch 1 they need three of four used,
// as resnet18's 512-filter 7×7 layers run a GEMM of 512 × 49 × 4,608 at 75 GFLOP/s a core
// (1.5 ms on two threads, the tiles 2.1). Below kImplicitMinRows values a filter the tiles are
// mostly setup: a first layer's 1×3×3 filters ran at 0.33 ms against the GEMM's 0.24, 1×5×5
// already at 0.27 against 0.30.
constexpr int kImplicitMinRows = 16;
constexpr int kImplicitBatch = 8;

bool takesImplicit(const Conv2dPlan &plan)
{
    const Geometry &g = plan.geometry;
    if (g.h.stride != 1 || g.w.stride != 1 || takesDirectKernels(plan)
        || plan.inputChannelsPerGroup() * plan.weight.h * plan.weight.w < kImplicitMinRows)
        return false;
    const std::int64_t used = std::int64_t(plan.output.h) * plan.output.w;
    const std::int64_t wide = std::int64_t(plan.output.h) * g.w.paddedInput();
    const std::int64_t computed = (wide + kTileWidth - 1) / kTileWidth * kTileWidth;
    return plan.input.n >= kImplicitBatch ? used * 3 >= computed * 2 : used * 4 >= computed * 3;
}

std::int64_t implicitMultiplyAdds(const Conv2dPlan &plan)
{
    const std::int64_t blocks = (plan.outputChannelsPerGroup() + kTileFilters - 1) / kTileFilters;
    const std::int64_t wide = std::int64_t(plan.output.h) * plan.geometry.w.paddedInput();
    const std::int64_t strips = (wide + kTileWidth - 1) / kTileWidth;
    return std::int64_t(plan.output.n) * plan.groups * blocks * kTileFilters * strips * kTileWidth
           * plan.inputChannelsPerGroup() * plan.weight.h * plan.weight.w;
}

int implicitSlack(const Conv2dPlan &plan)
{
    return kTileWidth + (plan.geometry.w.kernel - 1) * plan.geometry.w.dilation;
}

void convImplicit(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                  std::span<const float> bias, Tensor &out)
{
    ImplicitConv(plan, src, weight, bias, out).run();
}

} // namespace convscope::conv2d_kernels
