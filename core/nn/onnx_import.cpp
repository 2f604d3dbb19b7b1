#include "core/nn/onnx_import.h"

#include "core/file_io.h"
#include "core/nn/network.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <set>

namespace convscope {

namespace {

// The operators a graph may hold, for the message that refuses another.
constexpr const char *kReadOperators
    = "Conv, BatchNormalization, Relu, LeakyRelu, Sigmoid, Tanh, Clip to [0, 6] (ReLU6), "
      "MaxPool, AveragePool, "
      "GlobalAveragePool, LRN, Gemm, MatMul + Add, Flatten, Reshape to (N, −1), Pad before a "
      "convolution (zero, reflect or edge) or an average pool (zero), Add of two branches, "
      "Concat of channels, Dropout, Identity, and a Softmax at the end";

// The largest tensor of weights: a dense layer of 25088 × 4096 (VGG's first) with room.
constexpr std::int64_t kMaxTensorValues = std::int64_t(1) << 28;

// A weight tensor of the file: its dimensions and float values.
struct Weight
{
    std::vector<std::int64_t> dims;
    std::vector<float> values;
};

// A node of the graph with its data inputs (not weights) apart.
struct Node
{
    const onnx::NodeProto *proto = nullptr;
    std::string name; // the node's name, or its first output's when it has none
    std::vector<std::string> data;
};

std::string describe(const Node &node)
{
    return concat("node '", node.name, "' (", node.proto->op_type(), ")");
}

// The element count of dims, or nullopt past kMaxTensorValues or for a negative dimension.
std::optional<std::int64_t> countOf(const std::vector<std::int64_t> &dims)
{
    std::int64_t count = 1;
    for (std::int64_t d : dims) {
        if (d < 0 || (d > 0 && count > kMaxTensorValues / d))
            return std::nullopt;
        count *= d;
    }
    return count;
}

Expected<Weight> weightOf(const onnx::TensorProto &t)
{
    const std::string name = concat("tensor '", t.name(), "'");
    if (t.data_location() == onnx::TensorProto::EXTERNAL)
        return makeError(name, " keeps its values in an external file, which ConvScope does not "
                               "read: export the model below 2 GB, in one file");
    Weight w{{t.dims().begin(), t.dims().end()}, {}};
    const std::optional<std::int64_t> count = countOf(w.dims);
    if (!count)
        return makeError(name, " has dimensions too large or negative");
    if (t.data_type() == onnx::TensorProto::FLOAT) {
        if (t.has_raw_data()) {
            if (std::int64_t(t.raw_data().size()) != *count * 4)
                return makeError(name, " holds ", t.raw_data().size(), " bytes, not the ",
                                 *count * 4, " of its ", *count, " floats");
            w.values.resize(size_t(*count));
            std::memcpy(w.values.data(), t.raw_data().data(), t.raw_data().size());
        } else {
            if (t.float_data_size() != *count)
                return makeError(name, " holds ", t.float_data_size(), " floats, not ", *count);
            w.values.assign(t.float_data().begin(), t.float_data().end());
        }
        for (float v : w.values) {
            if (!std::isfinite(v))
                return makeError(name, " holds a value that is not finite (", v, ")");
        }
        return w;
    }
    if (t.data_type() == onnx::TensorProto::INT64) {
        // Shapes and pads: few values, kept as floats of whole numbers only where exact.
        std::vector<std::int64_t> ints;
        if (t.has_raw_data()) {
            if (std::int64_t(t.raw_data().size()) != *count * 8)
                return makeError(name, " holds ", t.raw_data().size(), " bytes, not the ",
                                 *count * 8, " of its ", *count, " integers");
            ints.resize(size_t(*count));
            std::memcpy(ints.data(), t.raw_data().data(), t.raw_data().size());
        } else {
            if (t.int64_data_size() != *count)
                return makeError(name, " holds ", t.int64_data_size(), " integers, not ", *count);
            ints.assign(t.int64_data().begin(), t.int64_data().end());
        }
        for (std::int64_t v : ints) {
            if (v < -(std::int64_t(1) << 24) || v > (std::int64_t(1) << 24))
                return makeError(name, " holds the integer ", v, ", too large for a size");
            w.values.push_back(float(v));
        }
        return w;
    }
    return makeError(name, " has element type ", t.data_type(),
                     "; ConvScope reads float32 weights and int64 shapes");
}

const onnx::AttributeProto *attribute(const Node &node, const std::string &name)
{
    for (const onnx::AttributeProto &a : node.proto->attribute()) {
        if (a.name() == name)
            return &a;
    }
    return nullptr;
}

std::int64_t intAttribute(const Node &node, const std::string &name, std::int64_t fallback)
{
    const onnx::AttributeProto *a = attribute(node, name);
    return a && a->type() == onnx::AttributeProto::INT ? a->i() : fallback;
}

float floatAttribute(const Node &node, const std::string &name, float fallback)
{
    const onnx::AttributeProto *a = attribute(node, name);
    return a && a->type() == onnx::AttributeProto::FLOAT ? a->f() : fallback;
}

std::vector<std::int64_t> intsAttribute(const Node &node, const std::string &name)
{
    const onnx::AttributeProto *a = attribute(node, name);
    if (!a || a->type() != onnx::AttributeProto::INTS)
        return {};
    return {a->ints().begin(), a->ints().end()};
}

std::string stringAttribute(const Node &node, const std::string &name)
{
    const onnx::AttributeProto *a = attribute(node, name);
    return a && a->type() == onnx::AttributeProto::STRING ? a->s() : std::string();
}

// A 2-D window's attributes, checked: kernel, strides, dilations and pads (top, left, bottom,
// right in ONNX's order) of a Conv or a pool.
struct Window
{
    int kernelH = 1, kernelW = 1;
    int strideH = 1, strideW = 1;
    int dilationH = 1, dilationW = 1;
    Padding pads;
};

Expected<int> smallInt(const Node &node, const std::string &what, std::int64_t v, int least)
{
    if (v < least || v > 65536)
        return makeError(describe(node), ": ", what, " ", v, " is outside ", least, " to 65536");
    return int(v);
}

Expected<Window> windowOf(const Node &node, std::vector<std::int64_t> kernel)
{
    if (kernel.empty())
        kernel = intsAttribute(node, "kernel_shape");
    if (kernel.size() != 2)
        return makeError(describe(node), ": a 2-D window is needed, its kernel has ", kernel.size(),
                         " dimensions");
    std::vector<std::int64_t> strides = intsAttribute(node, "strides");
    std::vector<std::int64_t> dilations = intsAttribute(node, "dilations");
    std::vector<std::int64_t> pads = intsAttribute(node, "pads");
    if (strides.empty())
        strides = {1, 1};
    if (dilations.empty())
        dilations = {1, 1};
    if (pads.empty())
        pads = {0, 0, 0, 0};
    if (strides.size() != 2 || dilations.size() != 2 || pads.size() != 4)
        return makeError(describe(node), ": strides, dilations and pads must have 2, 2 and 4 "
                                         "values");
    Window w;
    std::vector<Expected<int>> checked{smallInt(node, "kernel height", kernel[0], 1),
                                       smallInt(node, "kernel width", kernel[1], 1),
                                       smallInt(node, "stride", strides[0], 1),
                                       smallInt(node, "stride", strides[1], 1),
                                       smallInt(node, "dilation", dilations[0], 1),
                                       smallInt(node, "dilation", dilations[1], 1),
                                       smallInt(node, "pad", pads[0], 0),
                                       smallInt(node, "pad", pads[1], 0),
                                       smallInt(node, "pad", pads[2], 0),
                                       smallInt(node, "pad", pads[3], 0)};
    for (const Expected<int> &v : checked) {
        if (!v)
            return v.error();
    }
    w = {*checked[0],
         *checked[1],
         *checked[2],
         *checked[3],
         *checked[4],
         *checked[5],
         Padding{*checked[6], *checked[8], *checked[7], *checked[9]}};
    const std::string autoPad = stringAttribute(node, "auto_pad");
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
        // Stride 1 keeps the size whatever the input: the padding is known without it.
        if (w.strideH != 1 || w.strideW != 1)
            return makeError(describe(node), ": auto_pad ", autoPad, " with a stride of ",
                             w.strideH, "×", w.strideW,
                             " depends on the input size; export with explicit pads");
        const int totalH = w.dilationH * (w.kernelH - 1), totalW = w.dilationW * (w.kernelW - 1);
        const bool upper = autoPad == "SAME_UPPER";
        w.pads.top = upper ? totalH / 2 : totalH - totalH / 2;
        w.pads.bottom = totalH - w.pads.top;
        w.pads.left = upper ? totalW / 2 : totalW - totalW / 2;
        w.pads.right = totalW - w.pads.left;
    } else if (autoPad == "VALID") {
        w.pads = {};
    } else if (!autoPad.empty() && autoPad != "NOTSET") {
        return makeError(describe(node), ": auto_pad '", autoPad, "' is not one of ONNX's");
    }
    return w;
}

// What a walk along the graph builds: layers, and their weights in the network's order.
struct Built
{
    std::vector<LayerSpec> layers;
    std::vector<Tensor> weights;

