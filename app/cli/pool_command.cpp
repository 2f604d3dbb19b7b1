#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/outputs.h"
#include "app/cli/report.h"
#include "core/io/npy.h"
#include "core/io/tensor_io.h"
#include "core/ops/pool2d.h"

#include <cstdio>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli pool --input FILE --type max|avg [--size K[xK]] [--stride S[,S]]\n"
      "           [--padding P[,P]] [--gray] [--raw OUT.npy] [--argmax OUT.npy]\n"
      "           [--out OUT.png] [--normalize minmax|symmetric|clamp]\n"
      "Max or average pooling as PyTorch's max_pool2d / avg_pool2d: the stride defaults to the\n"
      "size (2), the padding (at most half the size) is on both sides of an axis; max pads with\n"
      "−∞ and the first maximum of a window wins a tie; average divides by the whole window.\n"
      "--argmax writes, for every output value, the index y·W + x of its winner in its channel\n"
      "(int64, PyTorch's return_indices).\n";

constexpr Flag kFlags[] = {{"--input", true},    {"--type", true},    {"--size", true},
                           {"--stride", true},   {"--padding", true}, {"--gray", false},
                           {"--raw", true},      {"--argmax", true},  {"--out", true},
                           {"--normalize", true}};

struct PoolRequest
{
    std::string input;
    PoolOptions options;
    bool gray = false;
    ValueScale normalization = ValueScale::MinMax;
    std::optional<std::string> raw;
    std::optional<std::string> argmax;
    std::optional<std::string> out;
};

Expected<PoolRequest> parseRequest(const Arguments &args)
{
    PoolRequest r;
    Expected<std::string> input = args.required("--input");
    if (!input)
        return input.error();
    Expected<std::string> type = args.required("--type");
    if (!type)
        return type.error();
    if (*type != "max" && *type != "avg")
        return makeError("--type: '", *type, "' is not max or avg");
    r.input = *input;
    r.options.type = *type == "max" ? PoolType::Max : PoolType::Average;
    auto size = parsePair("--size", args.value("--size").value_or("2"));
    auto pad = parseAxes("--padding", args.value("--padding").value_or("0"));
    auto n = parseNormalization(args.value("--normalize").value_or("minmax"));
    for (const Error *e :
         {size ? nullptr : &size.error(), pad ? nullptr : &pad.error(), n ? nullptr : &n.error()}) {
        if (e)
            return *e;
    }
    r.options.kernelH = size->first;
    r.options.kernelW = size->second;
    r.options.padH = pad->first;
    r.options.padW = pad->second;
    if (auto strideText = args.value("--stride")) {
        auto stride = parseAxes("--stride", *strideText);
        if (!stride)
            return stride.error();
        r.options.strideH = stride->first;
        r.options.strideW = stride->second;
    }
    r.gray = args.has("--gray");
    r.normalization = *n;
    r.raw = args.value("--raw");
    r.argmax = args.value("--argmax");
    r.out = args.value("--out");
    if (r.argmax && r.options.type != PoolType::Max)
        return makeError("--argmax needs --type max: average pooling has no winner");
    return r;
}

} // namespace

int runPool(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    Expected<Arguments> args = Arguments::parse(words, kFlags);
    if (!args)
        return usageError("pool", args.error().message, kUsage);
    Expected<PoolRequest> r = parseRequest(*args);
    if (!r)
        return usageError("pool", r.error().message, kUsage);

    Expected<TensorFile> input = loadTensorFile(r->input,
                                                r->gray ? ColorMode::Gray : ColorMode::Auto);
    if (!input)
        return failure(input.error());
    const Shape &in = input->tensor.shape();
    const PoolOptions &o = r->options;
    const std::vector<std::string> derivation = deriveOutputSize(in.h, in.w, o.window());
    Expected<Pool2dPlan> plan = planPool2d(in, o);
    if (!plan)
        return failure(plan.error(), derivation);
    const PoolResult result = pool2d(*plan, input->tensor);

    PendingOutputs outputs;
    if (r->raw)
        outputs.add(*r->raw, encodeTensorNpy(result.output, input->batched));
    if (r->argmax) {
        const Shape &s = result.output.shape();
        std::vector<std::int64_t> shape{s.c, s.h, s.w};
        if (input->batched)
            shape.insert(shape.begin(), s.n);
        outputs.add(*r->argmax, encodeNpy(shape, result.argmax));
    }
    if (r->out) {
        if (auto png = outputs.addPng(*r->out, result.output, r->normalization); !png)
            return failure(png.error());
    }
    if (auto written = outputs.writeAll(); !written)
        return failure(written.error());

    std::printf("%s pooling\n", o.type == PoolType::Max ? "max" : "average");
    printGeometry(plan->geometry, derivation);
    printOutputShape(result.output.shape(), input->batched);
    return 0;
}

} // namespace convscope::cli
