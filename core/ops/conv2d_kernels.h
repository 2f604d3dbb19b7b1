#pragma once

// What the convolution's kernels share between conv2d.cpp (plan, im2col/col2im, forward,
// backward) and conv2d_direct.cpp (the direct kernels): the padded input as they
// read it, the SIMD vector type and the work below which a thread does not pay. Not part of
// the core's interface.

#include "core/ops/conv2d.h"

#include <cstring>

#ifdef __SSE__
#include <immintrin.h>
#endif

namespace convscope::conv2d_kernels {

// Below this much work per thread, starting a thread costs more than it saves.
constexpr std::int64_t kMinMultiplyAddsPerThread = std::int64_t(1) << 20;
// And below this many values copied per thread (padding the input, folding its gradient back).
constexpr std::int64_t kMinCopiedValuesPerThread = std::int64_t(1) << 16;

struct Source
{
    const float *data; // N×C×Hp×Wp
    int channels;
    int hp;
    int wp;

    const float *plane(int n, int c) const
    {
        return data + (std::int64_t(n) * channels + c) * hp * wp;
    }
};

// One SIMD register of floats (GCC/Clang vector extension): AVX in the AVX2 build, SSE in the
// portable one.
#ifdef __AVX__
typedef float FloatV __attribute__((vector_size(32)));
#else
typedef float FloatV __attribute__((vector_size(16)));
#endif
constexpr int kLanes = int(sizeof(FloatV) / sizeof(float));

inline FloatV loadV(const float *p)
{
    FloatV v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void storeV(float *p, FloatV v)
{
    std::memcpy(p, &v, sizeof v);
}

// *p in every lane, loaded straight into the register (vbroadcastss).
inline FloatV broadcast(const float *p)
{
#if defined(__AVX__)
    return _mm256_broadcast_ss(p);
#elif defined(__SSE__)
    return _mm_load1_ps(p);
#else
    return FloatV{} + *p;
#endif
}

// Up to this many filters a group, on output rows at least this wide, the direct kernels beat
// im2col and the GEMM: each output value is C·K_h·K_w multiply-adds in registers, where im2col
// would first copy as many values. On narrower rows (LeNet's 28) the GEMM's batch-wide columns
// win. Depthwise filters always take them.
constexpr int kDirectFiltersPerGroup = 8;
constexpr int kDirectMinOutputWidth = 64;

inline bool takesDirectKernels(const Conv2dPlan &plan)
{
    const bool depthwise = plan.inputChannelsPerGroup() == 1 && plan.outputChannelsPerGroup() == 1;
    return depthwise
           || (plan.outputChannelsPerGroup() <= kDirectFiltersPerGroup
               && plan.output.w >= kDirectMinOutputWidth);
}

// Direct, for few filters a group (the explorer's one filter over an RGB image) or depthwise:
//   out[n,k,oy,ox] = b[k] + Σ_{c,ky,kx} w[k,c,ky,kx]·x[n, g·C/G + c, oy·S_h + ky·D_h, ox·S_w + kx·D_w]
// with g = k / (K/G); src is the padded input N×C×Hp×Wp, weight K×(C/G)×K_h×K_w,
// out N×K×O_h×O_w.
void convDirect(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                std::span<const float> bias, Tensor &out);

// The wide column layout of conv2d_wide.cpp: stride 1, and at most one unused column in
// kWideWasteDivisor used ones. Its GEMM blocks run over output rows (n, o_y) of the batch,
// [first, first + count), W_p columns each; product and cols have count·W_p columns.
constexpr int kWideWasteDivisor = 4;
bool takesWideColumns(const Conv2dPlan &plan);
void im2colWide(const Conv2dPlan &plan, const Source &src, int group, std::int64_t first,
                std::int64_t count, float *cols);
// The adjoint: adds cols back into grad, laid out as `layout`; unused columns must be zero.
void col2imWide(const Conv2dPlan &plan, const Source &layout, int group, std::int64_t first,
                std::int64_t count, const float *cols, float *grad);
// The GEMM's product rows (filters [firstFilter, firstFilter + filters) of the group) plus the
// bias into the NCHW output.
void scatterWide(const Conv2dPlan &plan, int wp, int group, std::int64_t first, std::int64_t count,
                 int firstFilter, int filters, const float *product, std::span<const float> bias,
                 Tensor &out);
// dY of the group's filters into the layout, zero in the unused columns.
void gatherWide(const Conv2dPlan &plan, int wp, int group, std::int64_t first, std::int64_t count,
                const Tensor &gradOutput, float *product);

// The plans conv2d_implicit.cpp computes, forward pass, dX and dW: stride 1, at least 16 values
// a filter, not the direct kernels', and few enough wide columns computed for nothing.
bool takesImplicit(const Conv2dPlan &plan);
// The forward pass of the wide layout reading the padded input in place (conv2d_implicit.cpp).
// Its last tile of an image reads up to implicitSlack(plan) floats past the padded input, which
// src must hold (their values only reach columns that are dropped).
int implicitSlack(const Conv2dPlan &plan);
void convImplicit(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                  std::span<const float> bias, Tensor &out);
// dW and db (gradBias null without a bias) of group `group` over images [firstImage,
// firstImage + images), K_g × C_g·K_h·K_w, read against the padded input in place (src needs
// implicitSlack). A block of images takes implicitGradPixels(plan, W_p) columns an image.
std::int64_t implicitGradPixels(const Conv2dPlan &plan, int wp);
void implicitGradWeight(const Conv2dPlan &plan, const Source &src, int group, int firstImage,
                        int images, const Tensor &gradOutput, float *gradWeight, float *gradBias);
// The multiply-adds convImplicit computes for a plan, the unused filters of its last block and
// the unused columns of its tiles included.
std::int64_t implicitMultiplyAdds(const Conv2dPlan &plan);

// Which kernel computes a plan's dX (conv2d.cpp): conv2d_lanes.cpp's, convImplicit over dY, or
// the GEMM's Wᵀ·dY and col2im.
enum class GradInputKernel { Lanes, Implicit, Gemm };
GradInputKernel gradInputKernel(const Conv2dPlan &plan);

// dX of the plans conv2d_lanes.cpp takes (stride 1, zero padding), with kLanes images of the
// batch in a vector; lanesGradInputWork is what it computes, in multiply-adds, the values it
// moves into and out of that layout counted too.
bool takesLanes(const Conv2dPlan &plan);
std::int64_t lanesGradInputWork(const Conv2dPlan &plan);
void lanesGradInput(const Conv2dPlan &plan, const Tensor &weight, const Tensor &gradOutput,
                    Tensor &gradInput);

} // namespace convscope::conv2d_kernels
