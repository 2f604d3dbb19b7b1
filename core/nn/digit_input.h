#pragma once

#include "core/expected.h"
#include "core/tensor.h"

namespace convscope {

constexpr int kDigitSize = 28;
// One digit as the networks of the Network and Training pages take it: 1×1×28×28.
inline constexpr Shape kDigitShape{1, 1, kDigitSize, kDigitSize};

// Makes an image look like an MNIST digit (README, "What predict feeds the network"):
//  1. grayscale (0.299 R + 0.587 G + 0.114 B for colour);
//  2. a light background (border brighter than 0.5 on average) is inverted, so that the digit
//     is white on black;
//  3. an image of exactly 28×28 is then taken as it is (it is MNIST-shaped already);
//  4. anything else is cropped to the box of its ink (pixels above a fifth of the brightest),
//     scaled so that the longer side is 20 pixels (area averaging), put in a 28×28 field and
//     shifted so that its centre of mass is the field's centre, as MNIST was made.
// image is 1×C×H×W in [0, 1]; the result is 1×1×28×28 in [0, 1].
Expected<Tensor> mnistStyleDigit(const Tensor &image);

} // namespace convscope
