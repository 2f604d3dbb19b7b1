// The fast convolution, in the order it runs: the plan (every shape checked once), the padded
// input, im2col and col2im over blocks of output pixels, the forward pass (one GEMM per block)
// and the backward pass beside it. Few filters a group, depthwise ones among them, take the
// direct kernels of conv2d_direct.cpp instead of the GEMM; stride-1 plans on wide enough rows
// gather their columns a whole padded row at a time (conv2d_wide.cpp), and, with enough values
// a filter, compute their forward pass, dX and dW without columns (conv2d_implicit.cpp); on
// small maps, dX takes the batch's images across the lanes instead (conv2d_lanes.cpp); 3×3
// filters at stride 1 may take Winograd's minimal filtering (conv2d_winograd.cpp, and
// conv2d_winograd_lanes.cpp with the images across the lanes).
//   x: N×C×H×W   W: K×(C/G)×K_h×K_w   y: N×K×O_h×O_w
#include "core/ops/conv2d.h"

#include "core/ops/conv2d_kernels.h"
#include "core/ops/gemm.h"
#include "core/ops/lane_sums.h"
#include "core/parallel.h"

#include <Eigen/Core>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace convscope {

namespace {

using namespace conv2d_kernels;

constexpr std::int64_t kMaxTensorValues = std::int64_t(1) << 28;
// im2col columns per block: enough for an efficient GEMM, few enough for the block to stay in
// the L2 cache. But never fewer than kMinBlockColumns where the batch has them: the GEMM packs
// its filters anew for every block, and with blocks of one 58-wide output row (resnet18's
// 64-filter layers at batch 1) packing took a tenth of the forward pass.
constexpr std::int64_t kBlockValues = std::int64_t(1) << 16;
constexpr std::int64_t kMinBlockColumns = 256;
// implicitGradWeight's blocks of whole images: at least kMinGradPixels wide pixels, as a tile
// over one 14×16 image spent as long setting up as summing, but at least kMinGradBlocks blocks
// where the batch has the images, to keep the threads busy.
constexpr std::int64_t kMinGradPixels = 2048;
constexpr int kMinGradBlocks = 4;

std::optional<Error> checkShapes(const Shape &input, const Shape &weight, int biasCount, int groups)
{
    if (input.n < 1 || input.c < 1)
        return makeError("input ", input.toString(), " needs at least one image of one channel");
    if (weight.n < 1 || weight.c < 1 || weight.h < 1 || weight.w < 1)
        return makeError("weight ", weight.toString(),
                         " needs at least one filter of one channel and a 1×1 kernel");
    if (groups < 1)
        return makeError("groups ", groups, ": must be at least 1");
    if (input.c % groups != 0)
        return makeError("input channels ", input.c, " cannot be split into ", groups,
                         " groups: use a number of groups that divides ", input.c);
    if (weight.n % groups != 0)
        return makeError(weight.n, " filters cannot be split into ", groups,
                         " groups: use a number of filters that is a multiple of ", groups);
    if (weight.c != input.c / groups)
        return makeError("weight of size ", weight.toString(), " expects input with ",
                         weight.c * groups, " channels, but got ", input.c,
                         " channels: each filter needs one sub-filter per input channel",
                         groups > 1 ? " of its group" : "");
    if (biasCount != 0 && biasCount != weight.n)
        return makeError("bias has ", biasCount, " values but there are ", weight.n,
                         " filters: give one bias per filter, or none");
    return std::nullopt;
}

Tensor flipped(const Tensor &weight)
{
    const Shape &s = weight.shape();
    Tensor result(s);
    for (int k = 0; k < s.n; ++k) {
        for (int c = 0; c < s.c; ++c) {
            for (int y = 0; y < s.h; ++y) {
                for (int x = 0; x < s.w; ++x)
                    result.at(k, c, y, x) = weight.at(k, c, s.h - 1 - y, s.w - 1 - x);
            }
        }
    }
    return result;
}

// Input N×C×H×W → N×C×Hp×Wp with the pad mode applied, so that the kernels below read a
// plain "valid" window with no bounds checks. Each padded row is the input row it mirrors (or
// zeros), copied whole, with only its padding cells looked up. Rows are independent, so the
// pool copies them: a serial copy of a batch's 4 MB took a tenth of a small convolution's time,
// and a copy by planes left one of two threads idle a third of the time on an RGB image.
void padInput(const Tensor &input, const Geometry &g, std::vector<float> &padded)
{
    const Shape &s = input.shape();
    const int hp = g.h.paddedInput();
    const int wp = g.w.paddedInput();
    const int left = g.w.padBegin;
    std::vector<int> borderSource;
    for (int x = 0; x < wp; ++x) {
        if (x < left || x >= left + s.w)
            borderSource.push_back(sourceIndex(x - left, s.w, g.padMode));
    }
    float *paddedData = reuse(padded, std::int64_t(s.n) * s.c * hp * wp);
    parallelFor(std::int64_t(s.n) * s.c * hp, kMinCopiedValuesPerThread / wp + 1,
                [&](std::int64_t firstRow, std::int64_t endRow) {
                    for (std::int64_t r = firstRow; r < endRow; ++r) {
                        const std::int64_t plane = r / hp;
                        const int y = int(r % hp);
                        const int sy = sourceIndex(y - g.h.padBegin, s.h, g.padMode);
                        float *out = paddedData + r * wp;
                        if (sy < 0) {
                            std::fill(out, out + wp, 0.0f);
                            continue;
                        }
                        const float *row = input.data() + (plane * s.h + sy) * s.w;
                        std::memcpy(out + left, row, size_t(s.w) * sizeof(float));
                        size_t b = 0;
                        for (int x = 0; x < left; ++x, ++b)
                            out[x] = borderSource[b] < 0 ? 0.0f : row[borderSource[b]];
                        for (int x = left + s.w; x < wp; ++x, ++b)
                            out[x] = borderSource[b] < 0 ? 0.0f : row[borderSource[b]];
                    }
                });
}

// Scratch memory of the calling thread, kept between calls: fresh multi-megabyte buffers on
// every call cost more in page faults than a small convolution costs to compute.
struct Workspace
{
    std::vector<float> padded;
    std::vector<float> columns;
    std::vector<float> product;
    std::vector<float> gradColumns;
    // The backward pass's, on the calling thread.
    std::vector<float> backwardPadded;
    std::vector<float> gradPadded;
    std::vector<float> partials;
};

Workspace &workspace()
{
    thread_local Workspace w;
    return w;
}

// The input as the kernels read it: itself, or padded into `buffer` when the plan pads.
Source paddedSource(const Conv2dPlan &plan, const Tensor &input, std::vector<float> &buffer)
{
    const Geometry &g = plan.geometry;
    const Padding pad = g.padding();
    const bool needsPadding = pad.top || pad.bottom || pad.left || pad.right;
    if (needsPadding)
        padInput(input, g, buffer);
    return {needsPadding ? buffer.data() : input.data(), plan.input.c, g.h.paddedInput(),
            g.w.paddedInput()};
}

// The padded input followed by `slack` zeros, which a kernel reads past its end (convImplicit,
// winogradForward): always a copy, even without padding, as the input tensor has no slack.
Source slackSource(const Conv2dPlan &plan, const Tensor &input, std::vector<float> &buffer,
                   int slack)
{
    const Geometry &g = plan.geometry;
    const std::int64_t values = std::int64_t(plan.input.n) * plan.input.c * g.h.paddedInput()
                                * g.w.paddedInput();
    float *data = reuse(buffer, values + slack);
    padInput(input, g, buffer);
    std::fill_n(data + values, slack, 0.0f);
    return {data, plan.input.c, g.h.paddedInput(), g.w.paddedInput()};
}

// A copy of a few dozen floats, inlined: memcpy's call and dispatch cost more than the copy
// at the row lengths of small images. The last vector may overlap the one before it.
inline void copyRun(float *d, const float *s, int count)
{
    if (count < kLanes) {
        for (int i = 0; i < count; ++i)
            d[i] = s[i];
        return;
    }
    int i = 0;
    for (; i + kLanes <= count; i += kLanes)
        storeV(d + i, loadV(s + i));
    if (i < count)
        storeV(d + count - kLanes, loadV(s + count - kLanes));
}

// d[i] = s[2·i] for i < count: the stride-2 row of im2col, the even lanes of two vectors at a
// time. A scalar gather took a third of a 7×7 stride-2 first layer's time. The vectors stop one
// float short of s[2·count − 1], which may lie past the padded plane.
inline void copyEvenRun(float *d, const float *s, int count)
{
    int i = 0;
    for (; i + kLanes < count; i += kLanes) {
        const FloatV a = loadV(s + 2 * i), b = loadV(s + 2 * i + kLanes);
#ifdef __AVX__
        storeV(d + i, __builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14));
#else
        storeV(d + i, __builtin_shufflevector(a, b, 0, 2, 4, 6));
#endif
    }
    for (; i < count; ++i)
        d[i] = s[2 * i];
}

