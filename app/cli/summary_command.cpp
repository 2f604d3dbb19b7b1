#include "app/cli/arguments.h"
#include "app/cli/commands.h"
#include "app/cli/report.h"
#include "core/nn/model_file.h"
#include "core/nn/network.h"

#include <cstdio>
#include <filesystem>
#include <sstream>

namespace convscope::cli {

namespace {

constexpr const char *kUsage
    = "usage: convscope-cli summary --model PRESET|SPEC|FILE.csm|FILE.onnx [--input CxHxW]\n"
      "       [--json]\n"
      "One row per layer, the layers of a block indented above the row that ends it: output\n"
      "C×H×W, parameters, multiply-adds per image (convolutions and dense layers), and the\n"
      "receptive field of one unit on the input with the jump between neighbouring units. Then\n"
      "the totals and the MLP counterpart: every stage (a conv or block with its activations\n"
      "and pools) replaced by a dense layer as large as its output. A preset describes itself\n"
      "on its own input (3×224×224 for the ImageNet ones), a spec on 1×28×28 unless --input.\n"
      "No weights are made: describing VGG-16 takes no memory for its 138 M parameters.\n"
      "--json prints one object: input, parameters, macs, mlp_counterpart, layers.\n";

constexpr Flag kFlags[] = {{"--model", true}, {"--input", true}, {"--json", false}};

struct Described
{
    std::string title;
    Architecture architecture;
    Shape input{1, 1, 28, 28};
    int classes = 0; // 0: whatever the network ends with
};

Expected<Described> describedModel(const std::string &model)
{
    std::error_code ec;
    if (std::filesystem::is_regular_file(model, ec)) {
        Expected<Model> loaded = loadModel(model);
        if (!loaded)
            return loaded.error();
        const Network &n = loaded->network;
        return Described{model, n.architecture(), n.inputShape(), n.classes()};
    }
    if (const Preset *preset = findPreset(model)) {
        return Described{concat(preset->name, " (", preset->title, ")"),
                         *parseArchitecture(preset->spec), preset->input, preset->classes};
    }
    Expected<Architecture> architecture = parseArchitecture(model);
    if (!architecture)
        return architecture.error();
    return Described{"the spec", *architecture};
}

// "conv3" → "conv", "residual1" → "residual".
std::string kindOf(const std::string &name)
{
    return name.substr(0, name.find_last_not_of("0123456789") + 1);
}

std::string grouped(std::int64_t n)
{
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return (n < 0 ? "-" : "") + out;
}

void printTable(const Described &d, const ArchitectureTable &table, std::int64_t mlp,
                const Architecture &mlpArchitecture)
{
    std::printf("%s on %s\n", d.title.c_str(), d.input.imageString().c_str());
    std::printf("%-24s %-14s %13s %17s %11s %7s\n", "layer", "output", "parameters",
                "multiply-adds", "field", "jump");
    for (const LayerDescription &row : table.rows) {
        const std::string name = std::string(size_t(2 * row.depth), ' ') + row.name;
        const ReceptiveSpan &f = row.field;
        std::printf("%-24s %-14s %13s %17s %11s %7s\n", name.c_str(),
                    row.output.imageString().c_str(), grouped(row.parameters).c_str(),
                    grouped(row.multiplyAdds).c_str(), concat(f.h.size, "×", f.w.size).c_str(),
                    concat(f.h.jump, "×", f.w.jump).c_str());
    }
    std::printf("total: %s parameters, %s multiply-adds per image\n",
                grouped(table.parameters()).c_str(), grouped(table.multiplyAdds()).c_str());
    std::printf("MLP counterpart (%s): %s parameters\n", mlpArchitecture.toString().c_str(),
                grouped(mlp).c_str());
}

void printJson(const Described &d, const ArchitectureTable &table, std::int64_t mlp)
{
    std::printf("{\"input\": [%d, %d, %d], \"parameters\": %lld, \"macs\": %lld, "
                "\"mlp_counterpart\": {\"parameters\": %lld}, \"layers\": [",
                d.input.c, d.input.h, d.input.w, static_cast<long long>(table.parameters()),
                static_cast<long long>(table.multiplyAdds()), static_cast<long long>(mlp));
    for (size_t i = 0; i < table.rows.size(); ++i) {
        const LayerDescription &r = table.rows[i];
        const ReceptiveSpan &f = r.field;
        std::printf("%s{\"name\": \"%s\", \"kind\": \"%s\", \"depth\": %d, \"output\": [%d, %d, "
                    "%d], \"parameters\": %lld, \"macs\": %lld, \"receptive_field\": [%lld, "
                    "%lld], \"jump\": [%lld, %lld], \"start\": [%lld, %lld]}",
                    i ? ", " : "", r.name.c_str(), kindOf(r.name).c_str(), r.depth, r.output.c,
                    r.output.h, r.output.w, static_cast<long long>(r.parameters),
                    static_cast<long long>(r.multiplyAdds), static_cast<long long>(f.h.size),
                    static_cast<long long>(f.w.size), static_cast<long long>(f.h.jump),
                    static_cast<long long>(f.w.jump), static_cast<long long>(f.h.start),
                    static_cast<long long>(f.w.start));
    }
    std::printf("]}\n");
}

} // namespace

int runSummary(std::span<char *const> words)
{
    if (printedHelp(words, kUsage))
        return 0;
    Expected<Arguments> args = Arguments::parse(words, kFlags);
    if (!args)
        return usageError("summary", args.error().message, kUsage);
    Expected<std::string> model = args->required("--model");
    if (!model)
        return usageError("summary", model.error().message, kUsage);
    Expected<Described> described = describedModel(*model);
    if (!described)
        return failure(described.error());
    if (args->has("--input")) {
        Expected<Shape> input = parseImageShape(*args->value("--input"));
        if (!input)
            return usageError("summary", "--input " + input.error().message, kUsage);
        described->input = *input;
    }
    const ArchitectureTable table = tabulate(described->architecture, described->input,
                                             described->classes);
    if (!table.error.empty())
        return failure(Error{table.error});
    const int classes = table.rows.empty() ? 0 : int(table.rows.back().output.count());
    const Architecture mlp = mlpOfStages(described->architecture, described->input, classes);
    const std::int64_t mlpParameters = mlpParameterCount(mlp, described->input.count());
    if (args->has("--json"))
        printJson(*described, table, mlpParameters);
    else
        printTable(*described, table, mlpParameters, mlp);
    return 0;
}

} // namespace convscope::cli