    void append(Built other)
    {
        layers.insert(layers.end(), other.layers.begin(), other.layers.end());
        weights.insert(weights.end(), other.weights.begin(), other.weights.end());
    }
};

Tensor tensorOf(const Shape &shape, const std::vector<float> &values)
{
    Tensor t(shape);
    std::copy(values.begin(), values.end(), t.data());
    return t;
}

class GraphReader
{
public:
    explicit GraphReader(const onnx::GraphProto &graph)
        : m_graph(graph)
    {}

    Expected<ImportedModel> read(ImportedModel model);
    // The graph's image input, before any normalisation the reader took off it.
    const std::string &inputName() const { return m_graphInput; }
    // Each Reshape to (−1, K)'s K, or −1 for (N, −1), in the order read: the flatten it
    // became must give K values per image.
    const std::vector<std::int64_t> &flattenChecks() const { return m_flattenChecks; }

private:
    Expected<void> index();
    std::optional<PixelNormalization> normalization();
    Expected<Weight> weight(const Node &node, size_t input) const;
    Expected<Built> clip(const Node &node) const;
    bool isWeight(const std::string &value) const;
    std::string resolve(const std::string &value) const;
    std::vector<int> consumersOf(const std::string &value) const;
    bool isJoin(const Node &node) const;
    // From a value to the join that ends its path (or to the graph's output, at the top).
    Expected<Built> walk(std::string value, std::optional<int> *endJoin, std::string *last);
    Expected<Built> block(const std::string &fork, std::string *after);
    Expected<Built> layer(int index, std::string *after);
    Expected<Built> conv(const Node &node, Padding extra, PadMode mode = PadMode::Zero);
    Expected<Built> pool(const Node &node, Padding extra);
    Expected<Built> dense(const Node &node, std::string *after);
    Expected<Built> batchNorm(const Node &node);
    Expected<Built> pad(int index, std::string *after);

