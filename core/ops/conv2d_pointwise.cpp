// Convolutions by 1×1 filters without padding, in one group (ResNet's projections, the
// reductions of an Inception block): each output pixel is the filter matrix times the input
// pixel under it, so a layer is a GEMM an image, with no im2col, no col2im and no lanes layout.
//   x: N×C×H×W   W: K×C (1×1)   y: N×K×O_h×O_w, P = O_h·O_w, stride S_h, S_w (dilation and
//   the pad mode reach nothing without padding)
//   x_s[n] = x[n, :, o_y·S_h, o_x·S_w], C×P: x[n] itself at stride 1
// Forward:  y[n] = W·x_s[n] + b                                 an image a unit
// dX:       dx_s[n] = Wᵀ·dy[n], put back at the strided cells of dx[n], zeros between them
// dW, db:   dW = Σ_blocks dy_B·x_sBᵀ, db = Σ dy, over blocks of kBlockImages images whose
//           columns lie side by side; each block's partial sums are added in block order.
// Each image's products have the plan's shapes, and the blocks are fixed by the batch, so the
// results are the same on any number of threads.
#include "core/ops/conv2d_kernels.h"

#include "core/ops/gemm.h"
#include "core/ops/lane_sums.h"
#include "core/parallel.h"

#include <algorithm>
#include <vector>

