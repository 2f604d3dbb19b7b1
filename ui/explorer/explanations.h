#pragma once

#include "core/explorer/conv_explorer.h"
#include "core/ops/activation.h"
#include "core/ops/geometry.h"

#include <QString>

namespace convscope::ui {

// The formula panel: O_h and O_w derived with the student's numbers (from core/ops/geometry), the
// effective kernel with dilation and the receptive field; for an invalid setting the
// derivation and the reason, in red. outputChannels is C_out.
QString formulaHtml(int inputH, int inputW, const WindowSpec &window,
                    const Expected<Geometry> &geometry, int outputChannels);

// How one output value is made: every input × weight term (laid out like the kernel) for a
// kernel up to 5×5 on one channel, a summary per channel beyond, then + bias = the value,
// next to the value the fast path computed.
QString dotProductHtml(const DotProduct &dot, int channel, int y, int x, Activation activation,
                       float computed);

// "0.5", "−1.25": numbers as the panels print them (4 significant digits, a real minus).
QString number(double value);

} // namespace convscope::ui
