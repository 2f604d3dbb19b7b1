#pragma once

namespace convscope {

enum class Transpose { No, Yes };

// C = op(A)·op(B), row-major: op(A) is M×K, op(B) is K×N, C is M×N, and lda, ldb, ldc are the
// strides between the rows of A, B and C as stored. It runs on the calling thread alone, and
// which library computes it depends on M, N and the machine alone, so that a caller whose shapes
// are fixed by its plan, never by the thread count, gets the same bits on any number of threads.
void gemm(Transpose transA, Transpose transB, int m, int n, int k, const float *a, int lda,
          const float *b, int ldb, float *c, int ldc);

} // namespace convscope