namespace convscope::conv2d_kernels {

namespace {

// Images a block of dW puts side by side: enough columns for the GEMM (8 × 49 at 7×7 maps).
constexpr int kBlockImages = 8;

struct PointwiseShape
{
    int channels;       // C
    int filters;        // K
    std::int64_t cells; // P
    bool strided;       // x_s is a gather of x, not x itself
};

PointwiseShape pointwiseShape(const Conv2dPlan &plan)
{
    return {plan.input.c, plan.output.c, std::int64_t(plan.output.h) * plan.output.w,
            plan.geometry.h.stride > 1 || plan.geometry.w.stride > 1};
}

// x_s[n] into `to`, row c of it at to + c·stride.
void gatherCells(const Conv2dPlan &plan, const Tensor &input, int n, float *to, std::int64_t stride)
{
    const Shape &in = plan.input, &o = plan.output;
    const int sh = plan.geometry.h.stride, sw = plan.geometry.w.stride;
    for (int c = 0; c < in.c; ++c) {
        const float *plane = input.plane(n, c);
        float *row = to + c * stride;
        for (int oy = 0; oy < o.h; ++oy) {
            const float *from = plane + std::int64_t(oy) * sh * in.w;
            for (int ox = 0; ox < o.w; ++ox)
                row[std::int64_t(oy) * o.w + ox] = from[std::int64_t(ox) * sw];
        }
    }
}

// x_s[n]: x[n] itself, or gathered into the calling thread's scratch.
const float *cellsOf(const Conv2dPlan &plan, const PointwiseShape &p, const Tensor &input, int n)
{
    if (!p.strided)
        return input.plane(n, 0);
    float *to = reuse(laneBuffers().first, p.channels * p.cells);
    gatherCells(plan, input, n, to, p.cells);
    return to;
}

// dx[n] from dx_s[n]: each value to its strided cell, zeros in the cells no window reads.
void scatterCells(const Conv2dPlan &plan, const float *from, float *dx)
{
    const Shape &in = plan.input, &o = plan.output;
    const int sh = plan.geometry.h.stride, sw = plan.geometry.w.stride;
    for (int c = 0; c < in.c; ++c) {
        for (int y = 0; y < in.h; ++y) {
            float *row = dx + (std::int64_t(c) * in.h + y) * in.w;
            std::fill_n(row, in.w, 0.0f);
            if (y % sh != 0)
                continue;
            const float *cells = from + (std::int64_t(c) * o.h + y / sh) * o.w;
            for (int ox = 0; ox < o.w; ++ox)
                row[std::int64_t(ox) * sw] = cells[ox];
        }
    }
}

} // namespace

// From a batch of kBlockImages: an image a unit leaves smaller batches too few units for the
// pool, and the GEMM path splits an image's columns over it instead.
bool takesPointwise(const Conv2dPlan &plan)
{
    return plan.weight.h == 1 && plan.weight.w == 1 && plan.groups == 1
           && plan.geometry.padding() == Padding{} && plan.input.n >= kBlockImages;
}

void pointwiseForward(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                      std::span<const float> bias, Tensor &out)
{
    const PointwiseShape p = pointwiseShape(plan);
    const std::int64_t perImage = std::int64_t(p.filters) * p.channels * p.cells;
    parallelFor(plan.input.n, kMinMultiplyAddsPerThread / std::max<std::int64_t>(perImage, 1) + 1,
                [&](std::int64_t first, std::int64_t end) {
                    for (std::int64_t n = first; n < end; ++n) {
                        const float *x = cellsOf(plan, p, input, int(n));
                        float *y = out.plane(int(n), 0);
                        gemm(Transpose::No, Transpose::No, p.filters, int(p.cells), p.channels,
                             weight.data(), p.channels, x, int(p.cells), y, int(p.cells));
                        for (int k = 0; k < int(bias.size()); ++k) {
                            float *row = y + k * p.cells;
                            const float b = bias[size_t(k)];
                            for (std::int64_t i = 0; i < p.cells; ++i)
                                row[i] += b;
                        }
                    }
                });
}

void pointwiseBackward(const Conv2dPlan &plan, const Tensor &input, const Tensor &weight,
                       const Tensor &gradOutput, Tensor *gradInput, Tensor &gradWeight,
                       std::span<float> gradBias)
{
    const PointwiseShape p = pointwiseShape(plan);
    const int images = plan.input.n;
    const std::int64_t perImage = std::int64_t(p.filters) * p.channels * p.cells;
    const std::int64_t minImages = kMinMultiplyAddsPerThread / std::max<std::int64_t>(perImage, 1)
                                   + 1;
    if (gradInput) {
        gradInput->reshape(plan.input);
        parallelFor(images, minImages, [&](std::int64_t first, std::int64_t end) {
            for (std::int64_t n = first; n < end; ++n) {
                float *dx = gradInput->plane(int(n), 0);
                float *to = p.strided ? reuse(laneBuffers().first, p.channels * p.cells) : dx;
                gemm(Transpose::Yes, Transpose::No, p.channels, int(p.cells), p.filters,
                     weight.data(), p.channels, gradOutput.plane(int(n), 0), int(p.cells), to,
                     int(p.cells));
                if (p.strided)
                    scatterCells(plan, to, dx);
            }
        });
    }
    const int blocks = (images + kBlockImages - 1) / kBlockImages;
    const std::int64_t weights = std::int64_t(p.filters) * p.channels;
    const std::int64_t partSize = weights + p.filters;
    std::vector<float> partials(size_t(blocks * partSize));
    parallelFor(blocks, minImages / kBlockImages + 1, [&](std::int64_t first, std::int64_t end) {
        for (std::int64_t b = first; b < end; ++b) {
            const int firstImage = int(b) * kBlockImages;
            const int count = std::min(kBlockImages, images - firstImage);
            const std::int64_t columns = count * p.cells;
            LaneBuffers &buffers = laneBuffers();
            float *x = reuse(buffers.first, p.channels * columns);
            float *dy = reuse(buffers.second, p.filters * columns);
            for (int i = 0; i < count; ++i) {
                const int n = firstImage + i;
                gatherCells(plan, input, n, x + i * p.cells, columns);
                for (int k = 0; k < p.filters; ++k)
                    std::copy_n(gradOutput.plane(n, k), p.cells, dy + k * columns + i * p.cells);
            }
            float *part = partials.data() + b * partSize;
            gemm(Transpose::No, Transpose::Yes, p.filters, p.channels, int(columns), dy,
                 int(columns), x, int(columns), part, p.channels);
            for (int k = 0; k < p.filters; ++k) {
                const float *row = dy + k * columns;
                LaneSums<float> sum;
                sum.add(columns, [row](std::int64_t j) { return row[j]; });
                part[weights + k] = sum.total();
            }
        }
    });
    gradWeight.reshape(plan.weight);
    std::fill_n(gradWeight.data(), weights, 0.0f);
    std::fill(gradBias.begin(), gradBias.end(), 0.0f);
    for (int b = 0; b < blocks; ++b) {
        const float *part = partials.data() + b * partSize;
        for (std::int64_t i = 0; i < weights; ++i)
            gradWeight.data()[i] += part[i];
        for (size_t k = 0; k < gradBias.size(); ++k)
            gradBias[k] += part[weights + std::int64_t(k)];
    }
}

} // namespace convscope::conv2d_kernels