    const onnx::GraphProto &m_graph;
    std::map<std::string, const onnx::TensorProto *> m_weights;
    std::map<std::string, std::string> m_alias; // outputs of Identity and Dropout
    std::vector<Node> m_nodes;
    std::map<std::string, std::vector<int>> m_consumers;
    std::string m_graphInput;
    std::string m_input; // where the layers start
    std::string m_output;
    std::set<int> m_used; // nodes folded into a layer before it (a MatMul's Add)
    bool m_softmax = false;

    std::vector<std::int64_t> m_flattenChecks;
};

Expected<void> GraphReader::index()
{
    for (const onnx::TensorProto &t : m_graph.initializer())
        m_weights[t.name()] = &t;
    for (const onnx::NodeProto &n : m_graph.node()) {
        const std::string &op = n.op_type();
        if (op == "Constant") {
            for (const onnx::AttributeProto &a : n.attribute()) {
                if (a.name() == "value" && a.type() == onnx::AttributeProto::TENSOR
                    && n.output_size() == 1)
                    m_weights[n.output(0)] = &a.t();
            }
            continue;
        }
        if ((op == "Identity" || op == "Dropout") && n.input_size() >= 1 && n.output_size() >= 1) {
            m_alias[n.output(0)] = n.input(0);
            continue;
        }
        m_nodes.push_back(
            {&n, n.name().empty() && n.output_size() > 0 ? n.output(0) : n.name(), {}});
    }
    for (int i = 0; i < int(m_nodes.size()); ++i) {
        Node &node = m_nodes[size_t(i)];
        for (const std::string &input : node.proto->input()) {
            if (input.empty() || isWeight(input))
                continue;
            node.data.push_back(resolve(input));
            m_consumers[node.data.back()].push_back(i);
        }
    }
    std::vector<std::string> inputs;
    for (const onnx::ValueInfoProto &v : m_graph.input()) {
        if (!isWeight(v.name()))
            inputs.push_back(v.name());
    }
    if (inputs.size() != 1)
        return makeError("the graph has ", inputs.size(),
                         " data inputs; ConvScope reads graphs of one image input");
    if (m_graph.output_size() != 1)
        return makeError("the graph has ", m_graph.output_size(),
                         " outputs; ConvScope reads graphs of one output");
    m_graphInput = m_input = inputs.front();
    m_output = resolve(m_graph.output(0).name());
    return {};
}

// (x − mean) / deviation by two scalars at the input: the pixels' normalisation, which the
// model keeps apart from its layers.
std::optional<PixelNormalization> GraphReader::normalization()
{
    const auto scalarStep = [&](const std::string &value, const char *op) -> std::optional<int> {
        const std::vector<int> next = consumersOf(value);
        if (next.size() != 1)
            return std::nullopt;
        const Node &n = m_nodes[size_t(next.front())];
        if (n.proto->op_type() != op || n.data.size() != 1 || n.proto->input_size() != 2
            || resolve(n.proto->input(0)) != value || !isWeight(n.proto->input(1)))
            return std::nullopt;
        return next.front();
    };
    const std::optional<int> sub = scalarStep(m_input, "Sub");
    if (!sub)
        return std::nullopt;
    const std::optional<int> div = scalarStep(resolve(m_nodes[size_t(*sub)].proto->output(0)),
                                              "Div");
    if (!div)
        return std::nullopt;
    Expected<Weight> mean = weight(m_nodes[size_t(*sub)], 1);
    Expected<Weight> deviation = weight(m_nodes[size_t(*div)], 1);
    if (!mean || !deviation || mean->values.size() != 1 || deviation->values.size() != 1
        || !(deviation->values.front() > 0))
        return std::nullopt;
    m_used.insert({*sub, *div});
    m_input = resolve(m_nodes[size_t(*div)].proto->output(0));
    return PixelNormalization{mean->values.front(), deviation->values.front()};
}

// ReLU6 (Clip to [0, 6]) and a ReLU (Clip to [0, ∞)); opsets before 11 give the bounds as
// attributes, later ones as optional inputs.
Expected<Built> GraphReader::clip(const Node &node) const
{
    float bounds[2] = {-std::numeric_limits<float>::infinity(),
                       std::numeric_limits<float>::infinity()};
    const char *names[2] = {"min", "max"};
    for (int i = 0; i < 2; ++i) {
        if (attribute(node, names[i])) {
            bounds[i] = floatAttribute(node, names[i], bounds[i]);
        } else if (node.proto->input_size() > i + 1 && !node.proto->input(i + 1).empty()) {
            Expected<Weight> bound = weight(node, size_t(i + 1));
            if (!bound)
                return bound.error();
            if (bound->values.size() != 1)
                return makeError(describe(node), ": its ", names[i], " is not one number");
            bounds[i] = bound->values.front();
        }
    }
    LayerSpec spec;
    spec.kind = LayerKind::Activation;
    if (bounds[0] == 0.0f && bounds[1] == 6.0f)
        spec.activation = Activation::Relu6;
    else if (bounds[0] == 0.0f && std::isinf(bounds[1]) && bounds[1] > 0)
        spec.activation = Activation::Relu;
    else
        return makeError(describe(node), ": a clip to [", bounds[0], ", ", bounds[1],
                         "] is not one of ConvScope's layers (ReLU6 is a clip to [0, 6])");
    return Built{{spec}, {}};
}

bool GraphReader::isWeight(const std::string &value) const
{
    return m_weights.count(resolve(value)) > 0;
}

std::string GraphReader::resolve(const std::string &value) const
{
    std::string v = value;
    for (int hops = 0; hops < 10000; ++hops) {
        const auto it = m_alias.find(v);
        if (it == m_alias.end())
            return v;
        v = it->second;
    }
    return v;
}

std::vector<int> GraphReader::consumersOf(const std::string &value) const
{
    const auto it = m_consumers.find(value);
    return it == m_consumers.end() ? std::vector<int>{} : it->second;
}

Expected<Weight> GraphReader::weight(const Node &node, size_t input) const
{
    if (int(input) >= node.proto->input_size() || node.proto->input(int(input)).empty())
        return makeError(describe(node), " lacks its input ", input + 1);
    const auto it = m_weights.find(resolve(node.proto->input(int(input))));
    if (it == m_weights.end())
        return makeError(describe(node), ": its input '", node.proto->input(int(input)),
                         "' must be a weight of the file (an initializer), not computed");
    return weightOf(*it->second);
}

bool GraphReader::isJoin(const Node &node) const
{
    const std::string &op = node.proto->op_type();
    return (op == "Add" || op == "Sum" || op == "Concat") && node.data.size() >= 2;
}

Expected<Built> GraphReader::conv(const Node &node, Padding extra, PadMode mode)
{
    Expected<Weight> w = weight(node, 1);
    if (!w)
        return w.error();
    if (w->dims.size() != 4)
        return makeError(describe(node), ": its weights have ", w->dims.size(),
                         " dimensions, not K×C×KH×KW");
    const std::int64_t groups = intAttribute(node, "group", 1);
    if (groups < 1 || groups > w->dims[0])
        return makeError(describe(node), ": group ", groups, " for ", w->dims[0],
                         " filters; a convolution has from 1 group to one a filter");
    Expected<Window> window = windowOf(node, {w->dims[2], w->dims[3]});
    if (!window)
        return window.error();
    LayerSpec spec;
    spec.kind = LayerKind::Conv;
    spec.count = int(w->dims[0]);
    spec.kernelH = window->kernelH;
    spec.kernelW = window->kernelW;
    spec.conv.strideH = window->strideH;
    spec.conv.strideW = window->strideW;
    spec.conv.dilationH = window->dilationH;
    spec.conv.dilationW = window->dilationW;
    spec.conv.groups = int(groups);
    Padding p = window->pads;
    p.top += extra.top;
    p.bottom += extra.bottom;
    p.left += extra.left;
    p.right += extra.right;
    spec.conv.padding = PaddingSpec::perSide(p);
    spec.conv.padMode = mode;
    if (mode != PadMode::Zero && window->pads != Padding{})
        return makeError(describe(node), ": zero padding of its own after a ",
                         mode == PadMode::Reflect ? "reflect" : "replicate",
                         " Pad is not one of ConvScope's convolutions");
    Built built;
    built.weights.push_back(
        tensorOf(Shape{int(w->dims[0]), int(w->dims[1]), int(w->dims[2]), int(w->dims[3])},
                 w->values));
    spec.bias = node.proto->input_size() > 2 && !node.proto->input(2).empty();
    if (spec.bias) {
        Expected<Weight> b = weight(node, 2);
        if (!b)
            return b.error();
        if (b->values.size() != size_t(spec.count))
            return makeError(describe(node), ": ", b->values.size(), " biases for ", spec.count,
                             " filters");
        built.weights.push_back(tensorOf(Shape{1, spec.count, 1, 1}, b->values));
    }
    built.layers.push_back(spec);
    return built;
}

Expected<Built> GraphReader::pool(const Node &node, Padding extra)
{
    const std::string &op = node.proto->op_type();
    Expected<Window> window = windowOf(node, {});
    if (!window)
        return window.error();
    if (window->dilationH != 1 || window->dilationW != 1)
        return makeError(describe(node), ": a dilated pool is not one of ConvScope's layers");
    if (node.proto->output_size() > 1 && !node.proto->output(1).empty())
        return makeError(describe(node), ": the pool's indices output is not read");
    Padding p = window->pads;
    p.top += extra.top;
    p.bottom += extra.bottom;
    p.left += extra.left;
    p.right += extra.right;
    if (p.top != p.bottom || p.left != p.right)
        return makeError(describe(node), ": pads ", p.top, ", ", p.left, ", ", p.bottom, ", ",
                         p.right,
                         " are not the same on both sides, as ConvScope's pools' are "
                         "(opset 9 writes PyTorch's ceil_mode so: export with opset 10 "
                         "or later)");
    const bool average = op == "AveragePool";
    if (average && (p.top > 0 || p.left > 0) && intAttribute(node, "count_include_pad", 0) == 0
        && extra == Padding{})
        return makeError(describe(node), ": count_include_pad 0 with padding; ConvScope's "
                                         "average pool counts the padding, as PyTorch's default");
    LayerSpec spec;
    spec.kind = average ? LayerKind::AvgPool : LayerKind::MaxPool;
    spec.pool.type = average ? PoolType::Average : PoolType::Max;
    spec.pool.kernelH = window->kernelH;
    spec.pool.kernelW = window->kernelW;
    spec.pool.strideH = window->strideH;
    spec.pool.strideW = window->strideW;
    spec.pool.padH = p.top;
    spec.pool.padW = p.left;
    spec.pool.ceilMode = intAttribute(node, "ceil_mode", 0) != 0;
    return Built{{spec}, {}};
}

// Gemm, or MatMul with the Add of its bias after it.
Expected<Built> GraphReader::dense(const Node &node, std::string *after)
{
    const bool gemm = node.proto->op_type() == "Gemm";
    Expected<Weight> w = weight(node, 1);
    if (!w)
        return w.error();
    if (w->dims.size() != 2)
        return makeError(describe(node), ": its weights have ", w->dims.size(),
                         " dimensions, not 2");
    if (gemm && (floatAttribute(node, "alpha", 1) != 1 || intAttribute(node, "transA", 0) != 0))
        return makeError(describe(node), ": only alpha 1 and transA 0 make a dense layer");
    // PyTorch's Linear keeps its weights units × inputs: Gemm with transB 1 does too.
    const bool transposed = gemm && intAttribute(node, "transB", 0) != 0;
    const int units = int(transposed ? w->dims[0] : w->dims[1]);
    const int inputs = int(transposed ? w->dims[1] : w->dims[0]);
    std::vector<float> values = w->values;
    if (!transposed) {
        for (int u = 0; u < units; ++u) {
            for (int i = 0; i < inputs; ++i)
                values[size_t(u) * size_t(inputs) + size_t(i)]
                    = w->values[size_t(i) * size_t(units) + size_t(u)];
        }
    }
    LayerSpec spec;
    spec.kind = LayerKind::Dense;
    spec.count = units;
    Built built;
    built.weights.push_back(tensorOf(Shape{1, 1, units, inputs}, values));
    std::optional<Weight> bias;
    *after = node.proto->output(0);
    if (gemm && node.proto->input_size() > 2 && !node.proto->input(2).empty()) {
        if (floatAttribute(node, "beta", 1) != 1)
            return makeError(describe(node), ": only beta 1 makes a dense layer's bias");
        Expected<Weight> b = weight(node, 2);
        if (!b)
            return b.error();
        bias = *b;
    } else if (!gemm) {
        const std::vector<int> next = consumersOf(*after);
        if (next.size() == 1) {
            const Node &add = m_nodes[size_t(next.front())];
            if (add.proto->op_type() == "Add" && add.data.size() == 1) {
                for (int i = 0; i < add.proto->input_size(); ++i) {
                    if (isWeight(add.proto->input(i))) {
                        Expected<Weight> b = weight(add, size_t(i));
                        if (!b)
                            return b.error();
                        bias = *b;
                    }
                }
                m_used.insert(next.front());
                *after = add.proto->output(0);
            }
        }
    }
    spec.bias = bias.has_value();
    if (bias) {
        if (bias->values.size() != size_t(units))
            return makeError(describe(node), ": ", bias->values.size(), " biases for ", units,
                             " units (a broadcast bias is not read)");
        built.weights.push_back(tensorOf(Shape{1, units, 1, 1}, bias->values));
    }
    built.layers.push_back(spec);
    return built;
}

Expected<Built> GraphReader::batchNorm(const Node &node)
{
    if (intAttribute(node, "training_mode", 0) != 0)
        return makeError(describe(node), ": a batch norm in training mode is not read");
    Built built;
    std::int64_t channels = -1;
    for (size_t i = 1; i <= 4; ++i) {
        Expected<Weight> w = weight(node, i);
        if (!w)
            return w.error();
        if (channels < 0)
            channels = std::int64_t(w->values.size());
        if (std::int64_t(w->values.size()) != channels || channels == 0 || channels > 65536)
            return makeError(describe(node), ": its scale, bias, mean and variance differ in "
                                             "length");
        built.weights.push_back(tensorOf(Shape{1, int(channels), 1, 1}, w->values));
    }
    LayerSpec spec;
    spec.kind = LayerKind::BatchNorm;
    spec.epsilon = floatAttribute(node, "epsilon", 1e-5f);
    // ONNX's momentum weighs the running value, PyTorch's the batch's.
    // Rounded to a millionth: 1 − 0.9f is 0.100000024, which would print as "momentum 0.1".
    spec.momentum = float(std::round((1.0 - floatAttribute(node, "momentum", 0.9f)) * 1e6) / 1e6);
    built.layers.push_back(spec);
    return built;
}

// A constant zero Pad of height and width only, folded into the convolution or average pool
// that reads it.
Expected<Built> GraphReader::pad(int index, std::string *after)
{
    const Node &node = m_nodes[size_t(index)];
    const std::string mode = stringAttribute(node, "mode");
    if (!mode.empty() && mode != "constant" && mode != "reflect" && mode != "edge")
        return makeError(describe(node), ": pad mode '", mode, "' is not one of ONNX's");
    const PadMode padMode = mode == "reflect" ? PadMode::Reflect
                            : mode == "edge"  ? PadMode::Replicate
                                              : PadMode::Zero;
    std::vector<std::int64_t> pads = intsAttribute(node, "pads");
    float value = floatAttribute(node, "value", 0.0f);
    if (node.proto->input_size() > 1 && !node.proto->input(1).empty()) {
        Expected<Weight> w = weight(node, 1);
        if (!w)
            return w.error();
        pads.assign(w->values.begin(), w->values.end());
    }
    if (node.proto->input_size() > 2 && !node.proto->input(2).empty()) {
        Expected<Weight> v = weight(node, 2);
        if (!v)
            return v.error();
        value = v->values.empty() ? 0.0f : v->values.front();
    }
    if (pads.size() != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0)
        return makeError(describe(node), ": only the height and width of an N×C×H×W input are "
                                         "padded here");
    if (value != 0.0f)
        return makeError(describe(node), ": padding with ", value, " is not read; only with 0");
    for (std::int64_t p : pads) {
        if (p < 0 || p > 65536)
            return makeError(describe(node), ": pad ", p, " is outside 0 to 65536");
    }
    const Padding extra{int(pads[2]), int(pads[6]), int(pads[3]), int(pads[7])};
    const std::vector<int> next = consumersOf(resolve(node.proto->output(0)));
    if (next.size() != 1)
        return makeError(describe(node), ": a Pad is read only before one convolution or "
                                         "average pool");
    const Node &reader = m_nodes[size_t(next.front())];
    const std::string &op = reader.proto->op_type();
    m_used.insert(next.front());
    *after = reader.proto->output(0);
    if (op == "Conv")
        return conv(reader, extra, padMode);
    if (padMode != PadMode::Zero)
        return makeError(describe(node), ": a ", mode,
                         " Pad is read only before a convolution, "
                         "not before ",
                         describe(reader));
    // Zeros padded, then averaged over whole windows: an average pool that counts its padding.
    const std::vector<std::int64_t> ownPads = intsAttribute(reader, "pads");
    const bool unpadded = std::all_of(ownPads.begin(), ownPads.end(),
                                      [](std::int64_t p) { return p == 0; });
    if (op == "AveragePool" && (unpadded || intAttribute(reader, "count_include_pad", 0) != 0))
        return pool(reader, extra);
    return makeError(describe(node),
                     ": a Pad is read only before a convolution or an average "
                     "pool that counts the padding, not before ",
                     describe(reader));
}

// One node that reads one value: its layer (none for a softmax at the end).
Expected<Built> GraphReader::layer(int index, std::string *after)
{
    const Node &node = m_nodes[size_t(index)];
    const std::string &op = node.proto->op_type();
    if (node.proto->output_size() < 1)
        return makeError(describe(node), " has no output");
    *after = node.proto->output(0);
    LayerSpec spec;
    if (op == "Conv")
        return conv(node, {});
    if (op == "MaxPool" || op == "AveragePool")
        return pool(node, {});
    if (op == "Gemm" || op == "MatMul")
        return dense(node, after);
    if (op == "BatchNormalization")
        return batchNorm(node);
    if (op == "Pad")
        return pad(index, after);
    if (op == "Relu" || op == "LeakyRelu" || op == "Sigmoid" || op == "Tanh") {
        spec.kind = LayerKind::Activation;
        spec.activation = op == "Relu"        ? Activation::Relu
                          : op == "LeakyRelu" ? Activation::LeakyRelu
                          : op == "Sigmoid"   ? Activation::Sigmoid
                                              : Activation::Tanh;
        spec.slope = floatAttribute(node, "alpha", kDefaultLeakySlope);
        return Built{{spec}, {}};
    }
    if (op == "Clip")
        return clip(node);
    if (op == "LRN") {
        const std::int64_t size = intAttribute(node, "size", 0);
        if (size < 1 || size > 4096 || size % 2 == 0)
            return makeError(describe(node), ": an LRN over ", size,
                             " channels; ConvScope reads "
                             "odd sizes, where ONNX and PyTorch centre the "
                             "window alike");
        spec.kind = LayerKind::LocalResponseNorm;
        spec.count = int(size);
        spec.alpha = floatAttribute(node, "alpha", kDefaultLrnAlpha);
        spec.beta = floatAttribute(node, "beta", kDefaultLrnBeta);
        spec.k = floatAttribute(node, "bias", kDefaultLrnK);
        if (!(spec.k > 0.0f) || !(spec.alpha >= 0.0f) || !(spec.beta >= 0.0f))
            return makeError(describe(node), ": bias must be above 0, alpha and beta 0 or more");
        return Built{{spec}, {}};
    }
    if (op == "GlobalAveragePool") {
        spec.kind = LayerKind::GlobalAvgPool;
        return Built{{spec}, {}};
    }
    if (op == "Flatten") {
        if (intAttribute(node, "axis", 1) != 1)
            return makeError(describe(node), ": only a flatten from axis 1 keeps the images apart");
        spec.kind = LayerKind::Flatten;
        return Built{{spec}, {}};
    }
    if (op == "Reshape") {
        Expected<Weight> shape = weight(node, 1);
        if (!shape)
            return makeError(describe(node), ": its shape is computed in the graph (as "
                                             "x.view(x.size(0), -1) exports); export with "
                                             "torch.flatten(x, 1)");
        const std::vector<float> &s = shape->values;
        if (s.size() != 2 || !(s[0] == 0 || s[0] == 1 || s[0] == -1) || (s[0] == -1 && s[1] == -1))
            return makeError(describe(node), ": only a reshape to (N, −1), a flatten, is read");
        spec.kind = LayerKind::Flatten;
        m_flattenChecks.push_back({s[0] == -1 ? std::int64_t(s[1]) : -1});
        return Built{{spec}, {}};
    }
    if (op == "Softmax" || op == "LogSoftmax") {
        if (op == "Softmax" && resolve(node.proto->output(0)) == m_output) {
            m_softmax = true;
            return Built{};
        }
        return makeError(describe(node), ": a softmax is read only at the graph's end");
    }
    return makeError(describe(node), " is not supported: ConvScope reads ", kReadOperators);
}

// A fork's paths to the join where they meet: a residual sum of two, or a concatenation of
// channels. *after is the join's output.
Expected<Built> GraphReader::block(const std::string &fork, std::string *after)
{
    struct Path
    {
        Built built;
        std::string end; // the value the path gives the join
    };
    std::vector<Path> paths;
    std::optional<int> join;
    for (int next : consumersOf(fork)) {
        const Node &node = m_nodes[size_t(next)];
        std::optional<int> end;
        Path path;
        if (isJoin(node)) {
            end = next;
            path.end = fork;
        } else {
            std::string value;
            Expected<Built> first = layer(next, &value);
            if (!first)
                return first.error();
            path.built = std::move(*first);
            std::string last = value;
            Expected<Built> rest = walk(value, &end, &last);
            if (!rest)
                return rest.error();
            path.built.append(std::move(*rest));
            path.end = last;
        }
        if (!end || (join && *end != *join))
            return makeError("the paths from '", fork,
                             "' do not meet at one Add or Concat: "
                             "ConvScope reads residual and concatenation "
                             "blocks, not any graph");
        join = end;
        paths.push_back(std::move(path));
    }
    const Node &j = m_nodes[size_t(*join)];
    if (j.data.size() != paths.size())
        return makeError(describe(j), " joins ", j.data.size(), " values, but ", paths.size(),
                         " paths lead to it from '", fork, "'");
    *after = j.proto->output(0);
    LayerSpec spec;
    Built built;
    if (j.proto->op_type() == "Concat") {
        if (intAttribute(j, "axis", 1) != 1)
            return makeError(describe(j), ": only a concatenation of channels (axis 1) is read");
        spec.kind = LayerKind::Concat;
        for (const std::string &input : j.data) {
            const auto path = std::find_if(paths.begin(), paths.end(),
                                           [&](const Path &p) { return p.end == input; });
            if (path == paths.end() || path->built.layers.empty())
                return makeError(describe(j), ": each concatenated branch needs a layer");
            spec.paths.push_back(Architecture{path->built.layers});
            built.weights.insert(built.weights.end(), path->built.weights.begin(),
                                 path->built.weights.end());
        }
    } else {
        if (paths.size() != 2)
            return makeError(describe(j), ": a residual sum of ", paths.size(),
                             " paths; ConvScope's residual blocks add two");
        spec.kind = LayerKind::Residual;
        // The longer path is the block's layers, the other its shortcut (none: the identity).
        if (paths[0].built.layers.size() < paths[1].built.layers.size())
            std::swap(paths[0], paths[1]);
        if (paths[0].built.layers.empty())
            return makeError(describe(j), ": adds a value to itself");
        for (Path &p : paths) {
            if (!p.built.layers.empty()) {
                spec.paths.push_back(Architecture{p.built.layers});
                built.weights.insert(built.weights.end(), p.built.weights.begin(),
                                     p.built.weights.end());
            }
        }
    }
    built.layers.push_back(spec);
    return built;
}

Expected<Built> GraphReader::walk(std::string value, std::optional<int> *endJoin, std::string *last)
{
    Built built;
    for (int steps = 0; steps <= m_graph.node_size() + 1; ++steps) {
        *last = value;
        std::vector<int> next = consumersOf(value);
        next.erase(std::remove_if(next.begin(), next.end(),
                                  [&](int i) { return m_used.count(i) > 0; }),
                   next.end());
        if (next.empty()) {
            if (value != m_output)
                return makeError("the value '", value,
                                 "' leads nowhere and is not the graph's "
                                 "output");
            return built;
        }
        if (next.size() == 1 && isJoin(m_nodes[size_t(next.front())])) {
            if (!endJoin)
                return makeError(describe(m_nodes[size_t(next.front())]),
                                 " joins a value that no fork before it split");
            *endJoin = next.front();
            return built;
        }
        std::string after;
        Expected<Built> step = next.size() == 1 ? layer(next.front(), &after)
                                                : block(value, &after);
        if (!step)
            return step.error();
        built.append(std::move(*step));
        value = resolve(after);
    }
    return makeError("the graph has a cycle");
}

Expected<ImportedModel> GraphReader::read(ImportedModel model)
{
    if (Expected<void> ok = index(); !ok)
        return ok.error();
    if (const std::optional<PixelNormalization> norm = normalization())
        model.normalization = *norm;
    std::string last;
    Expected<Built> built = walk(m_input, nullptr, &last);
    if (!built)
        return built.error();
    if (built->layers.empty())
        return makeError("the graph has no layer");
    model.architecture.layers = std::move(built->layers);
    model.weights = std::move(built->weights);
    model.endsWithSoftmax = m_softmax;
    return model;
}

} // namespace