// d[2·i] += s[i] for i < count, the adjoint of copyEvenRun: s spread over the even lanes of two
// vectors, with −0 in the odd lanes, which adds nothing to any value (+0 would turn −0 into +0).
inline void addEvenRun(float *d, const float *s, int count)
{
    int i = 0;
#ifdef __AVX__
    const FloatV none = {-0.0f, -0.0f, -0.0f, -0.0f, -0.0f, -0.0f, -0.0f, -0.0f};
#else
    const FloatV none = {-0.0f, -0.0f, -0.0f, -0.0f};
#endif
    for (; i + kLanes < count; i += kLanes) {
        const FloatV v = loadV(s + i);
#ifdef __AVX__
        const FloatV low = __builtin_shufflevector(v, none, 0, 8, 1, 8, 2, 8, 3, 8);
        const FloatV high = __builtin_shufflevector(v, none, 4, 8, 5, 8, 6, 8, 7, 8);
#else
        const FloatV low = __builtin_shufflevector(v, none, 0, 4, 1, 4);
        const FloatV high = __builtin_shufflevector(v, none, 2, 4, 3, 4);
#endif
        storeV(d + 2 * i, loadV(d + 2 * i) + low);
        storeV(d + 2 * i + kLanes, loadV(d + 2 * i + kLanes) + high);
    }
    for (; i < count; ++i)
        d[2 * i] += s[i];
}

// im2col of one block of output pixels of one group. Columns run over (n, oy, ox) of the whole
// batch, so that small images still make one wide GEMM; rows run over (c, ky, kx).
//   cols[(c·K_h + ky)·K_w + kx, j] = x[n, g·C_g + c, oy·S_h + ky·D_h, ox·S_w + kx·D_w]
void im2colBlock(const Conv2dPlan &plan, const Source &src, int group, std::int64_t first,
                 std::int64_t count, float *cols)
{
    const Geometry &g = plan.geometry;
    const int kh = g.h.kernel, kw = g.w.kernel, oh = g.h.output, ow = g.w.output;
    const int channels = plan.inputChannelsPerGroup();
    const std::int64_t pixels = std::int64_t(oh) * ow;
    std::int64_t j = 0;
    while (j < count) {
        const std::int64_t q = first + j;
        const int n = int(q / pixels);
        const int oy = int((q % pixels) / ow);
        const int ox0 = int(q % ow);
        const int run = int(std::min<std::int64_t>(ow - ox0, count - j));
        for (int c = 0; c < channels; ++c) {
            const float *plane = src.plane(n, group * channels + c);
            for (int ky = 0; ky < kh; ++ky) {
                const float *row = plane
                                   + std::int64_t(oy * g.h.stride + ky * g.h.dilation) * src.wp;
                for (int kx = 0; kx < kw; ++kx) {
                    const float *s = row + std::int64_t(ox0) * g.w.stride + kx * g.w.dilation;
                    float *d = cols + (std::int64_t(c * kh + ky) * kw + kx) * count + j;
                    if (g.w.stride == 1) {
                        copyRun(d, s, run);
                    } else if (g.w.stride == 2) {
                        copyEvenRun(d, s, run);
                    } else {
                        for (int i = 0; i < run; ++i)
                            d[i] = s[std::int64_t(i) * g.w.stride];
                    }
                }
            }
        }
        j += run;
    }
}

