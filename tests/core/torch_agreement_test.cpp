// Replays conv2d / max_pool2d / avg_pool2d (and ceil_mode) / BatchNorm cases computed by
// PyTorch 1.13 (written by tests/data/make_torch_fixtures.py) through the fast paths and the
// references.
#include "core/nn/layers.h"
#include "core/ops/conv2d.h"
#include "core/ops/pool2d.h"
#include "core/ops/reference.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace convscope {
namespace {

std::vector<float> numbersAfter(std::istream &in, const std::string &tag)
{
    std::string line;
    std::getline(in, line);
    std::istringstream words(line);
    std::string first;
    words >> first;
    EXPECT_EQ(first, tag);
    std::vector<float> values;
    double v = 0;
    while (words >> v)
        values.push_back(float(v));
    return values;
}

void expectClose(const std::vector<float> &got, const std::vector<float> &want, int caseNumber)
{
    ASSERT_EQ(got.size(), want.size()) << "case " << caseNumber;
    for (size_t i = 0; i < got.size(); ++i)
        ASSERT_LE(std::abs(got[i] - want[i]), 1e-5f * std::max(1.0f, std::abs(want[i])))
            << "case " << caseNumber << " value " << i;
}

Tensor tensorFrom(Shape shape, std::vector<float> values)
{
    Tensor t(shape);
    EXPECT_EQ(std::int64_t(values.size()), shape.count());
    t.values() = std::move(values);
    return t;
}

// nn.BatchNorm2d (or 1d) in training mode, its moved running estimates, then evaluation mode.
void expectBatchNorm(std::istream &head, std::istream &in, int caseNumber)
{
    Shape shape;
    float eps = 0, momentum = 0;
    head >> shape.n >> shape.c >> shape.h >> shape.w >> eps >> momentum;
    BatchNormLayer bn(eps, momentum);
    ASSERT_TRUE(bn.configure({1, shape.c, shape.h, shape.w}).ok());
    bn.allocate();
    const Tensor input = tensorFrom(shape, numbersAfter(in, "input"));
    const Shape perChannel{1, shape.c, 1, 1};
    bn.parameters()[0]->value = tensorFrom(perChannel, numbersAfter(in, "weight"));
    bn.parameters()[1]->value = tensorFrom(perChannel, numbersAfter(in, "bias"));
    *bn.buffers()[0] = tensorFrom(perChannel, numbersAfter(in, "running_mean"));
    *bn.buffers()[1] = tensorFrom(perChannel, numbersAfter(in, "running_var"));
    Tensor output;
    bn.forward(input, output, Mode::Training);
    expectClose(output.values(), numbersAfter(in, "output"), caseNumber);
    expectClose(bn.buffers()[0]->values(), numbersAfter(in, "moved_mean"), caseNumber);
    expectClose(bn.buffers()[1]->values(), numbersAfter(in, "moved_var"), caseNumber);
    bn.forward(input, output, Mode::Inference);
    expectClose(output.values(), numbersAfter(in, "eval_output"), caseNumber);
}

TEST(TorchAgreement, EveryFixtureCaseMatchesPyTorch)
{
    std::ifstream in(CONVSCOPE_TEST_DATA "/torch_fixtures.txt");
    ASSERT_TRUE(in.good());
    std::string line;
    int convCases = 0, poolCases = 0, ceilCases = 0, batchNormCases = 0, caseNumber = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        ++caseNumber;
        std::istringstream head(line);
        std::string kind;
        head >> kind;
        if (kind == "conv") {
            Shape in4, w4;
            int k, sh, sw, dh, dw, pt, pb, pl, pr, groups, flip, hasBias;
            std::string mode, padding;
            head >> in4.n >> in4.c >> in4.h >> in4.w >> k >> w4.h >> w4.w >> sh >> sw >> dh >> dw
                >> pt >> pb >> pl >> pr >> mode >> padding >> groups >> flip >> hasBias;
            w4.n = k;
            w4.c = in4.c / groups;
            ConvOptions o{sh,
                          sw,
                          dh,
                          dw,
                          PaddingSpec::perSide({pt, pb, pl, pr}),
                          mode == "reflect"     ? PadMode::Reflect
                          : mode == "replicate" ? PadMode::Replicate
                                                : PadMode::Zero,
                          groups,
                          flip == 1};
            if (padding == "same")
                o.padding = PaddingSpec::mode(PaddingKind::Same);
            const Tensor input = tensorFrom(in4, numbersAfter(in, "input"));
            const Tensor weight = tensorFrom(w4, numbersAfter(in, "weight"));
            const std::vector<float> bias = numbersAfter(in, "bias");
            const std::vector<float> expected = numbersAfter(in, "output");
            auto plan = planConv2d(in4, w4, int(bias.size()), o);
            ASSERT_TRUE(plan.ok()) << "case " << caseNumber << ": " << plan.error().message;
            expectClose(conv2d(*plan, input, weight, bias).values(), expected, caseNumber);
            expectClose(conv2dReference(*plan, input, weight, bias).values(), expected, caseNumber);
            ++convCases;
        } else if (kind == "batchnorm") {
            expectBatchNorm(head, in, caseNumber);
            ++batchNormCases;
        } else {
            std::string type;
            Shape in4;
            PoolOptions o;
            o.ceilMode = kind == "pool-ceil";
            int sh, sw;
            head >> type >> in4.n >> in4.c >> in4.h >> in4.w >> o.kernelH >> o.kernelW >> sh >> sw
                >> o.padH >> o.padW;
            o.type = type == "max" ? PoolType::Max : PoolType::Average;
            o.strideH = sh;
            o.strideW = sw;
            const Tensor input = tensorFrom(in4, numbersAfter(in, "input"));
            const std::vector<float> expected = numbersAfter(in, "output");
            const std::vector<float> argmax = numbersAfter(in, "argmax");
            auto plan = planPool2d(in4, o);
            ASSERT_TRUE(plan.ok()) << "case " << caseNumber << ": " << plan.error().message;
            for (const PoolResult &r : {pool2d(*plan, input), pool2dReference(*plan, input)}) {
                expectClose(r.output.values(), expected, caseNumber);
                ASSERT_EQ(r.argmax.size(), argmax.size()) << "case " << caseNumber;
                for (size_t i = 0; i < argmax.size(); ++i)
                    ASSERT_EQ(r.argmax[i], std::int64_t(argmax[i])) << "case " << caseNumber;
            }
            ++poolCases;
            ceilCases += o.ceilMode;
        }
    }
    EXPECT_EQ(convCases, 120);
    EXPECT_EQ(poolCases, 120);
    EXPECT_EQ(ceilCases, 40);
    EXPECT_EQ(batchNormCases, 30);
}

} // namespace
} // namespace convscope
