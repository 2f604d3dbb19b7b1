// Kernels of the AVX2 build on 512-bit registers, for the AVX-512 build (CONVSCOPE_AVX512):
// - tile4x of conv2d_kernels.h:
//   acc[(f·V + i)·8 + l] = Σ_r packed[r·rowStep + f] · s[offsets[r] + 8·i + l]
//   for f < 4 filters, i < V vectors of 8 lanes side by side in memory, l < 8:
//   two of the AVX2 build's vectors make one register, and an odd one left is a 256-bit half;
// - the dW tiles of conv2d_lanes_input.cpp and conv2d_implicit.cpp, as gradTileWide:
//   acc[f·4 + j] += Σ_t dY(f)[t] · x_j[windows[t]]   for f < 8 filters, j < 4 rows
//   two filters' dY side by side make one register, against a row's x in both halves: 16
//   sums, 9 loads for 16 FMAs, where 4 filters × 4 rows took 7 loads for 8 and the loads set
//   the pace (dW of mini-resnet's 64 filters on 7×7 maps 1.58 → 1.37 ms; 8 × 4: 1.22);
// - the dX tile of conv2d_lanes.cpp (lanesGradInputTile), as lanesGradInputTileWide: a tile's
//   two cells side by side make one register, and two tiles with the same taps share each
//   broadcast filter value, 12 sums (LeNet-5's conv2 dX 0.40 → 0.35 ms on one thread, with the
//   tiles' taps worked out once a plan; mini-resnet's stride-2 conv4 2.10 → 1.67).
// Each lane's sum is the same chain of fused multiply-adds as the AVX2 kernel's, so the results
// are bit for bit those of the AVX2 build. On a core with two 512-bit FMA units it does twice
// the multiply-adds a cycle; on one that splits them in halves (Zen 4), as many. This file
// alone is compiled with -mavx512f: the rest of the core keeps its 256-bit code, which a core's
// 512-bit clock would slow.
#include "core/ops/conv2d_kernels.h"

#include <cstring>
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

// 16 floats, for the kernels written with GCC's vector extensions: its shuffles of loaded
// values become broadcasts from memory, which the intrinsics' undefined upper halves do not.
typedef float Float16 __attribute__((vector_size(64)));

// a in the low half, b in the high one; and back.
inline Float16 joined(FloatV a, FloatV b)
{
    return __builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}

inline void split(Float16 v, FloatV &a, FloatV &b)
{
    a = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7);
    b = __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
}

// The kLanes floats at x in both halves, broadcast from memory by the load itself: as a
// shuffle it took the second FMA port's cycles. The zero-masked form, as the plain one's
// undefined source trips GCC 12's -Wmaybe-uninitialized; with every lane kept it is the same.
inline Float16 twice(const float *x)
{
    return Float16(
        _mm512_maskz_broadcast_f64x4(0xFF, _mm256_loadu_pd(reinterpret_cast<const double *>(x))));
}

inline Float16 load16(const float *p)
{
    Float16 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

} // namespace

void gradTileWide(const float *const (&pairs)[4], const float *const (&x)[4],
                  const std::int64_t *windows, std::int64_t cells, FloatV *acc)
{
    static_assert(kLanes == 8, "two filters' 8 lanes a register");
    // c[p][j]: filters 2p (low half) and 2p + 1 (high half) against row j; acc[f·4 + j].
    Float16 c[4][4];
    for (int p = 0; p < 4; ++p) {
        for (int j = 0; j < 4; ++j)
            c[p][j] = joined(acc[8 * p + j], acc[8 * p + 4 + j]);
    }
    for (std::int64_t q = 0; q < cells; ++q) {
        const std::int64_t w = windows[q];
        const Float16 x0 = twice(x[0] + w), x1 = twice(x[1] + w), x2 = twice(x[2] + w);
        const Float16 x3 = twice(x[3] + w);
        for (int p = 0; p < 4; ++p) {
            Float16 d = load16(pairs[p] + q * 2 * kLanes);
            // In a register: GCC folded it into each of its FMAs, a load for every one, and
            // the loads, not the FMAs, set the pace.
            asm("" : "+v"(d));
            c[p][0] = d * x0 + c[p][0];
            c[p][1] = d * x1 + c[p][1];
            c[p][2] = d * x2 + c[p][2];
            c[p][3] = d * x3 + c[p][3];
        }
    }
    for (int p = 0; p < 4; ++p) {
        for (int j = 0; j < 4; ++j)
            split(c[p][j], acc[8 * p + j], acc[8 * p + 4 + j]);
    }
}

namespace {

// lanesGradInputTileWide for T tiles: c[tile][j] holds channel j of both of a tile's cells, the
// first in the low half. The filter value is broadcast once for the T tiles.
template<int T>
void gradInputTiles(const float *const (&t)[2], std::int64_t cellStride, std::int64_t yStep,
                    std::int64_t xStep, const float *w, std::int64_t wkStride, int wyStride,
                    int filters, Taps rows, Taps columns, FloatV *acc)
{
    Float16 c[T][6] = {};
    for (int ny = 0, ky = rows.first; ky <= rows.last; ky += rows.step, ++ny) {
        for (int nx = 0, kx = columns.first; kx <= columns.last; kx += columns.step, ++nx) {
            const std::int64_t at = -ny * yStep - nx * xStep;
            const float *v = w + ky * wyStride + kx * 6;
            for (int k = 0; k < filters; ++k, v += wkStride) {
                Float16 x[T];
                for (int tile = 0; tile < T; ++tile) {
                    const float *s = t[tile] + at + k * kLanes;
                    x[tile] = joined(loadV(s), loadV(s + cellStride));
                }
                for (int j = 0; j < 6; ++j) {
                    const Float16 a = Float16(_mm512_set1_ps(v[j]));
                    for (int tile = 0; tile < T; ++tile)
                        c[tile][j] = a * x[tile] + c[tile][j];
                }
            }
        }
    }
    for (int tile = 0; tile < T; ++tile) {
        for (int j = 0; j < 6; ++j)
            split(c[tile][j], acc[tile * 12 + j * 2], acc[tile * 12 + j * 2 + 1]);
    }
}

} // namespace

void lanesGradInputTileWide(int tiles, const float *const (&t)[2], std::int64_t cellStride,
                            std::int64_t yStep, std::int64_t xStep, const float *w,
                            std::int64_t wkStride, int wyStride, int filters, Taps rows,
                            Taps columns, FloatV *acc)
{
    if (tiles == 2)
        return gradInputTiles<2>(t, cellStride, yStep, xStep, w, wkStride, wyStride, filters, rows,
                                 columns, acc);
    gradInputTiles<1>(t, cellStride, yStep, xStep, w, wkStride, wyStride, filters, rows, columns,
                      acc);
}

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