namespace {

Expected<Shape> inputShape(const onnx::GraphProto &graph, const std::string &name)
{
    for (const onnx::ValueInfoProto &v : graph.input()) {
        if (v.name() != name)
            continue;
        if (!v.type().has_tensor_type()
            || v.type().tensor_type().elem_type() != onnx::TensorProto::FLOAT)
            return makeError("the input '", name, "' is not a tensor of float32");
        const auto &dims = v.type().tensor_type().shape().dim();
        if (dims.size() != 4 && dims.size() != 2)
            return makeError("the input '", name, "' has ", dims.size(),
                             " dimensions; ConvScope reads N×C×H×W images (or N×F vectors)");
        std::vector<int> sizes;
        for (int i = 1; i < dims.size(); ++i) {
            const auto &d = dims[i];
            if (!d.has_dim_value())
                return makeError("the input '", name, "' has a size that is not fixed ('",
                                 d.dim_param(), "', dimension ", i + 1,
                                 "); export it with a fixed image size");
            if (d.dim_value() < 1 || d.dim_value() > 65536)
                return makeError("the input '", name, "' has a size of ", d.dim_value());
            sizes.push_back(int(d.dim_value()));
        }
        return sizes.size() == 3 ? Shape{1, sizes[0], sizes[1], sizes[2]}
                                 : Shape{1, sizes[0], 1, 1};
    }
    return makeError("the input '", name, "' has no type");
}

// The weights against the architecture: shape by shape where the network may be built; for
// one too large to build here, by count (the weights hold the parameters and batch norms'
// running statistics).
Expected<void> checkWeights(const ImportedModel &model, const ArchitectureTable &table)
{
    if (table.parameters() <= kMaxTrainableParameters) {
        Expected<Network> network = Network::create(model.architecture, model.input, model.classes,
                                                    kMaxTrainableParameters);
        if (!network)
            return network.error();
        return network->setWeights(model.weights);
    }
    std::int64_t values = 0;
    for (const Tensor &t : model.weights)
        values += t.size();
    if (values < table.parameters())
        return makeError("the file's weights hold ", values, " values, fewer than the ",
                         table.parameters(), " parameters of its layers");
    return {};
}

} // namespace

