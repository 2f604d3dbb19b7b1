#include "core/lessons/equivariance.h"

#include <algorithm>
#include <cmath>

namespace convscope {

Tensor shiftImage(const Tensor &x, int dy, int dx)
{
    const Shape &s = x.shape();
    Tensor out(s, 0.0f);
    for (int n = 0; n < s.n; ++n) {
        for (int c = 0; c < s.c; ++c) {
            for (int y = std::max(0, dy); y < std::min(s.h, s.h + dy); ++y) {
                for (int xx = std::max(0, dx); xx < std::min(s.w, s.w + dx); ++xx)
                    out.at(n, c, y, xx) = x.at(n, c, y - dy, xx - dx);
            }
        }
    }
    return out;
}

namespace {

// Along one axis: output positions o whose shifted position o − shift exists and whose window
// reads no input position that the shift pushed out (q outside the image while q − shift, the
// pixel that was there, is inside it).
std::vector<std::uint8_t> interiorAxis(const AxisGeometry &a, int shift)
{
    std::vector<std::uint8_t> inside(size_t(a.output), 0);
    for (int o = 0; o < a.output; ++o) {
        if (o - shift < 0 || o - shift >= a.output)
            continue;
        bool clean = true;
        for (int t = 0; t < a.kernel && clean; ++t) {
            const int q = o * a.stride - a.padBegin + t * a.dilation;
            const bool kept = q >= 0 && q < a.input;
            const bool was = q - shift >= 0 && q - shift < a.input;
            clean = kept || !was;
        }
        inside[size_t(o)] = clean;
    }
    return inside;
}

} // namespace

std::vector<std::uint8_t> equivariantInterior(const Geometry &g, int dy, int dx)
{
    const std::vector<std::uint8_t> rows = interiorAxis(g.h, dy);
    const std::vector<std::uint8_t> columns = interiorAxis(g.w, dx);
    std::vector<std::uint8_t> inside(size_t(g.h.output) * size_t(g.w.output), 0);
    if (g.h.stride != 1 || g.w.stride != 1)
        return inside;
    for (int y = 0; y < g.h.output; ++y) {
        for (int x = 0; x < g.w.output; ++x)
            inside[size_t(y) * size_t(g.w.output) + size_t(x)] = rows[size_t(y)]
                                                                 && columns[size_t(x)];
    }
    return inside;
}

Difference difference(const Tensor &a, const Tensor &b, const std::vector<std::uint8_t> &inside)
{
    Difference d;
    d.magnitude = Tensor(a.shape(), 0.0f);
    const std::int64_t plane = a.shape().planeSize();
    for (std::int64_t i = 0; i < a.size(); ++i) {
        const float v = std::abs(a.data()[i] - b.data()[i]);
        d.magnitude.data()[i] = v;
        d.largest = std::max(d.largest, v);
        if (inside.empty() || inside[size_t(i % plane)])
            d.largestInside = std::max(d.largestInside, v);
    }
    return d;
}

Agreement agreement(const Tensor &a, const Tensor &b)
{
    Agreement result;
    result.count = a.size();
    for (std::int64_t i = 0; i < a.size(); ++i)
        result.same += a.data()[i] == b.data()[i];
    return result;
}

} // namespace convscope
