#pragma once

#include "core/ops/geometry.h"
#include "core/tensor.h"

#include <cstdint>
#include <vector>

namespace convscope {

// The lecture's equivariance and invariance, in numbers: a convolution commutes with a shift
// of its input (conv(shift(x)) = shift(conv(x))) except near the border, a max pooling after
// it forgives a shift only inside its window, and a trained network's answer bears a shift of
// a few pixels.

// The image moved down by dy and right by dx pixels (negative: up, left); what leaves the
// image is lost and what enters is 0: no wraparound.
Tensor shiftImage(const Tensor &x, int dy, int dx);

// Per output pixel of a window layer on an input shifted by (dy, dx), row-major over the
// output: 1 where conv(shift(x)) equals shift(conv(x)) whatever x is, because the shifted
// position exists and its window reads no pixel that the shift pushed out of the image. Stride
// 1 only: with a stride, a shift that is not a multiple of it moves the grid itself.
std::vector<std::uint8_t> equivariantInterior(const Geometry &geometry, int dy, int dx);

// |a − b| per value, and the largest over the values a mask (per plane position, as
// equivariantInterior gives it; empty: every value) lets through.
struct Difference
{
    Tensor magnitude;
    float largest = 0;
    float largestInside = 0;
};
Difference difference(const Tensor &a, const Tensor &b, const std::vector<std::uint8_t> &inside);

// How many values two maps share exactly, of how many: the pooled maps of an image and of its
// shifted copy, for the local invariance of max pooling.
struct Agreement
{
    std::int64_t same = 0;
    std::int64_t count = 0;
};
Agreement agreement(const Tensor &a, const Tensor &b);

} // namespace convscope
