// tile4x of conv2d_kernels.h on 512-bit registers, for the AVX-512 build (CONVSCOPE_AVX512):
//   acc[(f·V + i)·8 + l] = Σ_r packed[r·rowStep + f] · s[offsets[r] + 8·i + l]
//   for f < 4 filters, i < V vectors of 8 lanes side by side in memory, l < 8
// Two of the AVX2 build's vectors make one register, and an odd one left is a 256-bit half.
// Each lane's sum is the same chain of fused multiply-adds over r as tile4x's, so the results
// are bit for bit those of the AVX2 build. On a core with two 512-bit FMA units it does twice
// the multiply-adds a cycle; on one that splits them in halves (Zen 4), as many. This file
// alone is compiled with -mavx512f: the rest of the core keeps its 256-bit code, which a core's
// 512-bit clock would slow.
#include "core/ops/conv2d_kernels.h"

#include <immintrin.h>
#include <stdexcept>

namespace convscope::conv2d_kernels {

namespace {

// One filter's tap *w times the row's Z registers and, when H, its half, into that filter's
// sums: inlined, they stay in registers.
template<int Z, bool H>
[[gnu::always_inline]] inline void filterStep(const float *w, __m512 x0, __m512 x1, __m512 x2,
                                              __m256 xh, __m512 &c0, __m512 &c1, __m512 &c2,
                                              __m256 &h)
{
    const __m512 a = _mm512_set1_ps(*w);
    c0 = _mm512_fmadd_ps(a, x0, c0);
    if constexpr (Z > 1)
        c1 = _mm512_fmadd_ps(a, x1, c1);
    if constexpr (Z > 2)
        c2 = _mm512_fmadd_ps(a, x2, c2);
    if constexpr (H)
        h = _mm256_fmadd_ps(_mm256_broadcast_ss(w), xh, h);
}

// Z whole registers and, when H, a half one for each of the 4 filters: 16 of the 32 registers
// at most, named one by one for the reason tile4x gives.
template<int Z, bool H>
void tile4x512(const float *packed, const float *s, const std::int64_t *offsets, int rows,
               float *acc, std::int64_t rowStep)
{
    static_assert(Z >= 1 && Z <= 3, "1 to 3 registers of 16 lanes a filter");
    constexpr int kV = 2 * Z + (H ? 1 : 0);
    __m512 c00 = _mm512_setzero_ps(), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
    __m512 c20 = c00, c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
    __m256 h0 = _mm256_setzero_ps(), h1 = h0, h2 = h0, h3 = h0;
    for (int r = 0; r < rows; ++r) {
        const float *x = s + offsets[r];
        const __m512 x0 = _mm512_loadu_ps(x);
        const __m512 x1 = Z > 1 ? _mm512_loadu_ps(x + 16) : x0;
        const __m512 x2 = Z > 2 ? _mm512_loadu_ps(x + 32) : x0;
        const __m256 xh = H ? _mm256_loadu_ps(x + 16 * Z) : _mm256_setzero_ps();
        const float *w = packed + r * rowStep;
        filterStep<Z, H>(w, x0, x1, x2, xh, c00, c01, c02, h0);
        filterStep<Z, H>(w + 1, x0, x1, x2, xh, c10, c11, c12, h1);
        filterStep<Z, H>(w + 2, x0, x1, x2, xh, c20, c21, c22, h2);
        filterStep<Z, H>(w + 3, x0, x1, x2, xh, c30, c31, c32, h3);
    }
    const __m512 sums[4][3] = {{c00, c01, c02}, {c10, c11, c12}, {c20, c21, c22}, {c30, c31, c32}};
    const __m256 halves[4] = {h0, h1, h2, h3};
    for (int f = 0; f < 4; ++f) {
        float *to = acc + f * kV * kLanes;
        for (int z = 0; z < Z; ++z)
            _mm512_storeu_ps(to + 16 * z, sums[f][z]);
        if constexpr (H)
            _mm256_storeu_ps(to + 16 * Z, halves[f]);
    }
}

} // namespace

void tile4xWide(int vectors, const float *packed, const float *s, const std::int64_t *offsets,
                int rows, float *acc, std::int64_t rowStep)
{
    switch (vectors) {
    case 3:
        return tile4x512<1, true>(packed, s, offsets, rows, acc, rowStep);
    case 4:
        return tile4x512<2, false>(packed, s, offsets, rows, acc, rowStep);
    case 5:
        return tile4x512<2, true>(packed, s, offsets, rows, acc, rowStep);
    case 6:
        return tile4x512<3, false>(packed, s, offsets, rows, acc, rowStep);
    default:
        throw std::invalid_argument("tile4xWide: 3 to 6 vectors");
    }
}

} // namespace convscope::conv2d_kernels