// Adds the bias and moves a GEMM block (filters [firstFilter, firstFilter + filters) of the
// group × columns over (n, p)) into the NCHW output.
void scatterBlock(const Conv2dPlan &plan, int group, std::int64_t first, std::int64_t count,
                  int firstFilter, int filters, const float *product, std::span<const float> bias,
                  Tensor &out)
{
    const std::int64_t pixels = std::int64_t(plan.output.h) * plan.output.w;
    for (std::int64_t j = 0; j < count;) {
        const std::int64_t q = first + j;
        const int n = int(q / pixels);
        const std::int64_t p = q % pixels;
        const std::int64_t run = std::min(pixels - p, count - j);
        for (int k = 0; k < filters; ++k) {
            const int channel = group * plan.outputChannelsPerGroup() + firstFilter + k;
            const float b = bias.empty() ? 0.0f : bias[size_t(channel)];
            float *dst = out.plane(n, channel) + p;
            const float *r = product + std::int64_t(k) * count + j;
            for (std::int64_t i = 0; i < run; ++i)
                dst[i] = r[i] + b;
        }
        j += run;
    }
}

// row[x] += Σ_kx s_kx[x − kx·D] over the kx with 0 ≤ x − kx·D < width, where s_kx = s +
// kx·stride: a stride-1 row of col2im. Each cell is read and written once, with the terms in
// the order kx = 0, 1, … as adding the rows one after another would: adding them one after
// another instead stores a vector and loads it back one cell further on, which the CPU cannot
// forward from its store buffer.
inline void addShiftedRows(float *row, const float *s, std::int64_t stride, int width, int kernel,
                           int dilation)
{
    const int reach = (kernel - 1) * dilation;
    auto cell = [&](int x) {
        // kx from the first with x − kx·D < width to the last with x − kx·D ≥ 0
        const int first = x < width ? 0 : (x - width) / dilation + 1;
        const int last = std::min(kernel - 1, x / dilation);
        float sum = row[x];
        for (int kx = first; kx <= last; ++kx)
            sum += s[kx * stride + x - kx * dilation];
        row[x] = sum;
    };
    int x = 0;
    for (; x < reach; ++x)
        cell(x);
    for (; x + kLanes <= width; x += kLanes) {
        FloatV sum = loadV(row + x);
        for (int kx = 0; kx < kernel; ++kx)
            sum = sum + loadV(s + kx * stride + x - kx * dilation);
        storeV(row + x, sum);
    }
    for (; x < width + reach; ++x)
        cell(x);
}

// The adjoint of im2colBlock: adds every column value back to the padded input cell it was
// read from, in grad, laid out as the padded input `layout`. Blocks hold whole images, so two
// blocks never add to the same cell.
void col2imBlock(const Conv2dPlan &plan, const Source &layout, int group, std::int64_t first,
                 std::int64_t count, const float *cols, float *grad)
{
    const Geometry &g = plan.geometry;
    const int kh = g.h.kernel, kw = g.w.kernel, oh = g.h.output, ow = g.w.output;
    const int channels = plan.inputChannelsPerGroup();
    const std::int64_t pixels = std::int64_t(oh) * ow;
    const std::int64_t planeValues = std::int64_t(layout.hp) * layout.wp;
    for (std::int64_t j = 0; j < count; j += ow) {
        const std::int64_t q = first + j;
        const int n = int(q / pixels);
        const int oy = int((q % pixels) / ow);
        for (int c = 0; c < channels; ++c) {
            float *plane = grad
                           + (std::int64_t(n) * layout.channels + group * channels + c)
                                 * planeValues;
            for (int ky = 0; ky < kh; ++ky) {
                float *row = plane + std::int64_t(oy * g.h.stride + ky * g.h.dilation) * layout.wp;
                const float *s = cols + std::int64_t(c * kh + ky) * kw * count + j;
                if (g.w.stride == 1) {
                    addShiftedRows(row, s, count, ow, kw, g.w.dilation);
                    continue;
                }
                for (int kx = 0; kx < kw; ++kx, s += count) {
                    float *d = row + kx * g.w.dilation;
                    if (g.w.stride == 2) {
                        addEvenRun(d, s, ow);
                        continue;
                    }
                    for (int i = 0; i < ow; ++i)
                        d[std::int64_t(i) * g.w.stride] += s[i];
                }
            }
        }
    }
}

// How convGemm splits its work: blocks of output pixels of equal size, and, when there are
// too few blocks to keep the threads busy (a late layer of a large network at batch 1), the
// filters into chunks as well. Both depend on the plan alone, never on the thread count, so
// every GEMM has the same shape, and so the same rounding, however many threads run.
struct GemmSplit
{
    std::int64_t block = 0;
    std::int64_t blocks = 0;
    int chunk = 0;
    int chunks = 0;
};

// How the GEMMs' columns are laid out: one per output pixel of the batch (units are pixels), or
// conv2d_wide.cpp's wide layout (units are output rows (n, o_y), of W_p columns each).
struct ColumnLayout
{
    bool wide = false;
    int unitColumns = 1;
    std::int64_t units = 0;
};

ColumnLayout columnLayout(const Conv2dPlan &plan, const Source &src)
{
    if (takesWideColumns(plan))
        return {true, src.wp, std::int64_t(plan.output.n) * plan.output.h};
    return {false, 1, std::int64_t(plan.output.n) * plan.output.h * plan.output.w};
}

void im2colUnits(const ColumnLayout &layout, const Conv2dPlan &plan, const Source &src, int group,
                 std::int64_t first, std::int64_t count, float *cols)
{
    if (layout.wide)
        im2colWide(plan, src, group, first, count, cols);
    else
        im2colBlock(plan, src, group, first, count, cols);
}

// Units of work (blocks × filter chunks) wanted at least; chunks are multiples of 8 filters,
// the height of the GEMM's register kernels.
constexpr std::int64_t kFewUnits = 8;
constexpr int kChunkMultiple = 8;

