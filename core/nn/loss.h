#pragma once

#include "core/tensor.h"

#include <cstdint>
#include <span>

namespace convscope {

struct LossResult
{
    double loss = 0.0; // mean over the batch
    int correct = 0;   // images whose largest logit is their label
};

// Softmax + cross-entropy over logits N×K×1×1 and labels in [0, K), computed through the
// log-sum-exp so that no logit overflows:
//   L = (1/N) Σ_n [log Σ_k exp(z[n,k] − m_n) + m_n − z[n, y_n]],  m_n = max_k z[n,k]
//   dL/dz[n,k] = (softmax(z[n])_k − 1[k = y_n]) / N
// The gradient is written when gradLogits is not null. With label smoothing ε the target is
// (1 − ε)·one-hot + ε/K, as PyTorch's CrossEntropyLoss(label_smoothing = ε):
//   L adds ε·(mean_k of −log softmax(z)_k − (−log softmax(z)_y)), dL/dz = (p − target) / N
LossResult softmaxCrossEntropy(const Tensor &logits, std::span<const std::uint8_t> labels,
                               Tensor *gradLogits, float labelSmoothing = 0.0f);

// Probabilities of one image's K logits, stably.
void softmax(const float *logits, int count, float *probabilities);

} // namespace convscope
