#include "core/ops/pool2d.h"

#include "core/parallel.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace convscope {

WindowSpec PoolOptions::window() const
{
    WindowSpec w;
    w.kernelH = kernelH;
    w.kernelW = kernelW;
    w.strideH = strideH.value_or(kernelH);
    w.strideW = strideW.value_or(kernelW);
    w.padding = PaddingSpec::perAxis(padH, padW);
    w.ceilMode = ceilMode;
    return w;
}

Expected<Pool2dPlan> planPool2d(const Shape &input, const PoolOptions &options)
{
    if (input.n < 1 || input.c < 1)
        return makeError("input ", input.toString(), " needs at least one image of one channel");
    if (options.kernelH >= 1 && options.kernelW >= 1) {
        // PyTorch's rule: a larger padding would allow windows that see no pixel at all.
        const std::pair<int, int> axes[] = {{options.padH, options.kernelH},
                                            {options.padW, options.kernelW}};
        for (auto [pad, kernel] : axes) {
            if (pad > kernel / 2)
                return makeError("padding ", pad, " is more than half the pooling window ", kernel,
                                 ": use a padding of at most ", kernel / 2,
                                 " so that every window covers part of the image");
        }
    }
    Expected<Geometry> geometry = resolveGeometry(input.h, input.w, options.window());
    if (!geometry)
        return geometry.error();
    Pool2dPlan plan;
    plan.input = input;
    plan.output = {input.n, input.c, geometry->h.output, geometry->w.output};
    plan.geometry = *geometry;
    plan.type = options.type;
    return plan;
}

