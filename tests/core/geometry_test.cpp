#include "core/ops/geometry.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

namespace convscope {
namespace {

WindowSpec window(int k, int s = 1, int d = 1, PaddingSpec p = {}, PadMode m = PadMode::Zero)
{
    return {k, k, s, s, d, d, p, m};
}

std::string errorOf(int h, int w, const WindowSpec &spec)
{
    Expected<Geometry> g = resolveGeometry(h, w, spec);
    return g ? std::string() : g.error().message;
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

TEST(Geometry, DerivationShowsTheStudentsNumbers)
{
    const auto lines = deriveOutputSize(28, 28, window(5, 1, 1, PaddingSpec::uniform(2)));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "O_h = floor((28 + 2 + 2 − 1·(5−1) − 1) / 1) + 1 = 28");
    EXPECT_EQ(lines[1], "O_w = floor((28 + 2 + 2 − 1·(5−1) − 1) / 1) + 1 = 28");
    const auto strided = deriveOutputSize(7, 9,
                                          {3, 2, 2, 3, 1, 2, PaddingSpec::perSide({0, 1, 2, 0})});
    EXPECT_EQ(strided[0], "O_h = floor((7 + 0 + 1 − 1·(3−1) − 1) / 2) + 1 = 3");
    EXPECT_EQ(strided[1], "O_w = floor((9 + 2 + 0 − 2·(2−1) − 1) / 3) + 1 = 3");
}

TEST(Geometry, DerivationOfAnInvalidSettingStillShowsTheNumbers)
{
    const auto lines = deriveOutputSize(3, 3, window(5));
    EXPECT_EQ(lines[0], "O_h = floor((3 + 0 + 0 − 1·(5−1) − 1) / 1) + 1 = -1");
    const auto zeroStride = deriveOutputSize(3, 3, window(2, 0));
    EXPECT_EQ(zeroStride[0],
              "O_h = floor((3 + 0 + 0 − 1·(2−1) − 1) / 0) + 1 = undefined (stride 0)");
    EXPECT_EQ(deriveOutputSize(3, 3, window(2, 0, 1, PaddingSpec::mode(PaddingKind::Same)))[1],
              "O_w = floor((3 + ? + ? − 1·(2−1) − 1) / 0) + 1 = undefined (stride 0)");
}

TEST(Geometry, FloorNotTruncationForNegativeNumerators)
{
    // (2 − 4 − 1) / 2 = −1.5: floor gives −2, so O = −1 < 1 and the setting is refused. C++'s
    // truncating division would say −1 → O = 0, and an unsigned one would wrap around.
    const auto lines = deriveOutputSize(2, 2, window(5, 2));
    EXPECT_EQ(lines[0], "O_h = floor((2 + 0 + 0 − 1·(5−1) − 1) / 2) + 1 = -1");
    EXPECT_FALSE(resolveGeometry(2, 2, window(5, 2)).ok());
}

TEST(Geometry, PaddingModes)
{
    auto same = resolveGeometry(10, 7, {4, 3, 3, 2, 1, 1, PaddingSpec::mode(PaddingKind::Same)});
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->h.output, 4); // ceil(10 / 3)
    EXPECT_EQ(same->w.output, 4); // ceil(7 / 2)
    // Height: total = (4−1)·3 + 4 − 10 = 3 → 1 at the top, 2 at the bottom (TensorFlow).
    EXPECT_EQ(same->padding(), (Padding{1, 2, 1, 1}));
    auto full = resolveGeometry(5, 5, window(3, 1, 2, PaddingSpec::mode(PaddingKind::Full)));
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(full->padding(), (Padding{4, 4, 4, 4}));
    EXPECT_EQ(full->h.output, 9);
    auto valid = resolveGeometry(5, 5, window(3, 1, 1, PaddingSpec::mode(PaddingKind::Valid)));
    ASSERT_TRUE(valid.ok());
    EXPECT_EQ(valid->padding(), (Padding{}));
    EXPECT_EQ(PaddingSpec::perSide({1, 2, 3, 4}).toString(), "1,2,3,4");
}

TEST(Geometry, InvalidSettingsSayWhatIsWrongWithTheNumbers)
{
    EXPECT_TRUE(
        contains(errorOf(3, 3, window(5)), "padded input 3×3 is smaller than the kernel 5×5"));
    EXPECT_TRUE(contains(errorOf(3, 3, window(5)), "add at least 2 padding"));
    EXPECT_TRUE(contains(errorOf(6, 6, window(3, 1, 3)),
                         "padded input 6×6 is smaller than the dilated kernel 7×7"));
    EXPECT_TRUE(contains(errorOf(8, 8, window(3, 0)), "stride 0 on the height"));
    WindowSpec negativeStride = window(3);
    negativeStride.strideW = -2;
    EXPECT_TRUE(contains(errorOf(8, 8, negativeStride), "stride -2 on the width"));
    EXPECT_TRUE(contains(errorOf(8, 8, window(3, 1, 0)), "dilation 0 on the height"));
    EXPECT_TRUE(contains(errorOf(8, 8, window(0)), "kernel height 0"));
    EXPECT_TRUE(contains(errorOf(0, 8, window(1)), "input height is 0"));
    EXPECT_TRUE(contains(errorOf(8, 8, window(3, 1, 1, PaddingSpec::perSide({0, 0, -1, 0}))),
                         "padding -1 at the left"));
    EXPECT_TRUE(contains(errorOf(3, 8, window(3, 1, 1, PaddingSpec::uniform(3), PadMode::Reflect)),
                         "reflect padding 3 at the top needs an input height of at least 4, but "
                         "it is 3"));
    EXPECT_TRUE(
        contains(errorOf(4, 4,
                         window(9, 1, 1, PaddingSpec::mode(PaddingKind::Full), PadMode::Reflect)),
                 "reflect padding 8"));
    EXPECT_TRUE(contains(errorOf(2'000'000, 8, window(3)), "larger than 1000000"));
    EXPECT_TRUE(contains(errorOf(8, 8, window(3, 1, 1, PaddingSpec::uniform(900'000))),
                         "more than the 67108864"));
    EXPECT_TRUE(contains(errorOf(8, 8, window(3, 1, 1, PaddingSpec::uniform(2'000'000))),
                         "padding 2000000 at the top"));
    // Extents beyond 32 bits are reported, not wrapped around.
    EXPECT_TRUE(contains(errorOf(8, 8, window(1'000'000, 1, 1'000'000)),
                         "is smaller than the dilated kernel 999999000001×999999000001"));
    EXPECT_TRUE(
        contains(errorOf(1'000'000, 1'000'000, window(1, 1, 1, PaddingSpec::uniform(1'000'000))),
                 "more than the 67108864"));
}

// The number of window positions counted by sliding, with nothing but additions.
int slide(int input, int kernel, int stride, int dilation, int padBegin, int padEnd)
{
    const int extent = dilation * (kernel - 1) + 1;
    int count = 0;
    for (int start = 0; start + extent <= input + padBegin + padEnd; start += stride)
        ++count;
    return count;
}

TEST(GeometryRandom, OutputSizeAgreesWithSlidingAndInvalidOnesFailCleanly)
{
    std::mt19937 rng(3);
    auto pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    int valid = 0, invalid = 0;
    for (int i = 0; i < 40000; ++i) {
        WindowSpec s{pick(-1, 7),
                     pick(-1, 7),
                     pick(-1, 4),
                     pick(-1, 4),
                     pick(-1, 3),
                     pick(-1, 3),
                     PaddingSpec::perSide({pick(-1, 4), pick(-1, 4), pick(-1, 4), pick(-1, 4)}),
                     PadMode(pick(0, 2))};
        const int kind = pick(0, 6);
        if (kind < 3)
            s.padding.kind = PaddingKind(kind + 1);
        const int h = pick(-1, 12), w = pick(-1, 12);
        Expected<Geometry> g = resolveGeometry(h, w, s);
        EXPECT_EQ(deriveOutputSize(h, w, s).size(), 2u);
        if (!g) {
            EXPECT_FALSE(g.error().message.empty());
            ++invalid;
            continue;
        }
        ++valid;
        for (const AxisGeometry *a : {&g->h, &g->w}) {
            ASSERT_GE(a->output, 1);
            ASSERT_EQ(a->output,
                      slide(a->input, a->kernel, a->stride, a->dilation, a->padBegin, a->padEnd));
        }
        if (s.padding.kind == PaddingKind::Same) {
            EXPECT_EQ(g->h.output, (h + s.strideH - 1) / s.strideH);
            EXPECT_GE(g->h.padEnd, g->h.padBegin);
            EXPECT_LE(g->h.padEnd - g->h.padBegin, 1);
        }
    }
    EXPECT_GT(valid, 1000);
    EXPECT_GT(invalid, 1000);
}

TEST(ReceptiveField, DilationLeavesHolesAndPaddingCellsAreMarked)
{
    auto g = resolveGeometry(5, 5, window(3, 1, 2, PaddingSpec::uniform(2)));
    ASSERT_TRUE(g.ok());
    const ReceptiveField field = receptiveField(*g, 0, 0);
    EXPECT_EQ(field.top, -2);
    EXPECT_EQ(field.left, -2);
    EXPECT_EQ(field.height, 5);
    ASSERT_EQ(field.taps.size(), 9u);
    // Taps at −2, 0, 2 on each axis: the first row and column are padding.
    EXPECT_EQ(field.taps[0].y, -2);
    EXPECT_FALSE(field.taps[0].insideImage());
    EXPECT_EQ(field.taps[0].sourceY, -1);
    // A padding cell at (−1, −1) must not pass for the pixel it would be if −1 were a pixel.
    auto corner = resolveGeometry(3, 3, window(3, 1, 1, PaddingSpec::uniform(1)));
    EXPECT_EQ(receptiveField(*corner, 0, 0).taps[0].y, -1);
    EXPECT_FALSE(receptiveField(*corner, 0, 0).taps[0].insideImage());
    EXPECT_EQ(field.taps[4].y, 0);
    EXPECT_EQ(field.taps[4].x, 0);
    EXPECT_TRUE(field.taps[4].insideImage());
    EXPECT_EQ(field.taps[8].x, 2);
}

TEST(ReceptiveField, ReflectAndReplicateNameThePixelTheyCopy)
{
    auto reflect = resolveGeometry(4, 4, window(3, 1, 1, PaddingSpec::uniform(1), PadMode::Reflect));
    ASSERT_TRUE(reflect.ok());
    const Tap corner = receptiveField(*reflect, 0, 0).taps[0];
    EXPECT_EQ(corner.y, -1);
    EXPECT_EQ(corner.sourceY, 1);
    EXPECT_EQ(corner.sourceX, 1);
    EXPECT_FALSE(corner.insideImage());
    auto replicate = resolveGeometry(4, 4,
                                     window(3, 1, 1, PaddingSpec::uniform(1), PadMode::Replicate));
    const Tap edge = receptiveField(*replicate, 3, 3).taps[8];
    EXPECT_EQ(edge.y, 4);
    EXPECT_EQ(edge.sourceY, 3);
    EXPECT_EQ(sourceIndex(-2, 5, PadMode::Reflect), 2);
    EXPECT_EQ(sourceIndex(6, 5, PadMode::Reflect), 2);
    EXPECT_EQ(sourceIndex(7, 5, PadMode::Replicate), 4);
    EXPECT_EQ(sourceIndex(-1, 5, PadMode::Zero), -1);
}

TEST(ReceptiveFieldRandom, OutputsReadingIsTheInverseOfTheReceptiveField)
{
    std::mt19937 rng(17);
    auto pick = [&rng](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    int checked = 0;
    while (checked < 300) {
        WindowSpec s{pick(1, 4),
                     pick(1, 4),
                     pick(1, 3),
                     pick(1, 3),
                     pick(1, 2),
                     pick(1, 2),
                     PaddingSpec::perSide({pick(0, 3), pick(0, 3), pick(0, 3), pick(0, 3)}),
                     PadMode(pick(0, 2))};
        Expected<Geometry> g = resolveGeometry(pick(1, 9), pick(1, 9), s);
        if (!g)
            continue;
        ++checked;
        std::map<std::pair<int, int>, std::set<std::pair<int, int>>> readers;
        for (int oy = 0; oy < g->h.output; ++oy) {
            for (int ox = 0; ox < g->w.output; ++ox) {
                for (const Tap &tap : receptiveField(*g, oy, ox).taps) {
                    if (tap.sourceY >= 0)
                        readers[std::pair{tap.sourceY, tap.sourceX}].insert({oy, ox});
                }
            }
        }
        for (int y = 0; y < g->h.input; ++y) {
            for (int x = 0; x < g->w.input; ++x) {
                const auto outputs = outputsReading(*g, y, x);
                const std::set<std::pair<int, int>> got(outputs.begin(), outputs.end());
                ASSERT_EQ(got.size(), outputs.size());
                const std::set<std::pair<int, int>> &expected = readers[std::pair{y, x}];
                ASSERT_EQ(got, expected) << "input (" << y << ", " << x << ")";
            }
        }
    }
}

} // namespace
} // namespace convscope
