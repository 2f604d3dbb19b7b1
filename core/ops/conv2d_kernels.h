#pragma once

// What the convolution's kernels share between conv2d.cpp (plan, im2col/col2im, forward,
// backward) and conv2d_depthwise.cpp (the direct depthwise kernels): the padded input as they
// read it, the SIMD vector type and the work below which a thread does not pay. Not part of
// the core's interface.

#include "core/ops/conv2d.h"

#include <cstring>

namespace convscope::conv2d_kernels {

// Below this much work per thread, starting a thread costs more than it saves.
constexpr std::int64_t kMinMultiplyAddsPerThread = std::int64_t(1) << 20;

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

// Depthwise (one input channel per filter), direct:
//   out[n,k,oy,ox] = b[k] + Σ_{ky,kx} w[k,0,ky,kx]·x[n, k/(K/G), oy·S_h + ky·D_h, ox·S_w + kx·D_w]
// src is the padded input N×C×Hp×Wp, weight K×1×K_h×K_w, out N×K×O_h×O_w.
void convDepthwise(const Conv2dPlan &plan, const Source &src, const Tensor &weight,
                   std::span<const float> bias, Tensor &out);

} // namespace convscope::conv2d_kernels
