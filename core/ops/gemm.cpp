// Eigen's GEMM runs the convolutions near the machine's peak (80–100 GFLOP/s a core on an AVX2
// EPYC) except when one side of the product has only a few rows: a first layer's 6 filters
// (LeNet-5), a weight gradient over 3 input channels. There its register kernels are mostly
// empty, and OpenBLAS's reach 1.8–2.6× its speed (measured: 6×2509×25 at 60 against 106
// GFLOP/s, the weight gradient 6×25×2352 at 35 against 91). On the wider products Eigen is
// 5–60 % ahead (144×1024×16 at 88 against 55), and on a single row 25 % (1×2000×75, 45
// against 36). So the narrow products go to OpenBLAS, on one thread: the callers already split
// their work over the pool.
// Where OpenBLAS runs its AVX-512 kernels (it picks them at run time, on an Intel Xeon with
// AVX-512), they win on the wide products too, on one core of such a Xeon: resnet18's first
// layer (64×445×147) 47 → 63 GMAC/s, its 128 filters over 576 rows 48 → 71, mini-resnet's
// 32×49×64 (Aᵀ·B) 40 → 74, a weight gradient (64×576×784, A·Bᵀ) 44 → 59. There every
// product but a single row goes to OpenBLAS.
#include "core/ops/gemm.h"

#include <Eigen/Core>

#ifdef CONVSCOPE_OPENBLAS
#include <cblas.h>

#include <mutex>
#include <string_view>
#endif

#include <algorithm>

namespace convscope {

namespace {

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstStrided = Eigen::Map<const RowMatrix, 0, Eigen::OuterStride<>>;

// The operand as stored: op(X) is rows×cols, so X is cols×rows when transposed.
ConstStrided stored(Transpose t, int rows, int cols, const float *x, int ld)
{
    return t == Transpose::Yes ? ConstStrided(x, cols, rows, Eigen::OuterStride<>(ld))
                               : ConstStrided(x, rows, cols, Eigen::OuterStride<>(ld));
}

void eigenGemm(Transpose transA, Transpose transB, int m, int n, int k, const float *a, int lda,
               const float *b, int ldb, float *c, int ldc)
{
    const ConstStrided sa = stored(transA, m, k, a, lda);
    const ConstStrided sb = stored(transB, k, n, b, ldb);
    Eigen::Map<RowMatrix, 0, Eigen::OuterStride<>> result(c, m, n, Eigen::OuterStride<>(ldc));
    if (transA == Transpose::Yes && transB == Transpose::Yes)
        result.noalias() = sa.transpose() * sb.transpose();
    else if (transA == Transpose::Yes)
        result.noalias() = sa.transpose() * sb;
    else if (transB == Transpose::Yes)
        result.noalias() = sa * sb.transpose();
    else
        result.noalias() = sa * sb;
}

#ifdef CONVSCOPE_OPENBLAS
// The narrowest side of the products OpenBLAS takes: up to kNarrowTo, or any with its
// AVX-512 kernels.
constexpr int kNarrowFrom = 2;
constexpr int kNarrowTo = 6;

bool openBlasHasAvx512()
{
    static const bool avx512 = [] {
        const std::string_view core = openblas_get_corename();
        for (std::string_view name : {"SkylakeX", "Cooperlake", "SapphireRapids"}) {
            if (core == name)
                return true;
        }
        return false;
    }();
    return avx512;
}

void openBlasGemm(Transpose transA, Transpose transB, int m, int n, int k, const float *a, int lda,
                  const float *b, int ldb, float *c, int ldc)
{
    static std::once_flag oneThread;
    std::call_once(oneThread, [] { openblas_set_num_threads(1); });
    cblas_sgemm(CblasRowMajor, transA == Transpose::Yes ? CblasTrans : CblasNoTrans,
                transB == Transpose::Yes ? CblasTrans : CblasNoTrans, m, n, k, 1.0f, a, lda, b, ldb,
                0.0f, c, ldc);
}
#endif

} // namespace

void gemm(Transpose transA, Transpose transB, int m, int n, int k, const float *a, int lda,
          const float *b, int ldb, float *c, int ldc)
{
#ifdef CONVSCOPE_OPENBLAS
    const int narrowest = std::min(m, n);
    if (narrowest >= kNarrowFrom && (narrowest <= kNarrowTo || openBlasHasAvx512())) {
        openBlasGemm(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        return;
    }
#endif
    eigenGemm(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
}

} // namespace convscope