namespace {

// Windows smaller than this many planes per thread are not worth a thread.
constexpr std::int64_t kMinValuesPerThread = std::int64_t(1) << 15;

// Where the windows of one axis lie: [begin, end) clipped to the image, and their extent over
// the padded input (the divisor of count_include_pad).
struct AxisWindow
{
    int begin;
    int end;
    int extent;
};

std::vector<AxisWindow> axisWindows(const AxisGeometry &a)
{
    std::vector<AxisWindow> windows(static_cast<size_t>(a.output));
    for (int o = 0; o < a.output; ++o) {
        const int start = o * a.stride - a.padBegin;
        const int stop = std::min(start + a.kernel, a.input + a.padEnd);
        windows[size_t(o)] = {std::max(start, 0), std::min(stop, a.input), stop - start};
    }
    return windows;
}

// R windows side by side in vector registers (SSE pairs for R = 8 in the portable build).
template<int R>
struct Run
{
    typedef float Floats __attribute__((vector_size(4 * R)));
    typedef std::int32_t Ints __attribute__((vector_size(4 * R)));
    typedef std::int64_t Longs __attribute__((vector_size(8 * R)));
    typedef std::int32_t IntPairs __attribute__((vector_size(8 * R))); // a Longs' halves
};

// Calls f(ox) for the runs of R windows that cover a row of `windows` ≥ R, the last moved back
// to end at the row's end: the windows it repeats come out the same.
template<int R, typename F>
void runsOf(int windows, F &&f)
{
    for (int ox = 0;; ox += R) {
        ox = std::min(ox, windows - R);
        f(ox);
        if (ox + R == windows)
            return;
    }
}

// Windows [ox, ox + R) of output row oy from the 2·R cells of each of the two rows they read,
// r0 and r1 (from column 2·ox): the general loop's order of comparisons, so the same winner, as
// selects in the lanes. GCC made a branch of each comparison in the scalar loop, a coin toss on
// real maps: one thread took 6.2 ns a window where a row had 7 (64×32 maps of 14×14), 1.2 now.
template<int R, bool Winners>
void maxRun2x2(const float *r0, const float *r1, int width, int oy, int ox, float *out,
               std::int64_t *argmax)
{
    using Floats = typename Run<R>::Floats;
    using Ints = typename Run<R>::Ints;
    // Read in place, never returned: a function returning a vector wider than the build's
    // registers changes the ABI (GCC's -Wpsabi).
    Floats a0, a1, b0, b1;
    std::memcpy(&a0, r0, sizeof a0);
    std::memcpy(&a1, r0 + R, sizeof a1);
    std::memcpy(&b0, r1, sizeof b0);
    std::memcpy(&b1, r1 + R, sizeof b1);
    Floats cells[4];
    if constexpr (R == 8) {
        cells[0] = __builtin_shufflevector(a0, a1, 0, 2, 4, 6, 8, 10, 12, 14);
        cells[1] = __builtin_shufflevector(a0, a1, 1, 3, 5, 7, 9, 11, 13, 15);
        cells[2] = __builtin_shufflevector(b0, b1, 0, 2, 4, 6, 8, 10, 12, 14);
        cells[3] = __builtin_shufflevector(b0, b1, 1, 3, 5, 7, 9, 11, 13, 15);
    } else {
        cells[0] = __builtin_shufflevector(a0, a1, 0, 2, 4, 6);
        cells[1] = __builtin_shufflevector(a0, a1, 1, 3, 5, 7);
        cells[2] = __builtin_shufflevector(b0, b1, 0, 2, 4, 6);
        cells[3] = __builtin_shufflevector(b0, b1, 1, 3, 5, 7);
    }
    Floats best = cells[0];
    Ints winner = {};
    for (int i = 1; i < 4; ++i) {
        const Ints takes = (cells[i] > best) | (cells[i] != cells[i]);
        best = takes ? cells[i] : best;
        winner = takes ? Ints{} + i : winner;
    }
    std::memcpy(out + ox, &best, sizeof best);
    if constexpr (!Winners)
        return;
    // The index in 32 bits (plainTwoByTwo), widened at the end: AVX2 multiplies no int64 lanes.
    Ints at = ((winner >> 1) + 2 * oy) * width + (winner & 1);
    for (int j = 0; j < R; ++j)
        at[j] += 2 * (ox + j);
    const auto wide = __builtin_convertvector(at, typename Run<R>::Longs);
    std::memcpy(argmax + ox, &wide, sizeof wide);
}

// The 2×2 stride-2 windows of the lectures and of LeNet, eight or four at a time; rows of fewer
// than four windows, a map of at most 7 columns, one window at a time.
template<bool Winners>
void maxPlane2x2(const float *in, int width, int outH, int outW, float *out, std::int64_t *argmax)
{
    for (int oy = 0; oy < outH; ++oy) {
        const float *r0 = in + std::int64_t(2 * oy) * width;
        const float *r1 = r0 + width;
        float *outRow = out + std::int64_t(oy) * outW;
        std::int64_t *argmaxRow = Winners ? argmax + std::int64_t(oy) * outW : nullptr;
        if (outW >= 8) {
            runsOf<8>(outW, [&](int ox) {
                maxRun2x2<8, Winners>(r0 + 2 * ox, r1 + 2 * ox, width, oy, ox, outRow, argmaxRow);
            });
            continue;
        }
        if (outW >= 4) {
            runsOf<4>(outW, [&](int ox) {
                maxRun2x2<4, Winners>(r0 + 2 * ox, r1 + 2 * ox, width, oy, ox, outRow, argmaxRow);
            });
            continue;
        }
        for (int ox = 0; ox < outW; ++ox) {
            const int x = 2 * ox;
            const float values[4] = {r0[x], r0[x + 1], r1[x], r1[x + 1]};
            float best = values[0];
            int winner = 0;
            for (int i = 1; i < 4; ++i) {
                const bool takes = values[i] > best || std::isnan(values[i]);
                best = takes ? values[i] : best;
                winner = takes ? i : winner;
            }
            outRow[ox] = best;
            if constexpr (Winners)
                argmaxRow[ox] = std::int64_t(2 * oy + winner / 2) * width + x + winner % 2;
        }
    }
}

// dX of windows [ox, ox + 8) of output row oy: each window's dY on the cell that won it and
// zero on its other three, the 16 cells of both rows it covers written whole (d0 and d1 from
// column 2·ox), so dX needs no zeros first and no scattered additions.
void gradRun2x2(const float *dy, const std::int64_t *winners, int width, int oy, int ox, float *d0,
                float *d1)
{
    using Floats = Run<8>::Floats;
    using Ints = Run<8>::Ints;
    Floats g;
    Run<8>::IntPairs halvesOfWinners;
    std::memcpy(&g, dy + ox, sizeof g);
    std::memcpy(&halvesOfWinners, winners + ox, sizeof halvesOfWinners);
    // Each winner's offset in its window from the low halves of the int64 indices: the
    // difference is 0 to width + 1, exact modulo 2³², where compares of int64 vectors, which
    // AVX2 lacks at this width, went one lane at a time.
    static_assert(std::endian::native == std::endian::little, "the low half comes first");
    const Ints low = __builtin_shufflevector(halvesOfWinners, halvesOfWinners, 0, 2, 4, 6, 8, 10,
                                             12, 14);
    Ints offset;
    for (int j = 0; j < 8; ++j)
        offset[j] = low[j] - std::int32_t(std::int64_t(2 * oy) * width + 2 * (ox + j));
    const std::int32_t cells[4] = {0, 1, width, width + 1};
    Floats won[4]; // top left, top right, bottom left, bottom right
    for (int k = 0; k < 4; ++k)
        won[k] = offset == (Ints{} + cells[k]) ? g : Floats{};
    const Floats halves[4] = {__builtin_shufflevector(won[0], won[1], 0, 8, 1, 9, 2, 10, 3, 11),
                              __builtin_shufflevector(won[0], won[1], 4, 12, 5, 13, 6, 14, 7, 15),
                              __builtin_shufflevector(won[2], won[3], 0, 8, 1, 9, 2, 10, 3, 11),
                              __builtin_shufflevector(won[2], won[3], 4, 12, 5, 13, 6, 14, 7, 15)};
    std::memcpy(d0 + 2 * ox, &halves[0], sizeof(Floats));
    std::memcpy(d0 + 2 * ox + 8, &halves[1], sizeof(Floats));
    std::memcpy(d1 + 2 * ox, &halves[2], sizeof(Floats));
    std::memcpy(d1 + 2 * ox + 8, &halves[3], sizeof(Floats));
}

// dX of a plane of maxPlane2x2's windows, rows of 8 windows or more, every cell written once: the
// winners' dY, zeros elsewhere and in the last column and row of an odd map, which no window
// reads. Narrower rows keep the scattered additions, which beat runs of 4 that overlap: LeNet-5's
// 5 windows a row 21 against 34 µs for a batch, mini-vgg's 7 84 against 93.
void gradPlane2x2(const float *dy, const std::int64_t *winners, int width, int height, int outH,
                  int outW, float *dx)
{
    for (int oy = 0; oy < outH; ++oy) {
        float *d0 = dx + std::int64_t(2 * oy) * width;
        float *d1 = d0 + width;
        const float *dyRow = dy + std::int64_t(oy) * outW;
        const std::int64_t *winnerRow = winners + std::int64_t(oy) * outW;
        runsOf<8>(outW, [&](int ox) { gradRun2x2(dyRow, winnerRow, width, oy, ox, d0, d1); });
        for (int x = 2 * outW; x < width; ++x) // one column at most, not worth a memset
            d0[x] = d1[x] = 0.0f;
    }
    std::fill(dx + std::int64_t(2 * outH) * width, dx + std::int64_t(height) * width, 0.0f);
}

// Whether the windows are the plain 2×2 stride-2 ones of maxPlane2x2 and gradPlane2x2, on planes
// whose indices fit their 32-bit lanes.
bool plainTwoByTwo(const Pool2dPlan &plan)
{
    const Geometry &g = plan.geometry;
    return plan.type == PoolType::Max && g.h.kernel == 2 && g.w.kernel == 2 && g.h.stride == 2
           && g.w.stride == 2 && g.padding() == Padding{} && 2 * g.h.output <= g.h.input
           && 2 * g.w.output <= g.w.input
           && plan.input.planeSize() <= std::numeric_limits<std::int32_t>::max();
}

// The columns [first, last) whose windows lie wholly inside the image, which need no clipping.
std::pair<int, int> wholeWindows(const std::vector<AxisWindow> &cols, const AxisGeometry &a)
{
    int first = 0, last = a.output;
    while (first < last && cols[size_t(first)].begin != first * a.stride - a.padBegin)
        ++first;
    while (last > first && cols[size_t(last - 1)].end - cols[size_t(last - 1)].begin != a.kernel)
        --last;
    return {first, last};
}

// One window at a time: the cells in row-major order, the first maximum and the last NaN win.
template<bool Winners>
void maxWindow(const float *in, int width, const AxisWindow &r, const AxisWindow &c, float *out,
               std::int64_t *argmax)
{
    float best = -std::numeric_limits<float>::infinity();
    std::int64_t bestIndex = std::int64_t(r.begin) * width + c.begin;
    for (int y = r.begin; y < r.end; ++y) {
        const float *row = in + std::int64_t(y) * width;
        for (int x = c.begin; x < c.end; ++x) {
            if (row[x] > best || std::isnan(row[x])) {
                best = row[x];
                bestIndex = std::int64_t(y) * width + x;
            }
        }
    }
    *out = best;
    if constexpr (Winners)
        *argmax = bestIndex;
}

// A row of whole windows side by side, each visiting its cells in maxWindow's order, so the
// same cell wins. One window's comparisons form a chain that waits on each result (9 of them
// at 3×3 took resnet18's max pooling 2.4 ms); the windows of a row are independent chains.
// best and where hold one entry per window.
template<int Stride, bool Winners>
void maxWholeWindows(const float *in, int width, const AxisWindow &r, const AxisGeometry &a,
                     int first, int last, float *best, std::int64_t *where)
{
    const int stride = Stride ? Stride : a.stride;
    const int count = last - first;
    const std::int64_t start = std::int64_t(first) * stride - a.padBegin;
    std::fill(best, best + count, -std::numeric_limits<float>::infinity());
    for (int i = 0; Winners && i < count; ++i)
        where[i] = std::int64_t(r.begin) * width + start + std::int64_t(i) * stride;
    for (int y = r.begin; y < r.end; ++y) {
        for (int kx = 0; kx < a.kernel; ++kx) {
            const std::int64_t cell = std::int64_t(y) * width + start + kx;
            const float *s = in + cell;
            for (int i = 0; i < count; ++i) {
                const float v = s[std::int64_t(i) * stride];
                const bool takes = v > best[i] || std::isnan(v);
                best[i] = takes ? v : best[i];
                if constexpr (Winners)
                    where[i] = takes ? cell + std::int64_t(i) * stride : where[i];
            }
        }
    }
}

// argmax is null without Winners.
template<bool Winners>
void maxPlane(const float *in, int width, const std::vector<AxisWindow> &rows,
              const std::vector<AxisWindow> &cols, const AxisGeometry &a, float *out,
              std::int64_t *argmax)
{
    const auto [first, last] = wholeWindows(cols, a);
    const auto winners = [&argmax](int o) {
        return Winners ? argmax + o : nullptr;
    };
    for (const AxisWindow &r : rows) {
        for (int o = 0; o < first; ++o)
            maxWindow<Winners>(in, width, r, cols[size_t(o)], out + o, winners(o));
        if (a.stride == 2)
            maxWholeWindows<2, Winners>(in, width, r, a, first, last, out + first, winners(first));
        else
            maxWholeWindows<0, Winners>(in, width, r, a, first, last, out + first, winners(first));
        for (int o = last; o < a.output; ++o)
            maxWindow<Winners>(in, width, r, cols[size_t(o)], out + o, winners(o));
        out += a.output;
        if constexpr (Winners)
            argmax += a.output;
    }
}

void averagePlane(const float *in, int width, const std::vector<AxisWindow> &rows,
                  const std::vector<AxisWindow> &cols, float *out)
{
    for (const AxisWindow &r : rows) {
        for (const AxisWindow &c : cols) {
            double sum = 0.0;
            for (int y = r.begin; y < r.end; ++y) {
                const float *row = in + std::int64_t(y) * width;
                for (int x = c.begin; x < c.end; ++x)
                    sum += row[x];
            }
            *out++ = float(sum / (r.extent * c.extent));
        }
    }
}

} // namespace

