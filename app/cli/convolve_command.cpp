#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/outputs.h"
#include "app/cli/report.h"
#include "core/explorer/kernels.h"
#include "core/io/tensor_io.h"
#include "core/ops/activation.h"
#include "core/ops/conv2d.h"

#include <cstdio>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli convolve --input FILE --kernel NAME|FILE [--stride S[,S]]\n"
      "           [--padding P|PH,PW|T,B,L,R|valid|same|full] [--pad-mode zero|reflect|replicate]\n"
      "           [--dilation D[,D]] [--bias B[,B...]] [--flip] [--gray] [--depthwise]\n"
      "           [--activation none|relu|leaky-relu|sigmoid|tanh|relu6]\n"
      "           [--out OUT.png] [--normalize minmax|symmetric|clamp] [--raw OUT.npy]\n"
      "FILE: an image (values / 255, RGB order) or a .npy of shape (H,W), (C,H,W) or (N,C,H,W).\n"
      "Kernel presets: identity, box, gaussian (these three take a size: gaussian:5), sharpen,\n"
      "sobel-x, sobel-y, laplacian, emboss, outline; or a .npy of shape (out_c,in_c,kh,kw) or\n"
      "(kh,kw), or a text file of rows of numbers. A 2-D kernel is one filter over all channels\n"
      "(summed, as a CNN layer does); --depthwise applies it to each channel on its own.\n"
      "Cross-correlation as PyTorch's conv2d; --flip gives the true convolution.\n"
      "--raw writes the float32 output (C,H,W); --out a PNG, min-max normalised by default.\n";

// About a minute at the throughput of bench/run: a typing slip in a kernel bank's size should
// not hold a terminal for an hour.
constexpr std::int64_t kMaxMultiplyAdds = 1'000'000'000'000;

constexpr Flag kFlags[] = {{"--input", true},      {"--kernel", true},     {"--stride", true},
                           {"--padding", true},    {"--pad-mode", true},   {"--dilation", true},
                           {"--bias", true},       {"--flip", false},      {"--gray", false},
                           {"--depthwise", false}, {"--activation", true}, {"--out", true},
                           {"--normalize", true},  {"--raw", true}};

struct ConvolveRequest
{
    std::string input;
    std::string kernel;
    ConvOptions options;
    std::vector<float> bias;
    bool depthwise = false;
    bool gray = false;
    Activation activation = Activation::None;
    ValueScale normalization = ValueScale::MinMax;
    std::optional<std::string> out;
    std::optional<std::string> raw;
};

Expected<ConvolveRequest> parseRequest(const Arguments &args)
{
    ConvolveRequest r;
    Expected<std::string> input = args.required("--input");
    if (!input)
        return input.error();
    Expected<std::string> kernel = args.required("--kernel");
    if (!kernel)
        return kernel.error();
    r.input = *input;
    r.kernel = *kernel;
    auto s = parseAxes("--stride", args.value("--stride").value_or("1"));
    auto d = parseAxes("--dilation", args.value("--dilation").value_or("1"));
    auto p = parsePadding(args.value("--padding").value_or("0"));
    auto m = parsePadMode(args.value("--pad-mode").value_or("zero"));
    auto a = parseActivation(args.value("--activation").value_or("none"));
    auto n = parseNormalization(args.value("--normalize").value_or("minmax"));
    for (const Error *e :
         {s ? nullptr : &s.error(), d ? nullptr : &d.error(), p ? nullptr : &p.error(),
          m ? nullptr : &m.error(), a ? nullptr : &a.error(), n ? nullptr : &n.error()}) {
        if (e)
            return *e;
    }
    if (auto bias = args.value("--bias")) {
        auto values = parseFloats("--bias", *bias);
        if (!values)
            return values.error();
        r.bias = *values;
    }
    r.options = {s->first, s->second, d->first, d->second, *p, *m, 1, args.has("--flip")};
    r.depthwise = args.has("--depthwise");
    r.gray = args.has("--gray");
    r.activation = *a;
    r.normalization = *n;
    r.out = args.value("--out");
    r.raw = args.value("--raw");
    return r;
}

// One bias per filter: a single value is used for every filter.
Expected<std::vector<float>> biasFor(const std::vector<float> &given, int filters)
{
    if (given.empty())
        return std::vector<float>{};
    if (given.size() == 1)
        return std::vector<float>(size_t(filters), given.front());
    if (given.size() != size_t(filters))
        return makeError("--bias has ", given.size(), " values but there are ", filters,
                         " filters: give one value, or one per filter");
    return given;
}

// The input and the filters, loaded and matched to each other; the derivation of the output
// size is shown whether the geometry turns out valid or not.
struct ConvolveJob
{
    TensorFile input;
    FilterBank filters;
    std::vector<float> bias;
    std::vector<std::string> derivation;
};

Expected<ConvolveJob> loadJob(ConvolveRequest &r)
{
    Expected<TensorFile> input = loadTensorFile(r.input, r.gray ? ColorMode::Gray : ColorMode::Auto);
    if (!input)
        return input.error();
    Expected<KernelBank> kernel = loadKernel(r.kernel);
    if (!kernel)
        return kernel.error();
    const Shape &in = input->tensor.shape();
    Expected<FilterBank> filters = filterBankFor(*kernel, in.c, r.depthwise);
    if (!filters)
        return filters.error();
    Expected<std::vector<float>> bias = biasFor(r.bias, filters->weights.shape().n);
    if (!bias)
        return bias.error();
    r.options.groups = filters->groups;
    const Shape &k = filters->weights.shape();
    return ConvolveJob{std::move(*input), std::move(*filters), std::move(*bias),
                       deriveOutputSize(in.h, in.w, r.options.window(k.h, k.w))};
}

} // namespace

int runConvolve(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    Expected<Arguments> args = Arguments::parse(words, kFlags);
    if (!args)
        return usageError("convolve", args.error().message, kUsage);
    Expected<ConvolveRequest> r = parseRequest(*args);
    if (!r)
        return usageError("convolve", r.error().message, kUsage);
    Expected<ConvolveJob> job = loadJob(*r);
    if (!job)
        return failure(job.error());
    const Shape &k = job->filters.weights.shape();
    Expected<Conv2dPlan> plan = planConv2d(job->input.tensor.shape(), k, int(job->bias.size()),
                                           r->options);
    if (!plan)
        return failure(plan.error(), job->derivation);
    if (plan->multiplyAdds() > kMaxMultiplyAdds)
        return failure(makeError("this convolution needs ", plan->multiplyAdds(),
                                 " multiply-adds, more than the ", kMaxMultiplyAdds,
                                 " (about a minute) convscope-cli computes: use fewer or smaller "
                                 "filters, a larger stride or a smaller input"),
                       job->derivation);

    Tensor output = conv2d(*plan, job->input.tensor, job->filters.weights, job->bias);
    applyActivation(output, r->activation);
    PendingOutputs outputs;
    if (r->raw)
        outputs.add(*r->raw, encodeTensorNpy(output, job->input.batched));
    if (r->out) {
        if (auto png = outputs.addPng(*r->out, output, r->normalization); !png)
            return failure(png.error());
    }
    if (auto written = outputs.writeAll(); !written)
        return failure(written.error());

    printGeometry(plan->geometry, job->derivation);
    std::printf("filters: %d of %d×%d×%d%s%s\n", k.n, k.c, k.h, k.w,
                plan->groups > 1 ? concat(", ", plan->groups, " groups").c_str() : "",
                r->options.flipKernel ? ", flipped (true convolution)" : "");
    printOutputShape(output.shape(), job->input.batched);
    return 0;
}

} // namespace convscope::cli
