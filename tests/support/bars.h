#pragma once

#include "core/nn/dataset.h"

#include <memory>
#include <random>

namespace convscope::test {

// Synthetic 28×28 digits that a network learns in a few steps: class k is a bright bar at rows
// 2k + 4 and 2k + 5 over noise. The training tests of the core and of the window share them.
inline std::shared_ptr<DataSet> barsData(int trainCount, int testCount, std::uint64_t seed)
{
    auto data = std::make_shared<DataSet>();
    data->name = "bars";
    std::mt19937_64 rng(seed);
    for (auto [set, count] : {std::pair{&data->train, trainCount}, {&data->test, testCount}}) {
        set->rows = set->cols = 28;
        for (int i = 0; i < count; ++i) {
            const int label = int(rng() % 10);
            for (int p = 0; p < 28 * 28; ++p) {
                const bool bar = p / 28 == 2 * label + 4 || p / 28 == 2 * label + 5;
                set->pixels.push_back(std::uint8_t(bar ? 200 + rng() % 56 : rng() % 60));
            }
            set->labels.push_back(std::uint8_t(label));
        }
    }
    return data;
}

} // namespace convscope::test