GemmSplit splitGemm(const Conv2dPlan &plan, int rows, const ColumnLayout &layout)
{
    const int filters = plan.outputChannelsPerGroup();
    GemmSplit split;
    const std::int64_t total = layout.units;
    const std::int64_t widestColumns = std::min(std::max(kBlockValues / rows, kMinBlockColumns),
                                                total * layout.unitColumns);
    const std::int64_t widest = std::max<std::int64_t>(1, widestColumns / layout.unitColumns);
    split.blocks = (total + widest - 1) / widest;
    split.block = (total + split.blocks - 1) / split.blocks;
    const std::int64_t wanted = (kFewUnits + split.blocks - 1) / split.blocks;
    const int chunk = int((filters + wanted - 1) / wanted);
    split.chunk = std::min(filters, (chunk + kChunkMultiple - 1) / kChunkMultiple * kChunkMultiple);
    split.chunks = (filters + split.chunk - 1) / split.chunk;
    return split;
}

// General grouped convolution as GEMM:
//   out[n, g·K_g + k, p] = b[k] + Σ_r W_g[k, r] · cols_g[r, (n, p)],  r over C_g·K_h·K_w
// Blocks of columns are gathered by im2colBlock; with filter chunks, all blocks are gathered
// first, into one buffer the chunks share.
void convGemm(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
              std::span<const float> bias, Tensor &out)
{
    const int rows = plan.inputChannelsPerGroup() * plan.weight.h * plan.weight.w;
    const int filters = plan.outputChannelsPerGroup();
    const ColumnLayout layout = columnLayout(plan, src);
    const std::int64_t total = layout.units;
    const std::int64_t unitColumns = layout.unitColumns;
    const GemmSplit split = splitGemm(plan, rows, layout);
    const std::int64_t units = split.blocks * split.chunks;
    const std::int64_t blockColumns = split.block * unitColumns;
    const std::int64_t perUnit = std::int64_t(split.chunk) * rows * blockColumns;
    const bool shared = split.chunks > 1;
    std::vector<float> &sharedColumns = workspace().columns;
    // Taken here, not in the workers: the calling thread's own scratch may grow meanwhile.
    float *sharedData = shared ? reuse(sharedColumns, rows * total * unitColumns) : nullptr;
    for (int group = 0; group < plan.groups; ++group) {
        const float *w = weight.data() + std::int64_t(group) * filters * rows;
        if (shared) {
            parallelFor(split.blocks, kMinMultiplyAddsPerThread / perUnit + 1,
                        [&](std::int64_t firstBlock, std::int64_t endBlock) {
                            for (std::int64_t b = firstBlock; b < endBlock; ++b) {
                                const std::int64_t first = b * split.block;
                                const std::int64_t count = std::min(split.block, total - first);
                                im2colUnits(layout, plan, src, group, first, count,
                                            sharedData + rows * first * unitColumns);
                            }
                        });
        }
        // Units are (block, chunk) pairs; each thread has its own scratch.
        parallelFor(units, kMinMultiplyAddsPerThread / perUnit + 1,
                    [&](std::int64_t firstUnit, std::int64_t endUnit) {
                        Workspace &space = workspace();
                        if (!shared)
                            reuse(space.columns, rows * blockColumns);
                        reuse(space.product, split.chunk * blockColumns);
                        for (std::int64_t u = firstUnit; u < endUnit; ++u) {
                            const std::int64_t b = u / split.chunks;
                            const int firstFilter = int(u % split.chunks) * split.chunk;
                            const int count = std::min(split.chunk, filters - firstFilter);
                            const std::int64_t first = b * split.block;
                            const std::int64_t blockUnits = std::min(split.block, total - first);
                            const int columns = int(blockUnits * unitColumns);
                            if (!shared)
                                im2colUnits(layout, plan, src, group, first, blockUnits,
                                            space.columns.data());
                            const float *cols = shared ? sharedData + rows * first * unitColumns
                                                       : space.columns.data();
                            gemm(Transpose::No, Transpose::No, count, columns, rows,
                                 w + std::int64_t(firstFilter) * rows, rows, cols, columns,
                                 space.product.data(), columns);
                            if (layout.wide)
                                scatterWide(plan, src.wp, group, first, blockUnits, firstFilter,
                                            count, space.product.data(), bias, out);
                            else
                                scatterBlock(plan, group, first, blockUnits, firstFilter, count,
                                             space.product.data(), bias, out);
                        }
                    });
    }
}

// Moves the gradient of a padded input (N×C×Hp×Wp) to the input (N×C×H×W): a cell inside the
// image keeps its own, a reflected or replicated padding cell gives its gradient to the pixel
// it copied, a zero cell's gradient is dropped. With zero padding that is a copy of the inner
// rows. Planes are independent, and the pool folds them.
void foldPadding(const float *padded, const Geometry &g, Tensor &gradInput)
{
    const Shape &s = gradInput.shape();
    const int hp = g.h.paddedInput(), wp = g.w.paddedInput();
    std::vector<int> sourceY(static_cast<size_t>(hp)), sourceX(static_cast<size_t>(wp));
    for (int y = 0; y < hp; ++y)
        sourceY[size_t(y)] = sourceIndex(y - g.h.padBegin, s.h, g.padMode);
    for (int x = 0; x < wp; ++x)
        sourceX[size_t(x)] = sourceIndex(x - g.w.padBegin, s.w, g.padMode);
    const bool zeroPadding = g.padMode == PadMode::Zero;
    parallelFor(std::int64_t(s.n) * s.c, kMinCopiedValuesPerThread / (std::int64_t(hp) * wp) + 1,
                [&](std::int64_t firstPlane, std::int64_t endPlane) {
                    for (std::int64_t p = firstPlane; p < endPlane; ++p) {
                        const float *src = padded + p * hp * wp;
                        float *dst = gradInput.data() + p * s.h * s.w;
                        if (zeroPadding) {
                            const float *inner = src + std::int64_t(g.h.padBegin) * wp
                                                 + g.w.padBegin;
                            for (int y = 0; y < s.h; ++y)
                                std::memcpy(dst + std::int64_t(y) * s.w,
                                            inner + std::int64_t(y) * wp,
                                            size_t(s.w) * sizeof(float));
                            continue;
                        }
                        std::fill(dst, dst + std::int64_t(s.h) * s.w, 0.0f);
                        for (int y = 0; y < hp; ++y) {
                            const int sy = sourceY[size_t(y)];
                            if (sy < 0)
                                continue;
                            for (int x = 0; x < wp; ++x) {
                                if (sourceX[size_t(x)] >= 0)
                                    dst[std::int64_t(sy) * s.w + sourceX[size_t(x)]]
                                        += src[y * wp + x];
                            }
                        }
                    }
                });
}

