#pragma once

#include "core/nn/dataset.h"

#include <algorithm>
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

// Synthetic colour pictures of `classes` classes (at most 6): class k has the colour of the k-th
// corner of the RGB cube but black and white, as a bright square over noise.
inline std::shared_ptr<DataSet> colorData(int trainCount, int testCount, int classes, int side,
                                          std::uint64_t seed)
{
    static const std::uint8_t kColors[6][3] = {{255, 0, 0},   {0, 255, 0},   {0, 0, 255},
                                               {255, 255, 0}, {255, 0, 255}, {0, 255, 255}};
    auto data = std::make_shared<DataSet>();
    data->name = "colours";
    data->classNames = {"red", "green", "blue", "yellow", "magenta", "cyan"};
    data->classNames.resize(size_t(classes));
    data->recipe = "crop";
    std::mt19937_64 rng(seed);
    for (auto [set, count] : {std::pair{&data->train, trainCount}, {&data->test, testCount}}) {
        set->channels = 3;
        set->rows = set->cols = side;
        for (int i = 0; i < count; ++i) {
            const int label = int(rng() % std::uint64_t(classes));
            for (int c = 0; c < 3; ++c) {
                for (int p = 0; p < side * side; ++p) {
                    const int y = p / side, x = p % side;
                    const bool inside = y >= side / 4 && y < 3 * side / 4 && x >= side / 4
                                        && x < 3 * side / 4;
                    const int noise = int(rng() % 40);
                    set->pixels.push_back(
                        std::uint8_t(inside ? std::max(0, kColors[label][c] - noise) : noise));
                }
            }
            set->labels.push_back(std::uint8_t(label));
        }
    }
    return data;
}

} // namespace convscope::test
