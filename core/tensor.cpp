#include "core/tensor.h"

#include "core/expected.h"

namespace convscope {

std::string Shape::toString() const
{
    return concat(n, "×", c, "×", h, "×", w);
}

std::string Shape::imageString() const
{
    return concat(c, "×", h, "×", w);
}

Tensor::Tensor(Shape shape, float fill)
    : m_shape(shape)
    , m_data(size_t(shape.count()), fill)
{}

void Tensor::reshape(Shape shape)
{
    m_shape = shape;
    m_data.resize(size_t(shape.count()));
}

} // namespace convscope