namespace {

Expected<void> parseProto(const std::string &bytes, const std::string &source,
                          onnx::ModelProto &proto)
{
    if (std::int64_t(bytes.size()) > kMaxOnnxFileBytes)
        return makeError(source, ": ", bytes.size(), " bytes, more than the ", kMaxOnnxFileBytes,
                         " an ONNX file may have here");
    if (bytes.empty() || !proto.ParseFromArray(bytes.data(), int(bytes.size())))
        return makeError(source, ": not an ONNX model (its protobuf does not parse; a truncated "
                                 "or damaged file?)");
    return {};
}

Expected<ImportedModel> convertProto(const onnx::ModelProto &proto, const std::string &source)
{
    ImportedModel model;
    std::int64_t opset = 0;
    for (const onnx::OperatorSetIdProto &set : proto.opset_import()) {
        if (set.domain().empty() || set.domain() == "ai.onnx")
            opset = set.version();
    }
    model.opset = int(std::clamp<std::int64_t>(opset, 0, kLastOnnxOpset + 1));
    if (opset < kFirstOnnxOpset || opset > kLastOnnxOpset)
        return makeError(source, ": opset ", opset, "; ConvScope reads opsets ", kFirstOnnxOpset,
                         " to ", kLastOnnxOpset, " (torch.onnx.export(..., opset_version=13))");
    try {
        onnx::checker::check_model(proto);
    } catch (const std::exception &e) {
        // One line, however the checker breaks its own.
        std::string why;
        for (char c : std::string(e.what())) {
            if (c == '\n')
                c = ' ';
            if (!(c == ' ' && !why.empty() && why.back() == ' '))
                why += c;
        }
        if (why.size() > 300)
            why = why.substr(0, 300) + "…";
        return makeError(source, ": ONNX's checker refuses it: ", why);
    }
    model.producer = concat(proto.producer_name(), " ", proto.producer_version());
    for (const onnx::StringStringEntryProto &entry : proto.metadata_props()) {
        if (entry.key() == kOnnxRecipeKey) {
            model.inputRecipe = entry.value();
        } else if (entry.key() == kOnnxLabelsKey) {
            std::istringstream lines(entry.value());
            for (std::string line; std::getline(lines, line);)
                model.labels.push_back(line);
        }
    }
    GraphReader reader(proto.graph());
    Expected<ImportedModel> read = reader.read(std::move(model));
    if (!read)
        return makeError(source, ": ", read.error().message);
    // The input's shape, then every layer's, as a network would check them.
    const Expected<Shape> input = inputShape(proto.graph(), reader.inputName());
    if (!input)
        return makeError(source, ": ", input.error().message);
    read->input = *input;
    const ArchitectureTable table = tabulate(read->architecture, read->input, 0);
    if (!table.error.empty())
        return makeError(source, ": ", table.error);
    const Shape out = table.rows.back().output;
    read->classes = out.h == 1 && out.w == 1 ? out.c : 0;
    std::vector<std::int64_t> flattens;
    for (const LayerDescription &row : table.rows) {
        if (row.spec.rfind("flatten", 0) == 0)
            flattens.push_back(row.output.count());
    }
    for (size_t i = 0; i < reader.flattenChecks().size() && i < flattens.size(); ++i) {
        if (reader.flattenChecks()[i] >= 0 && reader.flattenChecks()[i] != flattens[i])
            return makeError(source, ": a Reshape to (−1, ", reader.flattenChecks()[i],
                             ") mixes the images of a batch: an image has ", flattens[i],
                             " values there");
    }
    if (Expected<void> ok = checkWeights(*read, table); !ok)
        return makeError(source, ": ", ok.error().message);
    return read;
}

} // namespace

Expected<ImportedModel> importOnnx(const std::string &bytes, const std::string &source)
{
    onnx::ModelProto proto;
    if (Expected<void> parsed = parseProto(bytes, source, proto); !parsed)
        return parsed.error();
    return convertProto(proto, source);
}

Expected<ImportedModel> loadOnnx(const std::filesystem::path &path)
{
    const std::string source = path.filename().string();
    onnx::ModelProto proto;
    {
        // The file's bytes go as soon as they are parsed: VGG-16's are 553 MB, and the
        // protobuf and the converted weights are as large again each.
        Expected<std::string> bytes = readFile(path, kMaxOnnxFileBytes);
        if (!bytes)
            return bytes.error();
        if (Expected<void> parsed = parseProto(*bytes, source, proto); !parsed)
            return parsed.error();
    }
    return convertProto(proto, source);
}

} // namespace convscope