// Max:     y[n,c,oy,ox] = max over the window of x (padding = −∞), argmax = its index y·W + x
// Average: y[n,c,oy,ox] = Σ over the window of x / (K_h·K_w)
PoolResult pool2d(const Pool2dPlan &plan, const Tensor &input)
{
    PoolResult result;
    pool2d(plan, input, result.output, result.argmax);
    return result;
}

namespace {

// pool2d into output, and for max pooling with Winners the winners into argmax.
template<bool Winners>
void poolPlanes(const Pool2dPlan &plan, const Tensor &input, Tensor &output, std::int64_t *argmax)
{
    if (input.shape() != plan.input)
        throw std::invalid_argument("pool2d: input does not match the plan it was run with");
    const std::vector<AxisWindow> rows = axisWindows(plan.geometry.h);
    const std::vector<AxisWindow> cols = axisWindows(plan.geometry.w);
    const bool isMax = plan.type == PoolType::Max;
    output.reshape(plan.output);
    const std::int64_t planes = std::int64_t(plan.input.n) * plan.input.c;
    const std::int64_t inPlane = plan.input.planeSize(), outPlane = plan.output.planeSize();
    const Geometry &g = plan.geometry;
    const bool plain2x2 = plainTwoByTwo(plan);
    parallelFor(planes, kMinValuesPerThread / std::max<std::int64_t>(inPlane, 1) + 1,
                [&](std::int64_t begin, std::int64_t end) {
                    for (std::int64_t p = begin; p < end; ++p) {
                        const float *in = input.data() + p * inPlane;
                        float *out = output.data() + p * outPlane;
                        // Average pooling has no winners, and its argmax no storage.
                        std::int64_t *winners = Winners && isMax ? argmax + p * outPlane : nullptr;
                        if (plain2x2)
                            maxPlane2x2<Winners>(in, plan.input.w, g.h.output, g.w.output, out,
                                                 winners);
                        else if (isMax)
                            maxPlane<Winners>(in, plan.input.w, rows, cols, g.w, out, winners);
                        else
                            averagePlane(in, plan.input.w, rows, cols, out);
                    }
                });
}

} // namespace

