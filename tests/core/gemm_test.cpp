#include "core/ops/gemm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace convscope {
namespace {

// C = op(A)·op(B) in double, from the operands as gemm reads them.
std::vector<double> reference(Transpose ta, Transpose tb, int m, int n, int k,
                              const std::vector<float> &a, int lda, const std::vector<float> &b,
                              int ldb)
{
    std::vector<double> c(size_t(m) * n, 0.0);
    for (int i = 0; i < m; ++i) {
        for (int j = 0; j < n; ++j) {
            double sum = 0.0;
            for (int p = 0; p < k; ++p) {
                const float x = ta == Transpose::Yes ? a[size_t(p) * lda + i]
                                                     : a[size_t(i) * lda + p];
                const float y = tb == Transpose::Yes ? b[size_t(j) * ldb + p]
                                                     : b[size_t(p) * ldb + j];
                sum += double(x) * double(y);
            }
            c[size_t(i) * n + j] = sum;
        }
    }
    return c;
}

// Every transposition, on products as narrow as a first layer's few filters (which may go to
// OpenBLAS) and as wide as a late layer's (Eigen's, or OpenBLAS's AVX-512 kernels), one of them
// past the blocks both split their operands into, with rows stored wider than they are used:
// the padding between rows must neither be read into the product nor written.
TEST(Gemm, EveryTranspositionAndStrideAgainstADoubleReference)
{
    std::mt19937 rng(8);
    std::uniform_real_distribution<float> value(-1.0f, 1.0f);
    const int sizes[][3] = {{6, 300, 25}, {1, 200, 75}, {3, 150, 27}, {25, 6, 400},  {16, 150, 40},
                            {7, 9, 1},    {40, 33, 70}, {2, 2, 2},    {70, 530, 610}};
    for (const auto &size : sizes) {
        const int m = size[0], n = size[1], k = size[2];
        for (Transpose ta : {Transpose::No, Transpose::Yes}) {
            for (Transpose tb : {Transpose::No, Transpose::Yes}) {
                const int aRows = ta == Transpose::Yes ? k : m,
                          aCols = ta == Transpose::Yes ? m : k;
                const int bRows = tb == Transpose::Yes ? n : k,
                          bCols = tb == Transpose::Yes ? k : n;
                const int lda = aCols + 3, ldb = bCols + 1, ldc = n + 2;
                std::vector<float> a(size_t(aRows) * lda), b(size_t(bRows) * ldb);
                for (float &x : a)
                    x = value(rng);
                for (float &x : b)
                    x = value(rng);
                const float kUntouched = 1234.5f;
                std::vector<float> c(size_t(m) * ldc, kUntouched);
                gemm(ta, tb, m, n, k, a.data(), lda, b.data(), ldb, c.data(), ldc);
                const std::vector<double> expected = reference(ta, tb, m, n, k, a, lda, b, ldb);
                const std::string what = std::to_string(m) + "×" + std::to_string(n) + "×"
                                         + std::to_string(k) + " transposed "
                                         + std::to_string(int(ta)) + std::to_string(int(tb));
                for (int i = 0; i < m; ++i) {
                    for (int j = 0; j < n; ++j)
                        ASSERT_NEAR(c[size_t(i) * ldc + j], expected[size_t(i) * n + j],
                                    1e-5 * (1.0 + std::sqrt(double(k))))
                            << what << " at " << i << ", " << j;
                    for (int j = n; j < ldc; ++j)
                        ASSERT_EQ(c[size_t(i) * ldc + j], kUntouched) << what << " padding";
                }
            }
        }
    }
}

} // namespace
} // namespace convscope