// One block of whole images of the backward pass of one group (see conv2dBackward):
//   dY_b[k, (n, p)] = dY[n, g·K_g + k, p]         gathered from NCHW
//   dW_b = dY_b · cols_bᵀ (K_g × C_g·K_h·K_w),   db_b[k] = Σ dY_b[k, ·]
//   dcols_b = W_gᵀ · dY_b, added back to the padded input gradient by col2imBlock (col2imWide)
// first and units count the layout's units: pixels, or output rows in the wide layout.
void backwardBlock(const Conv2dPlan &plan, const ColumnLayout &layout, const Source &src, int group,
                   std::int64_t first, std::int64_t units, const float *weight,
                   const Tensor &gradOutput, float *gradWeight, float *gradBias, float *gradInput)
{
    const int rows = plan.inputChannelsPerGroup() * plan.weight.h * plan.weight.w;
    const int filters = plan.outputChannelsPerGroup();
    const std::int64_t pixels = std::int64_t(plan.output.h) * plan.output.w;
    const std::int64_t count = units * layout.unitColumns;
    Workspace &space = workspace();
    reuse(space.columns, rows * count);
    reuse(space.product, filters * count);
    im2colUnits(layout, plan, src, group, first, units, space.columns.data());
    if (layout.wide) {
        gatherWide(plan, src.wp, group, first, units, gradOutput, space.product.data());
    } else {
        for (int k = 0; k < filters; ++k) {
            for (std::int64_t j = 0; j < count; j += pixels) {
                const int n = int((first + j) / pixels);
                std::memcpy(space.product.data() + k * count + j,
                            gradOutput.plane(n, group * filters + k),
                            size_t(pixels) * sizeof(float));
            }
        }
    }
    const float *dy = space.product.data();
    gemm(Transpose::No, Transpose::Yes, filters, rows, int(count), dy, int(count),
         space.columns.data(), int(count), gradWeight, rows);
    for (int k = 0; plan.hasBias && k < filters; ++k) {
        const float *row = space.product.data() + k * count;
        LaneSums<float> sum;
        sum.add(count, [row](std::int64_t j) { return row[j]; });
        gradBias[k] = sum.total();
    }
    if (!gradInput)
        return;
    reuse(space.gradColumns, rows * count);
    gemm(Transpose::Yes, Transpose::No, rows, int(count), filters, weight, rows, dy, int(count),
         space.gradColumns.data(), int(count));
    if (layout.wide)
        col2imWide(plan, src, group, first, units, space.gradColumns.data(), gradInput);
    else
        col2imBlock(plan, src, group, first, count, space.gradColumns.data(), gradInput);
}

} // namespace

WindowSpec ConvOptions::window(int kernelH, int kernelW) const
{
    return {kernelH, kernelW, strideH, strideW, dilationH, dilationW, padding, padMode};
}

std::int64_t Conv2dPlan::multiplyAdds() const
{
    return output.count() * inputChannelsPerGroup() * weight.h * weight.w;
}

Expected<Conv2dPlan> planConv2d(const Shape &input, const Shape &weight, int biasCount,
                                const ConvOptions &options)
{
    if (auto error = checkShapes(input, weight, biasCount, options.groups))
        return *error;
    Expected<Geometry> geometry = resolveGeometry(input.h, input.w,
                                                  options.window(weight.h, weight.w));
    if (!geometry)
        return geometry.error();
    Conv2dPlan plan;
    plan.input = input;
    plan.weight = weight;
    plan.output = {input.n, weight.n, geometry->h.output, geometry->w.output};
    plan.geometry = *geometry;
    plan.groups = options.groups;
    plan.flipKernel = options.flipKernel;
    plan.hasBias = biasCount > 0;
    const std::int64_t paddedValues = std::int64_t(input.n) * input.c * geometry->h.paddedInput()
                                      * geometry->w.paddedInput();
    if (plan.output.count() > kMaxTensorValues || paddedValues > kMaxTensorValues)
        return makeError("the output ", plan.output.toString(), " (", plan.output.count(),
                         " values) or the padded input is larger than the ", kMaxTensorValues,
                         " values ConvScope computes at once: use fewer filters, a smaller batch "
                         "or a smaller input");
    return plan;
}

Tensor conv2d(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
              std::span<const float> bias)
{
    Tensor out;
    conv2d(plan, input, weight, bias, out);
    return out;
}

void conv2d(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
            std::span<const float> bias, Tensor &out)
{
    if (input.shape() != plan.input || weight.shape() != plan.weight
        || bias.size() != (plan.hasBias ? size_t(plan.weight.n) : 0))
        throw std::invalid_argument("conv2d: tensors do not match the plan they were run with");
    const Tensor flippedWeight = plan.flipKernel ? flipped(weight) : Tensor();
    const Tensor &w = plan.flipKernel ? flippedWeight : weight;
    out.reshape(plan.output);
    switch (forwardKernel(plan)) {
    case ForwardKernel::Direct:
        convDirect(plan, paddedSource(plan, input, workspace().padded), w, bias, out);
        break;
    case ForwardKernel::Lanes:
        lanesForward(plan, input, w, bias, out);
        break;
    case ForwardKernel::Winograd:
        winogradForward(plan, slackSource(plan, input, workspace().padded, winogradSlack(plan)), w,
                        bias, out);
        break;
    case ForwardKernel::LanesWinograd:
        lanesWinogradForward(plan, input, w, bias, out);
        break;
    case ForwardKernel::Implicit:
        convImplicit(plan, slackSource(plan, input, workspace().padded, implicitSlack(plan)), w,
                     bias, out);
        break;
    case ForwardKernel::Gemm:
        convGemm(plan, paddedSource(plan, input, workspace().padded), w, bias, out);
        break;
    case ForwardKernel::Pointwise:
        pointwiseForward(plan, input, w, bias, out);
        break;
    }
}

