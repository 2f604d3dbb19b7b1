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
        __m512 a = _mm512_set1_ps(w[0]);
        c00 = _mm512_fmadd_ps(a, x0, c00);
        if constexpr (Z > 1)
            c01 = _mm512_fmadd_ps(a, x1, c01);
        if constexpr (Z > 2)
            c02 = _mm512_fmadd_ps(a, x2, c02);
        if constexpr (H)
            h0 = _mm256_fmadd_ps(_mm256_broadcast_ss(w + 0), xh, h0);
        a = _mm512_set1_ps(w[1]);
        c10 = _mm512_fmadd_ps(a, x0, c10);
        if constexpr (Z > 1)
            c11 = _mm512_fmadd_ps(a, x1, c11);
        if constexpr (Z > 2)
            c12 = _mm512_fmadd_ps(a, x2, c12);
        if constexpr (H)
            h1 = _mm256_fmadd_ps(_mm256_broadcast_ss(w + 1), xh, h1);
        a = _mm512_set1_ps(w[2]);
        c20 = _mm512_fmadd_ps(a, x0, c20);
        if constexpr (Z > 1)
            c21 = _mm512_fmadd_ps(a, x1, c21);
        if constexpr (Z > 2)
            c22 = _mm512_fmadd_ps(a, x2, c22);
        if constexpr (H)
            h2 = _mm256_fmadd_ps(_mm256_broadcast_ss(w + 2), xh, h2);
        a = _mm512_set1_ps(w[3]);
        c30 = _mm512_fmadd_ps(a, x0, c30);
        if constexpr (Z > 1)
            c31 = _mm512_fmadd_ps(a, x1, c31);
        if constexpr (Z > 2)
            c32 = _mm512_fmadd_ps(a, x2, c32);
        if constexpr (H)
            h3 = _mm256_fmadd_ps(_mm256_broadcast_ss(w + 3), xh, h3);
    }
    const __m512 sums[4][3] = {{c00, c01, c02}, {c10, c11, c12}, {c20, c21, c22}, {c30, c31, c32}};
    const __m256 halves[4] = {h0, h1, h2, h3};
    for (int f = 0; f < 4; ++f) {
        float *to = acc + f * kV * 8;
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
