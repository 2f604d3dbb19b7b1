// Receptive fields through the stack: worked by hand for LeNet-5, the published values of
// VGG-16 and ResNet-18, and a tap-by-tap reconstruction on random stacks and blocks.
#include "core/nn/architecture.h"
#include "core/nn/network.h"
#include "core/ops/geometry.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace convscope {
namespace {

const LayerDescription &row(const ArchitectureTable &table, const std::string &name)
{
    for (const LayerDescription &r : table.rows) {
        if (r.name == name)
            return r;
    }
    ADD_FAILURE() << "no row " << name;
    return table.rows.front();
}

ArchitectureTable presetTable(const char *name)
{
    const Preset *preset = findPreset(name);
    return tabulate(*parseArchitecture(preset->spec), preset->input, preset->classes);
}

// LeNet-5 by hand: conv1 5×5 pad 2 sees 5×5 from −2; the pool doubles the jump (6 = 5 + 1·1);
// conv2 adds 4 jumps of 2 (14: the lecture's "14×14 patch"); pool2 16, jump 4; the dense
// layers see the whole padded input, 32 = 16 + 4·4.
TEST(ReceptiveField, LeNet5ByHand)
{
    const ArchitectureTable t = presetTable("lenet5");
    EXPECT_EQ(row(t, "conv1").field.h, (FieldAxis{5, 1, -2}));
    EXPECT_EQ(row(t, "maxpool1").field.h, (FieldAxis{6, 2, -2}));
    EXPECT_EQ(row(t, "conv2").field.w, (FieldAxis{14, 2, -2}));
    EXPECT_EQ(row(t, "maxpool2").field.h, (FieldAxis{16, 4, -2}));
    EXPECT_EQ(row(t, "dense3").field.h, (FieldAxis{32, 20, -2}));
}

// The values of Araujo, Norris and Sim, "Computing Receptive Fields of Convolutional Neural
// Networks" (Distill, 2019): VGG-16's last pool 212, ResNet-18's last block 435.
TEST(ReceptiveField, PublishedValuesOfVggAndResNet)
{
    EXPECT_EQ(row(presetTable("vgg16"), "maxpool5").field.h.size, 212);
    const ArchitectureTable resnet = presetTable("resnet18");
    EXPECT_EQ(row(resnet, "residual8").field.h.size, 435);
    EXPECT_EQ(row(resnet, "residual8").field.h.jump, 32);
}

// Unit (y, x) of a layer, traced back tap by tap through every window to the input, blocks
// contributing the union of their paths: the bounding box of the pixels it reads.
struct Box
{
    std::int64_t top, left, bottom, right; // inclusive
};

Box traceBack(const std::vector<std::vector<Geometry>> &paths, int y, int x)
{
    std::set<std::pair<int, int>> all;
    for (const std::vector<Geometry> &path : paths) {
        std::set<std::pair<int, int>> units{{y, x}};
        for (size_t l = path.size(); l-- > 0;) {
            std::set<std::pair<int, int>> reads;
            for (auto [uy, ux] : units) {
                for (const Tap &tap : receptiveField(path[l], uy, ux).taps)
                    reads.insert({tap.y, tap.x});
            }
            units = std::move(reads);
        }
        all.insert(units.begin(), units.end());
    }
    Box box{INT32_MAX, INT32_MAX, INT32_MIN, INT32_MIN};
    for (auto [py, px] : all) {
        box.top = std::min<std::int64_t>(box.top, py);
        box.bottom = std::max<std::int64_t>(box.bottom, py);
        box.left = std::min<std::int64_t>(box.left, px);
        box.right = std::max<std::int64_t>(box.right, px);
    }
    return box;
}

TEST(ReceptiveField, FormulaAgreesWithATapByTapTraceOnRandomStacks)
{
    std::mt19937 rng(41);
    auto pick = [&](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    int checked = 0;
    for (int trial = 0; trial < 400 && checked < 150; ++trial) {
        // A stack of conv and pool layers, and on every other trial a residual block of two
        // paths around the last two layers, so the union counts.
        std::vector<std::string> specs;
        std::vector<WindowSpec> windows;
        const int layers = pick(1, 4);
        for (int l = 0; l < layers; ++l) {
            WindowSpec w;
            w.kernelH = pick(1, 4);
            w.kernelW = pick(1, 4);
            w.strideH = pick(1, 3);
            w.strideW = pick(1, 3);
            if (pick(0, 1)) {
                w.dilationH = pick(1, 2);
                w.dilationW = pick(1, 2);
                w.padding = PaddingSpec::perAxis(pick(0, 2), pick(0, 2));
                const Padding &p = w.padding.sides;
                specs.push_back(concat("conv 2 ", w.kernelH, "x", w.kernelW, " stride ", w.strideH,
                                       "x", w.strideW, " pad ", p.top, "x", p.left, " dilation ",
                                       w.dilationH, "x", w.dilationW));
            } else {
                w.padding = PaddingSpec::perAxis(pick(0, w.kernelH / 2), pick(0, w.kernelW / 2));
                const Padding &p = w.padding.sides;
                specs.push_back(concat("maxpool ", w.kernelH, "x", w.kernelW, " stride ", w.strideH,
                                       "x", w.strideW, " pad ", p.top, "x", p.left));
            }
            windows.push_back(w);
        }
        std::string spec;
        for (const std::string &s : specs)
            spec += s + " | ";
        const bool block = trial % 2 == 1;
        if (block)
            spec = concat("conv 2 1x1 | concat( ", spec.substr(0, spec.size() - 3),
                          " ; conv 2 3x3 stride ", windows[0].strideH, " ) | flatten | dense 3");
        else
            spec += "flatten | dense 3";
        Expected<Architecture> a = parseArchitecture(spec);
        ASSERT_TRUE(a.ok()) << spec << ": " << a.error().message;
        const Shape input{1, 1, pick(12, 24), pick(12, 24)};
        const ArchitectureTable table = tabulate(*a, input, 3);
        if (!table.error.empty())
            continue;
        // The geometry of every window, resolved on its own input.
        std::vector<Geometry> path;
        int h = input.h, w = input.w;
        if (block)
            path.push_back(*resolveGeometry(h, w, WindowSpec{}));
        for (const WindowSpec &window : windows) {
            path.push_back(*resolveGeometry(h, w, window));
            h = path.back().h.output;
            w = path.back().w.output;
        }
        std::vector<std::vector<Geometry>> paths{path};
        if (block) {
            WindowSpec side;
            side.kernelH = side.kernelW = 3;
            side.strideH = side.strideW = windows[0].strideH;
            paths.push_back({path.front(), *resolveGeometry(input.h, input.w, side)});
        }
        const LayerDescription &end = table.rows[table.rows.size() - 3];
        const Box unit = traceBack(paths, 0, 0);
        const ReceptiveSpan &f = end.field;
        EXPECT_EQ(f.h.start, unit.top) << spec;
        EXPECT_EQ(f.w.start, unit.left) << spec;
        EXPECT_EQ(f.h.size, unit.bottom - unit.top + 1) << spec;
        EXPECT_EQ(f.w.size, unit.right - unit.left + 1) << spec;
        if (!block) {
            const Box next = traceBack(paths, 1, 1);
            EXPECT_EQ(f.h.jump, next.top - unit.top) << spec;
            EXPECT_EQ(f.w.jump, next.left - unit.left) << spec;
        }
        ++checked;
    }
    EXPECT_GE(checked, 100);
}

} // namespace
} // namespace convscope
