#include "core/tensor.h"

#include "core/expected.h"

#include <bit>
#include <cstdint>
#include <sstream>

namespace convscope {

std::string Shape::toString() const
{
    return concat(n, "×", c, "×", h, "×", w);
}

std::string Shape::imageString() const
{
    return concat(c, "×", h, "×", w);
}

Expected<Shape> parseImageShape(const std::string &text)
{
    std::string separated;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "×") == 0) {
            separated += ' ';
            ++i;
        } else {
            separated += text[i] == 'x' || text[i] == 'X' ? ' ' : text[i];
        }
    }
    std::istringstream in(separated);
    std::vector<long long> sizes;
    for (std::string word; in >> word;) {
        size_t used = 0;
        long long d = 0;
        try {
            d = std::stoll(word, &used);
        } catch (const std::exception &) {
            used = 0;
        }
        if (used != word.size() || d < 1 || d > 65536)
            return makeError("'", text, "': '", word,
                             "' is not a size from 1 to 65536; write CxHxW, e.g. 3x224x224");
        sizes.push_back(d);
    }
    if (sizes.size() != 3)
        return makeError("'", text, "' must be CxHxW, e.g. 3x224x224");
    return Shape{1, int(sizes[0]), int(sizes[1]), int(sizes[2])};
}

Tensor::Tensor(Shape shape, float fill)
    : m_shape(shape)
    , m_data(size_t(shape.count()), fill)
{}

// The trainer asks it of every weight after every step, on its thread while the pool waits. An
// infinity or a NaN has every exponent bit set, and a test of the bits without an early exit is
// one the compiler vectorises: LeNet-5's 61,706 weights take 2.6 µs, against the 34 µs of a loop
// on std::isfinite, which was 3 % of a step at batch 32.
bool Tensor::allFinite() const
{
    constexpr std::uint32_t kExponent = 0x7f800000u;
    std::uint32_t nonFinite = 0;
    for (float v : m_data)
        nonFinite |= std::uint32_t((std::bit_cast<std::uint32_t>(v) & kExponent) == kExponent);
    return nonFinite == 0;
}

void Tensor::reshape(Shape shape)
{
    m_shape = shape;
    m_data.resize(size_t(shape.count()));
}

} // namespace convscope