void pool2d(const Pool2dPlan &plan, const Tensor &input, Tensor &output,
            std::vector<std::int64_t> &argmax)
{
    argmax.resize(plan.type == PoolType::Max ? size_t(plan.output.count()) : 0);
    poolPlanes<true>(plan, input, output, argmax.data());
}

void pool2dValues(const Pool2dPlan &plan, const Tensor &input, Tensor &output)
{
    poolPlanes<false>(plan, input, output, nullptr);
}

// Max:     dX[n, c, argmax[n, c, oy, ox]] += dY[n, c, oy, ox]
// Average: dX[n, c, y, x] += dY[n, c, oy, ox] / (K_h·K_w) over the window; the share that fell
//          on padding cells is dropped, as the padding is no input
void pool2dBackward(const Pool2dPlan &plan, std::span<const std::int64_t> argmax,
                    const Tensor &gradOutput, Tensor &gradInput)
{
    const bool isMax = plan.type == PoolType::Max;
    if (gradOutput.shape() != plan.output || (isMax && argmax.size() != size_t(plan.output.count())))
        throw std::invalid_argument("pool2dBackward: tensors do not match the plan");
    const std::vector<AxisWindow> rows = axisWindows(plan.geometry.h);
    const std::vector<AxisWindow> cols = axisWindows(plan.geometry.w);
    const int width = plan.input.w;
    const bool wide2x2 = plainTwoByTwo(plan) && plan.output.w >= 8;
    gradInput.reshape(plan.input);
    const std::int64_t planes = std::int64_t(plan.input.n) * plan.input.c;
    const std::int64_t inPlane = plan.input.planeSize(), outPlane = plan.output.planeSize();
    parallelFor(planes, kMinValuesPerThread / std::max<std::int64_t>(inPlane, 1) + 1,
                [&](std::int64_t begin, std::int64_t end) {
                    float *dxAll = gradInput.data();
                    if (wide2x2) {
                        for (std::int64_t p = begin; p < end; ++p)
                            gradPlane2x2(gradOutput.data() + p * outPlane,
                                         argmax.data() + p * outPlane, width, plan.input.h,
                                         plan.output.h, plan.output.w, dxAll + p * inPlane);
                        return;
                    }
                    std::fill(dxAll + begin * inPlane, dxAll + end * inPlane, 0.0f);
                    for (std::int64_t p = begin; p < end; ++p) {
                        const float *dy = gradOutput.data() + p * outPlane;
                        float *dx = dxAll + p * inPlane;
                        if (isMax) {
                            const std::int64_t *winners = argmax.data() + p * outPlane;
                            for (std::int64_t o = 0; o < outPlane; ++o)
                                dx[winners[o]] += dy[o];
                            continue;
                        }
                        for (const AxisWindow &r : rows) {
                            for (const AxisWindow &c : cols) {
                                const float share = *dy++ / float(r.extent * c.extent);
                                for (int y = r.begin; y < r.end; ++y) {
                                    for (int x = c.begin; x < c.end; ++x)
                                        dx[std::int64_t(y) * width + x] += share;
                                }
                            }
                        }
                    }
                });
}

} // namespace convscope
