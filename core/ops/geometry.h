#pragma once

#include "core/expected.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace convscope {

// The one source of truth for the arithmetic of a sliding window (convolution or pooling):
// padding per side, output size, receptive field and the derivation shown to students.
// Every axis follows PyTorch's O = floor((I + P_begin + P_end − D·(K−1) − 1) / S) + 1.

// What the padding cells hold.
enum class PadMode { Zero, Reflect, Replicate };

// How the padding is chosen: given per side, or by a mode that derives it from the kernel.
enum class PaddingKind {
    Explicit,
    Valid, // no padding
    Same,  // output = ceil(I / S); an odd total puts the extra pixel at the bottom/right (TF)
    Full,  // D·(K−1) on every side: every partial overlap of the kernel and the image
};

struct Padding
{
    int top = 0;
    int bottom = 0;
    int left = 0;
    int right = 0;
    bool operator==(const Padding &) const = default;
};

struct PaddingSpec
{
    PaddingKind kind = PaddingKind::Explicit;
    Padding sides;

    static PaddingSpec uniform(int p) { return {PaddingKind::Explicit, {p, p, p, p}}; }
    static PaddingSpec perAxis(int ph, int pw) { return {PaddingKind::Explicit, {ph, ph, pw, pw}}; }
    static PaddingSpec perSide(Padding p) { return {PaddingKind::Explicit, p}; }
    static PaddingSpec mode(PaddingKind kind) { return {kind, {}}; }
    // "valid", "same", "full" or "T,B,L,R"
    std::string toString() const;
};

// A window sliding over an H×W image.
struct WindowSpec
{
    int kernelH = 1;
    int kernelW = 1;
    int strideH = 1;
    int strideW = 1;
    int dilationH = 1;
    int dilationW = 1;
    PaddingSpec padding;
    PadMode padMode = PadMode::Zero;
    bool ceilMode = false; // pooling's ceil_mode: the output size rounds up
};

// One resolved axis.
struct AxisGeometry
{
    int input = 0;
    int kernel = 0;
    int stride = 0;
    int dilation = 0;
    int padBegin = 0;
    int padEnd = 0;
    int output = 0;

    int effectiveKernel() const { return dilation * (kernel - 1) + 1; }
    int paddedInput() const { return input + padBegin + padEnd; }
};

// A valid configuration: only resolveGeometry() makes one.
struct Geometry
{
    AxisGeometry h; // rows
    AxisGeometry w; // columns
    PadMode padMode = PadMode::Zero;

    Padding padding() const { return {h.padBegin, h.padEnd, w.padBegin, w.padEnd}; }
};

// Bounds that keep every product in range and every allocation sane.
constexpr std::int64_t kMaxAxisValue = 1'000'000;
constexpr std::int64_t kMaxOutputPixels = std::int64_t(1) << 26;

// Checks the configuration and resolves padding and output size, or says what is wrong with
// the user's numbers and how to fix it.
Expected<Geometry> resolveGeometry(int inputH, int inputW, const WindowSpec &spec);

// "O_h = floor((28 + 2 + 2 − 1·(5−1) − 1) / 1) + 1 = 28", one line per axis, with the user's
// numbers; also for invalid configurations, so that the UI can show them in red.
std::vector<std::string> deriveOutputSize(int inputH, int inputW, const WindowSpec &spec);

// The input pixel that position p of a padded axis of the given size reads, or -1 for a zero
// padding cell. Reflect mirrors without repeating the edge, replicate repeats the edge.
int sourceIndex(int position, int size, PadMode mode);

// One kernel tap of an output pixel's window.
struct Tap
{
    int ky = 0;
    int kx = 0;
    int y = 0; // position in input coordinates; outside [0, H)×[0, W) for a padding cell
    int x = 0;
    int sourceY = -1; // the input pixel read there (reflect/replicate), -1 for a zero
    int sourceX = -1;

    bool insideImage() const { return sourceY >= 0 && sourceY == y && sourceX == x; }
};

// The input pixels one output pixel reads: its bounding box in input coordinates (it may
// reach into the padding, and dilation leaves holes in it) and one tap per kernel weight.
struct ReceptiveField
{
    int top = 0;
    int left = 0;
    int height = 0;
    int width = 0;
    std::vector<Tap> taps; // row-major over the kernel
};

ReceptiveField receptiveField(const Geometry &geometry, int outY, int outX);

// Every output pixel (y, x) whose window reads input pixel (inY, inX), directly or through a
// reflected or replicated padding cell. Sorted, without repeats.
std::vector<std::pair<int, int>> outputsReading(const Geometry &geometry, int inY, int inX);

} // namespace convscope
