#pragma once

#include "core/tensor.h"

#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>

namespace convscope::test {

inline Tensor randomTensor(Shape shape, std::mt19937 &rng, float lo = -1.0f, float hi = 1.0f)
{
    std::uniform_real_distribution<float> value(lo, hi);
    Tensor t(shape);
    for (float &v : t.values())
        v = value(rng);
    return t;
}

inline Tensor tensorOf(Shape shape, std::initializer_list<float> values)
{
    Tensor t(shape);
    t.values().assign(values);
    return t;
}

// A fresh folder under the build's temporary directory, removed with the object.
class TempDir
{
public:
    TempDir()
    {
        static int counter = 0;
        m_path = std::filesystem::temp_directory_path()
                 / ("convscope-test-" + std::to_string(::getpid()) + "-"
                    + std::to_string(counter++));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    const std::filesystem::path &path() const { return m_path; }
    std::filesystem::path operator/(const std::string &name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

} // namespace convscope::test