// The filters of a dX convolution: each turned by 180°, with its input and output channels
// swapped within the group: turned[g·C_g + c, k, K_h − 1 − k_y, K_w − 1 − k_x] = W[g·K_g + k, c,
// k_y, k_x], C × K_g × K_h × K_w.
Tensor turnedFilters(const Conv2dPlan &plan, const Tensor &weight)
{
    const Shape &s = weight.shape();
    const int filters = plan.outputChannelsPerGroup(), channels = plan.inputChannelsPerGroup();
    Tensor turned({plan.input.c, filters, s.h, s.w});
    for (int g = 0; g < plan.groups; ++g) {
        for (int k = 0; k < filters; ++k) {
            for (int c = 0; c < channels; ++c) {
                for (int y = 0; y < s.h; ++y) {
                    for (int x = 0; x < s.w; ++x)
                        turned.at(g * channels + c, k, s.h - 1 - y, s.w - 1 - x)
                            = weight.at(g * filters + k, c, y, x);
                }
            }
        }
    }
    return turned;
}

namespace {

// The full convolution of dY that gives the padded input's gradient, for convImplicit:
//   dX_p[n, g·C_g + c, y, x] = Σ_(k, k_y, k_x) W[g·K_g + k, c, k_y, k_x]
//                                              · dY[n, g·K_g + k, y − k_y·D_h, x − k_x·D_w],
// with the filters turned (turnedFilters) and dY padded by the dilated kernel's reach
// R = (K − 1)·D. With zero padding P ≤ R (`inner`), only the image's cells are wanted: dY is
// padded by R − P instead and the result is dX itself; otherwise the padding cells' gradients
// are folded back as in the GEMM path.
Expected<Conv2dPlan> fullGradPlan(const Conv2dPlan &plan, bool &inner)
{
    const Geometry &g = plan.geometry;
    const Padding pad = g.padding();
    const int reachH = (g.h.kernel - 1) * g.h.dilation, reachW = (g.w.kernel - 1) * g.w.dilation;
    inner = g.padMode == PadMode::Zero && pad.top <= reachH && pad.bottom <= reachH
            && pad.left <= reachW && pad.right <= reachW;
    ConvOptions options;
    options.dilationH = g.h.dilation;
    options.dilationW = g.w.dilation;
    options.groups = plan.groups;
    options.padding = inner ? PaddingSpec::perSide({reachH - pad.top, reachH - pad.bottom,
                                                    reachW - pad.left, reachW - pad.right})
                            : PaddingSpec::perAxis(reachH, reachW);
    const Shape turnedShape{plan.input.c, plan.outputChannelsPerGroup(), g.h.kernel, g.w.kernel};
    return planConv2d(plan.output, turnedShape, 0, options);
}

// dX by the kernel gradInputKernel chose: the lanes, or a forward kernel on fullGradPlan.
void tiledGradInput(const Conv2dPlan &plan, GradInputKernel kernel, const Tensor &weight,
                    const Tensor &gradOutput, Tensor &gradInput)
{
    if (kernel == GradInputKernel::Lanes) {
        lanesGradInput(plan, weight, gradOutput, gradInput);
        return;
    }
    bool inner = false;
    const Conv2dPlan gradPlan = *fullGradPlan(plan, inner);
    const Tensor turned = turnedFilters(plan, weight);
    const bool winograd = kernel == GradInputKernel::Winograd;
    // The lanes pad dY as they turn it; the others read a padded copy.
    const Source src = kernel == GradInputKernel::LanesWinograd
                           ? Source{}
                           : slackSource(gradPlan, gradOutput, workspace().gradPadded,
                                         winograd ? winogradSlack(gradPlan)
                                                  : implicitSlack(gradPlan));
    const auto run = [&](Tensor &out) {
        if (kernel == GradInputKernel::LanesWinograd)
            lanesWinogradForward(gradPlan, gradOutput, turned, {}, out);
        else if (winograd)
            winogradForward(gradPlan, src, turned, {}, out);
        else
            convImplicit(gradPlan, src, turned, {}, out);
    };
    gradInput.reshape(plan.input);
    if (inner) {
        run(gradInput);
        return;
    }
    Tensor padded(gradPlan.output);
    run(padded);
    foldPadding(padded.data(), plan.geometry, gradInput);
}

// Whether Winograd's count is under 4/5 of the kernel's it would replace: its transforms are
// fitted on one thread, where it gains most. At batch 64 on two threads, where it counted
// 0.83–0.94 of the lanes' multiply-adds without its padded copy of the input, it took 0.95–1.19
// of their time; resnet18's 3×3 layers at batch 1, which count 0.57–0.71 of the implicit tiles'
// or the GEMM's, take 0.52–0.66 of their time.
bool winogradBeats(std::int64_t winograd, std::int64_t rival)
{
    return winograd * 5 < rival * 4;
}

} // namespace

// Of the kernels that compute a forward pass, the direct ones for few filters on wide rows (the
// explorer's), conv2d_pointwise.cpp for the 1×1 filters it takes (a GEMM an image, no moves at
// all), else the one that computes fewer multiply-adds: conv2d_lanes_input.cpp, the
// images of the batch across the lanes, unless its tiles would compute more than twice the
// multiply-adds needed (a batch of 1 to 3); convImplicit; the GEMM; and Winograd's, its
// transforms counted, where it takes the plan: in the lanes (conv2d_winograd_lanes.cpp) when
// that counts less than the others and than Winograd's over rows of tiles, else the latter when
// winogradBeats the others. The lanes compute only the cells they store, for any stride:
// measured at batch 64 on two threads, mini-resnet's stride-2 32 filters 1.13 → 0.75 ms, its
// 64 filters on 7×7 maps 1.66 → 1.24 ms, mini-vgg's 32 filters on 14×14 1.08 → 0.64 ms, LeNet-5's
// conv2 0.26 → 0.20 ms. Winograd's in the lanes then, the least of five bench-train --layers
// runs: mini-resnet's 16 filters on 28×28 2.09 → 1.71 ms, 32 on 14×14 1.75 → 1.14, 64 on 7×7
// 1.77 → 1.27; mini-vgg's 32 on 14×14 1.40 → 1.09.
conv2d_kernels::ForwardKernel conv2d_kernels::forwardKernel(const Conv2dPlan &plan)
{
    if (takesDirectKernels(plan))
        return ForwardKernel::Direct;
    if (takesPointwise(plan))
        return ForwardKernel::Pointwise;
    const bool implicit = takesImplicit(plan);
    const std::int64_t lanes = lanesForwardWork(plan);
    ForwardKernel kernel = implicit ? ForwardKernel::Implicit : ForwardKernel::Gemm;
    // The GEMM path's im2col and packing count a quarter of its multiply-adds.
    std::int64_t work = implicit ? implicitMultiplyAdds(plan) : plan.multiplyAdds() * 5 / 4;
    if (lanes <= 2 * plan.multiplyAdds() && (!implicit || lanes < work)) {
        kernel = ForwardKernel::Lanes;
        work = lanes;
    }
    if (!takesWinograd(plan))
        return kernel;
    const std::int64_t winograd = winogradWork(plan), lanesWinograd = lanesWinogradWork(plan);
    if (lanesWinograd < work && lanesWinograd < winograd)
        return ForwardKernel::LanesWinograd;
    return winogradBeats(winograd, work) ? ForwardKernel::Winograd : kernel;
}

