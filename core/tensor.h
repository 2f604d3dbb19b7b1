#pragma once

#include "core/expected.h"

#include <cstdint>
#include <string>
#include <vector>

namespace convscope {

// N images of C channels of H rows of W columns, the layout of PyTorch and of the papers.
struct Shape
{
    int n = 0;
    int c = 0;
    int h = 0;
    int w = 0;

    std::int64_t count() const { return std::int64_t(n) * c * h * w; }
    std::int64_t planeSize() const { return std::int64_t(h) * w; }
    bool operator==(const Shape &) const = default;
    // "1×3×28×28"
    std::string toString() const;
    // "3×28×28": C×H×W, the shape of one image
    std::string imageString() const;
};

// One image's shape from "3x224x224" (or with ×, as imageString writes it): n = 1, each size
// from 1 to 65536.
Expected<Shape> parseImageShape(const std::string &text);

// NCHW float32, contiguous.
class Tensor
{
public:
    Tensor() = default;
    explicit Tensor(Shape shape, float fill = 0.0f);

    // Gives the tensor a new shape, keeping its allocation when it is large enough; the values
    // are unspecified until written.
    void reshape(Shape shape);

    const Shape &shape() const { return m_shape; }
    std::int64_t size() const { return std::int64_t(m_data.size()); }
    float *data() { return m_data.data(); }
    const float *data() const { return m_data.data(); }
    std::vector<float> &values() { return m_data; }
    const std::vector<float> &values() const { return m_data; }

    float *plane(int n, int c) { return m_data.data() + offset(n, c, 0, 0); }
    const float *plane(int n, int c) const { return m_data.data() + offset(n, c, 0, 0); }
    float &at(int n, int c, int y, int x) { return m_data[size_t(offset(n, c, y, x))]; }
    float at(int n, int c, int y, int x) const { return m_data[size_t(offset(n, c, y, x))]; }

    // No infinity and no NaN among the values.
    bool allFinite() const;

private:
    std::int64_t offset(int n, int c, int y, int x) const
    {
        return ((std::int64_t(n) * m_shape.c + c) * m_shape.h + y) * m_shape.w + x;
    }

    Shape m_shape;
    std::vector<float> m_data;
};

} // namespace convscope
