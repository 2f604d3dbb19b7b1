#include "core/ops/geometry.h"

#include <algorithm>
#include <optional>

namespace convscope {

namespace {

using i64 = std::int64_t;

// Floor division for a positive divisor: the formula needs floor, not C++'s truncation, once
// the numerator is negative.
i64 floorDiv(i64 a, i64 b)
{
    i64 q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

struct RawAxis
{
    const char *name;   // "height"
    const char *symbol; // "h"
    i64 input, kernel, stride, dilation;
    bool ceil = false;
};

// The formula as written: floor((I + P_b + P_e − D·(K−1) − 1) / S) + 1, or ceil in ceil mode.
i64 roundedSize(const RawAxis &a, i64 padBegin, i64 padEnd)
{
    const i64 span = a.input + padBegin + padEnd - a.dilation * (a.kernel - 1) - 1;
    return floorDiv(span + (a.ceil ? a.stride - 1 : 0), a.stride) + 1;
}

// PyTorch's pooling_output_shape: in ceil mode, a last window that would start in the end
// padding or past it is dropped.
i64 outputSize(const RawAxis &a, i64 padBegin, i64 padEnd)
{
    const i64 out = roundedSize(a, padBegin, padEnd);
    return a.ceil && (out - 1) * a.stride >= a.input + padBegin ? out - 1 : out;
}

struct Pads
{
    i64 begin = 0;
    i64 end = 0;
};

// The padding of one axis, or nothing when a mode cannot be resolved (stride or kernel < 1).
std::optional<Pads> resolvePads(const RawAxis &a, PaddingKind kind, i64 begin, i64 end)
{
    switch (kind) {
    case PaddingKind::Explicit:
        return Pads{begin, end};
    case PaddingKind::Valid:
        return Pads{0, 0};
    case PaddingKind::Full:
        if (a.kernel < 1 || a.dilation < 1)
            return std::nullopt;
        return Pads{a.dilation * (a.kernel - 1), a.dilation * (a.kernel - 1)};
    case PaddingKind::Same: {
        if (a.kernel < 1 || a.dilation < 1 || a.stride < 1 || a.input < 1)
            return std::nullopt;
        i64 out = (a.input + a.stride - 1) / a.stride;
        i64 total = std::max<i64>((out - 1) * a.stride + a.dilation * (a.kernel - 1) + 1 - a.input,
                                  0);
        return Pads{total / 2, total - total / 2};
    }
    }
    return std::nullopt;
}

std::string derivationLine(const RawAxis &a, std::optional<Pads> pads)
{
    std::string padText = pads ? concat(pads->begin, " + ", pads->end) : std::string("? + ?");
    std::string lhs = concat("O_", a.symbol, " = ", a.ceil ? "ceil" : "floor", "((", a.input, " + ",
                             padText, " − ", a.dilation, "·(", a.kernel, "−1) − 1) / ", a.stride,
                             ") + 1");
    if (a.stride < 1)
        return concat(lhs, " = undefined (stride ", a.stride, ")");
    if (!pads)
        return concat(lhs, " = undefined");
    const i64 out = outputSize(a, pads->begin, pads->end);
    if (out < roundedSize(a, pads->begin, pads->end))
        return concat(lhs, " − 1 = ", out, " (the last window would start in the padding)");
    return concat(lhs, " = ", out);
}

RawAxis rawHeight(int inputH, const WindowSpec &s)
{
    return {"height", "h", inputH, s.kernelH, s.strideH, s.dilationH, s.ceilMode};
}

RawAxis rawWidth(int inputW, const WindowSpec &s)
{
    return {"width", "w", inputW, s.kernelW, s.strideW, s.dilationW, s.ceilMode};
}

std::optional<Error> checkRanges(const RawAxis &a)
{
    if (a.input < 1)
        return makeError("the input ", a.name, " is ", a.input,
                         ": an image needs at least 1×1 pixels");
    if (a.kernel < 1)
        return makeError("kernel ", a.name, " ", a.kernel,
                         ": a kernel needs at least 1 row and 1 column");
    if (a.stride < 1)
        return makeError("stride ", a.stride, " on the ", a.name,
                         ": a stride must be at least 1 (1 visits every position, 2 every other)");
    if (a.dilation < 1)
        return makeError("dilation ", a.dilation, " on the ", a.name,
                         ": a dilation must be at least 1 (1 is an ordinary, hole-free kernel)");
    for (i64 v : {a.input, a.kernel, a.stride, a.dilation}) {
        if (v > kMaxAxisValue)
            return makeError("value ", v, " on the ", a.name, " is larger than ", kMaxAxisValue,
                             ", the largest size, stride or dilation ConvScope accepts");
    }
    return std::nullopt;
}

std::optional<Error> checkPads(const RawAxis &a, Pads pads, PadMode mode, const char *beginSide,
                               const char *endSide)
{
    const std::pair<i64, const char *> sides[] = {{pads.begin, beginSide}, {pads.end, endSide}};
    for (auto [pad, side] : sides) {
        if (pad < 0)
            return makeError("padding ", pad, " at the ", side, ": padding cannot be negative");
        if (pad > kMaxAxisValue)
            return makeError("padding ", pad, " at the ", side, " is larger than ", kMaxAxisValue,
                             ", the largest padding ConvScope accepts");
        if (mode == PadMode::Reflect && pad >= a.input)
            return makeError("reflect padding ", pad, " at the ", side, " needs an input ", a.name,
                             " of at least ", pad + 1, ", but it is ", a.input,
                             ": use a padding of at most ", a.input - 1,
                             ", or pad with zero or replicate");
    }
    return std::nullopt;
}

AxisGeometry makeAxis(const RawAxis &a, Pads pads, i64 output)
{
    AxisGeometry g;
    g.input = int(a.input);
    g.kernel = int(a.kernel);
    g.stride = int(a.stride);
    g.dilation = int(a.dilation);
    g.padBegin = int(pads.begin);
    g.padEnd = int(pads.end);
    g.output = int(output);
    return g;
}

// In 64 bits: a dilation and a kernel of a million each make an extent of 10^12.
Error kernelTooLarge(const RawAxis &h, Pads padsH, const RawAxis &w, Pads padsW)
{
    const i64 paddedH = h.input + padsH.begin + padsH.end;
    const i64 paddedW = w.input + padsW.begin + padsW.end;
    const i64 extentH = h.dilation * (h.kernel - 1) + 1;
    const i64 extentW = w.dilation * (w.kernel - 1) + 1;
    const bool heightIsShort = paddedH < extentH;
    const std::string dilated = (h.dilation > 1 || w.dilation > 1) ? "dilated " : "";
    return makeError("padded input ", paddedH, "×", paddedW, " is smaller than the ", dilated,
                     "kernel ", extentH, "×", extentW, ": on the ",
                     heightIsShort ? "height" : "width", " add at least ",
                     heightIsShort ? extentH - paddedH : extentW - paddedW,
                     " padding, or use a smaller kernel or dilation, or a larger input");
}

} // namespace

std::string PaddingSpec::toString() const
{
    switch (kind) {
    case PaddingKind::Valid:
        return "valid";
    case PaddingKind::Same:
        return "same";
    case PaddingKind::Full:
        return "full";
    case PaddingKind::Explicit:
        break;
    }
    return concat(sides.top, ",", sides.bottom, ",", sides.left, ",", sides.right);
}

Expected<Geometry> resolveGeometry(int inputH, int inputW, const WindowSpec &spec)
{
    const RawAxis h = rawHeight(inputH, spec);
    const RawAxis w = rawWidth(inputW, spec);
    for (const RawAxis &a : {h, w}) {
        if (auto error = checkRanges(a))
            return *error;
    }
    const Padding &p = spec.padding.sides;
    const Pads padsH = *resolvePads(h, spec.padding.kind, p.top, p.bottom);
    const Pads padsW = *resolvePads(w, spec.padding.kind, p.left, p.right);
    if (auto error = checkPads(h, padsH, spec.padMode, "top", "bottom"))
        return *error;
    if (auto error = checkPads(w, padsW, spec.padMode, "left", "right"))
        return *error;

    const i64 outH = outputSize(h, padsH.begin, padsH.end);
    const i64 outW = outputSize(w, padsW.begin, padsW.end);
    if (outH < 1 || outW < 1)
        return kernelTooLarge(h, padsH, w, padsW);
    if (outH * outW > kMaxOutputPixels)
        return makeError("the output would be ", outH, "×", outW, " = ", outH * outW,
                         " pixels per channel, more than the ", kMaxOutputPixels,
                         " ConvScope computes: use less padding, a larger stride or a smaller "
                         "input");
    Geometry g;
    g.h = makeAxis(h, padsH, outH);
    g.w = makeAxis(w, padsW, outW);
    g.padMode = spec.padMode;
    return g;
}

std::vector<std::string> deriveOutputSize(int inputH, int inputW, const WindowSpec &spec)
{
    const RawAxis h = rawHeight(inputH, spec);
    const RawAxis w = rawWidth(inputW, spec);
    const Padding &p = spec.padding.sides;
    return {derivationLine(h, resolvePads(h, spec.padding.kind, p.top, p.bottom)),
            derivationLine(w, resolvePads(w, spec.padding.kind, p.left, p.right))};
}

int sourceIndex(int position, int size, PadMode mode)
{
    if (position >= 0 && position < size)
        return position;
    switch (mode) {
    case PadMode::Zero:
        return -1;
    case PadMode::Replicate:
        return std::clamp(position, 0, size - 1);
    case PadMode::Reflect:
        // A valid geometry keeps reflect padding below the input size, so one fold suffices.
        return position < 0 ? -position : 2 * (size - 1) - position;
    }
    return -1;
}

ReceptiveField receptiveField(const Geometry &g, int outY, int outX)
{
    ReceptiveField field;
    field.top = outY * g.h.stride - g.h.padBegin;
    field.left = outX * g.w.stride - g.w.padBegin;
    field.height = g.h.effectiveKernel();
    field.width = g.w.effectiveKernel();
    field.taps.reserve(size_t(g.h.kernel) * size_t(g.w.kernel));
    for (int ky = 0; ky < g.h.kernel; ++ky) {
        for (int kx = 0; kx < g.w.kernel; ++kx) {
            Tap tap;
            tap.ky = ky;
            tap.kx = kx;
            tap.y = field.top + ky * g.h.dilation;
            tap.x = field.left + kx * g.w.dilation;
            tap.sourceY = sourceIndex(tap.y, g.h.input, g.padMode);
            tap.sourceX = sourceIndex(tap.x, g.w.input, g.padMode);
            if (tap.sourceY < 0 || tap.sourceX < 0)
                tap.sourceY = tap.sourceX = -1;
            field.taps.push_back(tap);
        }
    }
    return field;
}

namespace {

// Outputs o of one axis whose window reads input index i, directly or through the padding.
std::vector<int> axisOutputsReading(const AxisGeometry &a, PadMode mode, int i)
{
    std::vector<int> positions{i};
    if (mode != PadMode::Zero) {
        for (int p = -a.padBegin; p < 0; ++p)
            positions.push_back(p);
        for (int p = a.input; p < a.input + a.padEnd; ++p)
            positions.push_back(p);
    }
    std::vector<int> outputs;
    for (int p : positions) {
        if (sourceIndex(p, a.input, mode) != i)
            continue;
        for (int k = 0; k < a.kernel; ++k) {
            int numerator = p + a.padBegin - k * a.dilation;
            if (numerator < 0 || numerator % a.stride != 0)
                continue;
            int o = numerator / a.stride;
            if (o < a.output)
                outputs.push_back(o);
        }
    }
    std::sort(outputs.begin(), outputs.end());
    outputs.erase(std::unique(outputs.begin(), outputs.end()), outputs.end());
    return outputs;
}

} // namespace

std::vector<std::pair<int, int>> outputsReading(const Geometry &g, int inY, int inX)
{
    std::vector<std::pair<int, int>> result;
    if (inY < 0 || inY >= g.h.input || inX < 0 || inX >= g.w.input)
        return result;
    const std::vector<int> ys = axisOutputsReading(g.h, g.padMode, inY);
    const std::vector<int> xs = axisOutputsReading(g.w, g.padMode, inX);
    result.reserve(ys.size() * xs.size());
    for (int y : ys) {
        for (int x : xs)
            result.emplace_back(y, x);
    }
    return result;
}

} // namespace convscope