// pointwiseBackward for the plans conv2d_pointwise.cpp takes, dX, dW and db together; else, of
// the kernels that compute dX without the GEMM's Wᵀ·dY, which wrote C·K_h·K_w values per
// pixel, and the col2im that added them up, the one that computes fewer multiply-adds:
// - conv2d_lanes.cpp, zero padding and any stride its kernel covers: each dX cell sums exactly
//   the taps that reach dY, with the batch's images across the lanes (LeNet-5's conv2, small
//   maps), unless its tiles would compute more than twice the multiply-adds needed (depthwise
//   filters). Measured at batch 64 on two threads, the kernel before → the lanes: dX of
//   mini-resnet's 64 filters on 7×7 maps 1.34 → 1.17 ms, mini-vgg's 32 on 14×14 1.54 → 1.31 ms
//   (1.1 times fewer multiply-adds than the implicit tiles, which the lanes did not beat when
//   their moves went a lane at a time), and at stride 2, where the GEMM path ran, mini-resnet's
//   3×3 layers 1.17 → 0.91 and 1.07 → 0.78 ms;
// - convImplicit on fullGradPlan, stride 1, unless that plan would not take it or is beyond what
//   planConv2d accepts (far more filters than input channels);
// - lanesWinogradForward on fullGradPlan, 3×3 filters at stride 1, when it counts less than
//   the others and than winogradForward: in a whole backward pass at batch 64, the least of
//   five runs, mini-resnet's 16 filters on 28×28 maps 4.73 → 4.05 ms (from winogradForward),
//   32 on 14×14 3.55 → 2.88 (from the lanes); dX alone of its 64 on 7×7, the least of 15 runs,
//   1.13 → 0.98–1.01 ms on two threads and 2.27 → 1.85 on one (from the lanes, which had been
//   given the 3/4 below against it too);
// - else winogradForward on fullGradPlan, its transforms counted, when winogradBeats the
//   others: 3/4 of the lanes' count (below), the implicit tiles', or about twice the
//   multiply-adds for the GEMM path's Wᵀ·dY and col2im.
// The GEMM path takes what none does.
conv2d_kernels::GradInputKernel conv2d_kernels::gradInputKernel(const Conv2dPlan &plan)
{
    if (takesPointwise(plan))
        return GradInputKernel::Pointwise;
    const Geometry &g = plan.geometry;
    GradInputKernel kernel = GradInputKernel::Gemm;
    std::int64_t work = 0; // of the kernel chosen so far, none for the GEMM
    std::int64_t winograd = 0, lanesWinograd = 0;
    if (g.h.stride == 1 && g.w.stride == 1) {
        bool inner = false;
        const Expected<Conv2dPlan> gradPlan = fullGradPlan(plan, inner);
        if (gradPlan && takesImplicit(*gradPlan)) {
            kernel = GradInputKernel::Implicit;
            work = implicitMultiplyAdds(*gradPlan);
        }
        if (gradPlan && takesWinograd(*gradPlan)) {
            winograd = winogradWork(*gradPlan);
            lanesWinograd = lanesWinogradWork(*gradPlan);
        }
    }
    if (takesLanes(plan)) {
        const std::int64_t lanes = lanesGradInputWork(plan);
        if (lanes <= 2 * plan.multiplyAdds() && (work == 0 || lanes < work)) {
            kernel = GradInputKernel::Lanes;
            work = lanes;
        }
    }
    const std::int64_t rival = work > 0 ? work : 2 * plan.multiplyAdds();
    if (lanesWinograd > 0 && lanesWinograd < rival && lanesWinograd < winograd)
        return GradInputKernel::LanesWinograd;
    // The lanes' dX runs faster than its count says beside Winograd's over rows of tiles: at
    // batch 64 on two threads, 1.33–1.39 against 1.45–1.50 ms on mini-resnet's 32 filters on
    // 14×14 maps and 1.19–1.25 against 1.37–1.46 on its 64 on 7×7, where it counted 1.42 and
    // 1.14 times Winograd's work.
    const std::int64_t rowsRival = kernel == GradInputKernel::Lanes ? work * 3 / 4 : rival;
    return winograd > 0 && winogradBeats(winograd, rowsRival) ? GradInputKernel::Winograd : kernel;
}

// dW by pointwiseBackward where it takes the plan; by conv2d_lanes_input.cpp when its tiles
// compute fewer multiply-adds than the implicit tiles' (or the GEMM's, which computes about as
// many as needed but gathers im2col's columns first), and at most twice the multiply-adds
// needed; when dX takes the GEMM path, its blocks compute dW beside it whatever this says.
conv2d_kernels::WeightGradKernel conv2d_kernels::weightGradKernel(const Conv2dPlan &plan)
{
    if (takesPointwise(plan))
        return WeightGradKernel::Pointwise;
    const bool implicit = takesImplicit(plan);
    const std::int64_t lanes = lanesGradWeightWork(plan);
    if (lanes <= 2 * plan.multiplyAdds() && (!implicit || lanes < implicitMultiplyAdds(plan)))
        return WeightGradKernel::Lanes;
    return implicit ? WeightGradKernel::Implicit : WeightGradKernel::Gemm;
}

void conv2dBackward(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                    const Tensor &gradOutput, Tensor *gradInput, Tensor &gradWeight,
                    std::span<float> gradBias)
{
    if (input.shape() != plan.input || weight.shape() != plan.weight
        || gradOutput.shape() != plan.output
        || gradBias.size() != (plan.hasBias ? size_t(plan.weight.n) : 0))
        throw std::invalid_argument("conv2dBackward: tensors do not match the plan");
    const Tensor flippedWeight = plan.flipKernel ? flipped(weight) : Tensor();
    const Tensor &w = plan.flipKernel ? flippedWeight : weight;
    if (takesPointwise(plan)) {
        // A 1×1 filter turned is itself: no flip on the way back.
        pointwiseBackward(plan, input, w, gradOutput, gradInput, gradWeight, gradBias);
        return;
    }
    const Geometry &g = plan.geometry;
    Workspace &space = workspace();
    const GradInputKernel gradKernel = gradInput ? gradInputKernel(plan) : GradInputKernel::Gemm;
    const bool gradByTiles = gradInput && gradKernel != GradInputKernel::Gemm;
    if ((!gradInput || gradByTiles) && weightGradKernel(plan) == WeightGradKernel::Lanes) {
        if (gradByTiles)
            tiledGradInput(plan, gradKernel, w, gradOutput, *gradInput);
        gradWeight.reshape(plan.weight);
        lanesGradWeight(plan, input, gradOutput, gradWeight.data(),
                        plan.hasBias ? gradBias.data() : nullptr);
        if (plan.flipKernel)
            gradWeight = flipped(gradWeight);
        return;
    }
    // implicitGradWeight reads the padded input in place, past its end in unused columns.
    const Source src = takesImplicit(plan)
                           ? slackSource(plan, input, space.backwardPadded, implicitSlack(plan))
                           : paddedSource(plan, input, space.backwardPadded);
    const bool needsPadding = src.data != input.data();
    std::vector<float> &gradPadded = space.gradPadded;
    float *gradTarget = nullptr;
    if (gradByTiles)
        tiledGradInput(plan, gradKernel, w, gradOutput, *gradInput);
    // Zeroed a block at a time by the workers, below.
    if (gradInput && !gradByTiles) {
        gradInput->reshape(plan.input);
        if (needsPadding) {
            gradTarget = reuse(gradPadded,
                               std::int64_t(plan.input.n) * src.channels * src.hp * src.wp);
        } else {
            gradTarget = gradInput->data();
        }
    }
    const std::int64_t gradPerImage = std::int64_t(src.channels) * src.hp * src.wp;

    // Blocks of whole images, the same whatever the thread count; each block sums into its
    // own partial gradient and the partials are added in block order, so that the result does
    // not depend on how many threads ran. A block overwrites its partial whole (its bias part
    // when there is a bias), and zeroes its images' input gradient before the first group.
    const int rows = plan.inputChannelsPerGroup() * plan.weight.h * plan.weight.w;
    const int filters = plan.outputChannelsPerGroup();
    const ColumnLayout layout = columnLayout(plan, src);
    // An image's units and GEMM columns.
    const std::int64_t imageUnits = layout.units / plan.output.n;
    const std::int64_t pixels = imageUnits * layout.unitColumns;
    const int images = plan.input.n;
    // implicitGradWeight takes the blocks when dX needs none of the GEMM's.
    const bool implicitWeights = takesImplicit(plan) && !gradTarget;
    std::int64_t wanted = kBlockValues / (rows * pixels);
    if (implicitWeights) {
        const std::int64_t columns = implicitGradPixels(plan, src.wp);
        wanted = std::min<std::int64_t>((kMinGradPixels + columns - 1) / columns,
                                        (images + kMinGradBlocks - 1) / kMinGradBlocks);
    }
    const int perBlock = int(std::clamp<std::int64_t>(wanted, 1, images));
    const int blocks = (images + perBlock - 1) / perBlock;
    const std::int64_t weights = plan.weight.count();
    std::vector<float> &partials = space.partials;
    reuse(partials, blocks * (weights + plan.weight.n));
    const std::int64_t work = std::int64_t(filters) * rows * pixels * perBlock * 3;
    for (int group = 0; group < plan.groups; ++group) {
        const float *wg = w.data() + std::int64_t(group) * filters * rows;
        parallelFor(blocks, kMinMultiplyAddsPerThread / work + 1,
                    [&](std::int64_t firstBlock, std::int64_t endBlock) {
                        for (std::int64_t b = firstBlock; b < endBlock; ++b) {
                            const std::int64_t firstImage = b * perBlock;
                            const std::int64_t blockImages
                                = std::min<std::int64_t>(perBlock, images - firstImage);
                            float *part = partials.data() + b * (weights + plan.weight.n);
                            if (gradTarget && group == 0)
                                std::fill_n(gradTarget + firstImage * gradPerImage,
                                            blockImages * gradPerImage, 0.0f);
                            float *dw = part + std::int64_t(group) * filters * rows;
                            float *db = part + weights + group * filters;
                            if (implicitWeights)
                                implicitGradWeight(plan, src, group, int(firstImage),
                                                   int(blockImages), gradOutput, dw,
                                                   plan.hasBias ? db : nullptr);
                            else
                                backwardBlock(plan, layout, src, group, firstImage * imageUnits,
                                              blockImages * imageUnits, wg, gradOutput, dw, db,
                                              gradTarget);
                        }
                    });
    }
    gradWeight.reshape(plan.weight);
    Eigen::Map<Eigen::VectorXf> dw(gradWeight.data(), weights);
    Eigen::Map<Eigen::VectorXf> db(gradBias.data(), Eigen::Index(gradBias.size()));
    dw.setZero();
    db.setZero();
    for (int b = 0; b < blocks; ++b) {
        const float *part = partials.data() + std::int64_t(b) * (weights + plan.weight.n);
        dw += Eigen::Map<const Eigen::VectorXf>(part, weights);
        if (plan.hasBias)
            db += Eigen::Map<const Eigen::VectorXf>(part + weights, plan.weight.n);
    }
    if (plan.flipKernel)
        gradWeight = flipped(gradWeight);
    if (gradTarget && needsPadding)
        foldPadding(gradPadded.data(), g, *gradInput);
}

} // namespace convscope
