#include "core/nn/onnx_export.h"

#include "core/file_io.h"
#include "core/nn/onnx_import.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

namespace convscope {

namespace {

// Builds the graph node by node: each value of the network (its input, each node's output) has
// an ONNX name and a rank, 4 for maps and 2 once flattened.
class GraphWriter
{
public:
    GraphWriter(const Network &network, int opset, onnx::GraphProto &graph)
        : m_network(network)
        , m_opset(opset)
        , m_graph(graph)
    {}

    Expected<void> write(const PixelNormalization &norm);

private:
    struct Value
    {
        std::string name;
        int rank = 4;
    };

    onnx::NodeProto &node(const std::string &op, std::vector<std::string> inputs,
                          const std::string &output);
    std::string initializer(const std::string &name, const Shape &dims, const float *values,
                            std::vector<std::int64_t> shape = {});
    std::string ints(const std::string &name, std::vector<std::int64_t> values);
    std::string scalar(const std::string &name, float value);
    Shape inputShapeOf(const NetworkNode &n) const;
    Expected<Value> layer(int index, const Value &in);
    Expected<Value> conv(int index, const Value &in);
    Expected<Value> pool(int index, const Value &in);
    Value flat(const Value &in, const std::string &name);

    const Network &m_network;
    int m_opset;
    onnx::GraphProto &m_graph;
    std::vector<Value> m_values; // 0 the normalised input, i + 1 node i's output
};

void addInts(onnx::NodeProto &n, const std::string &name, const std::vector<std::int64_t> &values)
{
    onnx::AttributeProto &a = *n.add_attribute();
    a.set_name(name);
    a.set_type(onnx::AttributeProto::INTS);
    for (std::int64_t v : values)
        a.add_ints(v);
}

void addInt(onnx::NodeProto &n, const std::string &name, std::int64_t value)
{
    onnx::AttributeProto &a = *n.add_attribute();
    a.set_name(name);
    a.set_type(onnx::AttributeProto::INT);
    a.set_i(value);
}

void addFloat(onnx::NodeProto &n, const std::string &name, float value)
{
    onnx::AttributeProto &a = *n.add_attribute();
    a.set_name(name);
    a.set_type(onnx::AttributeProto::FLOAT);
    a.set_f(value);
}

void addString(onnx::NodeProto &n, const std::string &name, const std::string &value)
{
    onnx::AttributeProto &a = *n.add_attribute();
    a.set_name(name);
    a.set_type(onnx::AttributeProto::STRING);
    a.set_s(value);
}

onnx::NodeProto &GraphWriter::node(const std::string &op, std::vector<std::string> inputs,
                                   const std::string &output)
{
    onnx::NodeProto &n = *m_graph.add_node();
    n.set_op_type(op);
    n.set_name(output);
    for (const std::string &input : inputs)
        n.add_input(input);
    n.add_output(output);
    return n;
}

std::string GraphWriter::initializer(const std::string &name, const Shape &dims,
                                     const float *values, std::vector<std::int64_t> shape)
{
    onnx::TensorProto &t = *m_graph.add_initializer();
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::FLOAT);
    if (shape.empty())
        shape = {dims.n, dims.c, dims.h, dims.w};
    for (std::int64_t d : shape)
        t.add_dims(d);
    t.set_raw_data(
        std::string(reinterpret_cast<const char *>(values), size_t(dims.count()) * sizeof(float)));
    return name;
}

// A rank-0 float, as a clip's bounds must be.
std::string GraphWriter::scalar(const std::string &name, float value)
{
    onnx::TensorProto &t = *m_graph.add_initializer();
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::FLOAT);
    t.add_float_data(value);
    return name;
}

std::string GraphWriter::ints(const std::string &name, std::vector<std::int64_t> values)
{
    onnx::TensorProto &t = *m_graph.add_initializer();
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::INT64);
    t.add_dims(std::int64_t(values.size()));
    for (std::int64_t v : values)
        t.add_int64_data(v);
    return name;
}

Shape GraphWriter::inputShapeOf(const NetworkNode &n) const
{
    const int value = n.inputs.front();
    return value == 0 ? m_network.inputShape() : m_network.describe()[size_t(value - 1)].output;
}

GraphWriter::Value GraphWriter::flat(const Value &in, const std::string &name)
{
    if (in.rank == 2)
        return in;
    addInt(node("Flatten", {in.name}, name), "axis", 1);
    return {name, 2};
}

// A convolution reads zero padding itself; reflect or replicate padding is a Pad before it, and
// a flipped kernel (a true convolution) is written flipped.
Expected<GraphWriter::Value> GraphWriter::conv(int index, const Value &in)
{
    const NetworkNode &n = m_network.nodes()[size_t(index)];
    const LayerSpec &spec = n.spec;
    const std::string name = "conv" + std::to_string(index);
    const Shape input = inputShapeOf(n);
    Expected<Geometry> g = resolveGeometry(input.h, input.w,
                                           spec.conv.window(spec.kernelH, spec.kernelW));
    if (!g)
        return g.error();
    std::string x = in.name;
    std::vector<std::int64_t> pads{g->h.padBegin, g->w.padBegin, g->h.padEnd, g->w.padEnd};
    if (spec.conv.padMode != PadMode::Zero) {
        const std::vector<std::int64_t> all{0, 0, g->h.padBegin, g->w.padBegin,
                                            0, 0, g->h.padEnd,   g->w.padEnd};
        const std::string padded = name + "_padded";
        onnx::NodeProto &pad = m_opset >= 11 ? node("Pad", {x, ints(name + "_pads", all)}, padded)
                                             : node("Pad", {x}, padded);
        if (m_opset < 11)
            addInts(pad, "pads", all);
        addString(pad, "mode", spec.conv.padMode == PadMode::Reflect ? "reflect" : "edge");
        x = padded;
        pads = {0, 0, 0, 0};
    }
    std::vector<Parameter *> params = n.layer->parameters();
    const Tensor &w = params.front()->value;
    Tensor weight = w;
    if (spec.conv.flipKernel) {
        const Shape &s = w.shape();
        for (int k = 0; k < s.n; ++k)
            for (int c = 0; c < s.c; ++c)
                for (int y = 0; y < s.h; ++y)
                    for (int xx = 0; xx < s.w; ++xx)
                        weight.at(k, c, y, xx) = w.at(k, c, s.h - 1 - y, s.w - 1 - xx);
    }
    std::vector<std::string> inputs{x, initializer(name + "_weight", weight.shape(), weight.data())};
    if (params.size() > 1) {
        const Tensor &b = params[1]->value;
        inputs.push_back(initializer(name + "_bias", b.shape(), b.data(), {b.shape().count()}));
    }
    onnx::NodeProto &c = node("Conv", inputs, name);
    addInts(c, "kernel_shape", {spec.kernelH, spec.kernelW});
    addInts(c, "strides", {spec.conv.strideH, spec.conv.strideW});
    addInts(c, "dilations", {spec.conv.dilationH, spec.conv.dilationW});
    addInts(c, "pads", pads);
    if (spec.conv.groups != 1)
        addInt(c, "group", spec.conv.groups);
    return Value{name, 4};
}

Expected<GraphWriter::Value> GraphWriter::pool(int index, const Value &in)
{
    const LayerSpec &spec = m_network.nodes()[size_t(index)].spec;
    const PoolOptions &p = spec.pool;
    if (p.ceilMode && m_opset < 10)
        return makeError("a pool in ceil mode needs opset 10 or later (ONNX added ceil_mode "
                         "then): export with --opset 13");
    const bool average = spec.kind == LayerKind::AvgPool;
    const std::string name = (average ? "avgpool" : "maxpool") + std::to_string(index);
    std::string x = in.name;
    std::vector<std::int64_t> pads{p.padH, p.padW, p.padH, p.padW};
    // An average that counts its padding is zeros padded first, then averaged over what lies
    // inside: the same numbers, and OpenCV's dnn reads it, where it ignores count_include_pad.
    if (average && (p.padH > 0 || p.padW > 0)) {
        const std::vector<std::int64_t> all{0, 0, p.padH, p.padW, 0, 0, p.padH, p.padW};
        x = name + "_padded";
        onnx::NodeProto &pad = m_opset >= 11 ? node("Pad", {in.name, ints(name + "_pads", all)}, x)
                                             : node("Pad", {in.name}, x);
        if (m_opset < 11)
            addInts(pad, "pads", all);
        pads = {0, 0, 0, 0};
    }
    onnx::NodeProto &n = node(average ? "AveragePool" : "MaxPool", {x}, name);
    addInts(n, "kernel_shape", {p.kernelH, p.kernelW});
    addInts(n, "strides", {p.strideH.value_or(p.kernelH), p.strideW.value_or(p.kernelW)});
    addInts(n, "pads", pads);
    if (m_opset >= 10)
        addInt(n, "ceil_mode", p.ceilMode ? 1 : 0);
    if (average)
        addInt(n, "count_include_pad", 0);
    return Value{name, 4};
}

Expected<GraphWriter::Value> GraphWriter::layer(int index, const Value &in)
{
    const NetworkNode &n = m_network.nodes()[size_t(index)];
    const LayerSpec &spec = n.spec;
    const std::string name = std::string(spec.kindName()) + std::to_string(index);
    switch (spec.kind) {
    case LayerKind::Conv:
        return conv(index, in);
    case LayerKind::MaxPool:
    case LayerKind::AvgPool:
        return pool(index, in);
    case LayerKind::Activation: {
        const char *op = spec.activation == Activation::Relu        ? "Relu"
                         : spec.activation == Activation::LeakyRelu ? "LeakyRelu"
                         : spec.activation == Activation::Sigmoid   ? "Sigmoid"
                         : spec.activation == Activation::Tanh      ? "Tanh"
                         : spec.activation == Activation::Relu6     ? "Clip"
                                                                    : "Identity";
        std::vector<std::string> inputs{in.name};
        // Opset 11 moved a clip's bounds from attributes to inputs.
        const float bounds[2] = {0.0f, 6.0f};
        if (spec.activation == Activation::Relu6 && m_opset >= 11) {
            inputs.push_back(scalar(name + "_min", bounds[0]));
            inputs.push_back(scalar(name + "_max", bounds[1]));
        }
        onnx::NodeProto &a = node(op, inputs, name);
        if (spec.activation == Activation::LeakyRelu)
            addFloat(a, "alpha", spec.slope);
        if (spec.activation == Activation::Relu6 && m_opset < 11) {
            addFloat(a, "min", bounds[0]);
            addFloat(a, "max", bounds[1]);
        }
        return Value{name, in.rank};
    }
    case LayerKind::Flatten:
        return flat(in, name);
    case LayerKind::Dropout:
        return in; // inference
    case LayerKind::GlobalAvgPool:
        node("GlobalAveragePool", {in.name}, name);
        return Value{name, 4};
    case LayerKind::LocalResponseNorm: {
        if (spec.count % 2 == 0)
            return makeError("an LRN over an even number of channels (", spec.count,
                             ") centres its window otherwise in ONNX than here and in PyTorch");
        onnx::NodeProto &lrn = node("LRN", {in.name}, name);
        addInt(lrn, "size", spec.count);
        addFloat(lrn, "alpha", spec.alpha);
        addFloat(lrn, "beta", spec.beta);
        addFloat(lrn, "bias", spec.k);
        return Value{name, in.rank};
    }
    case LayerKind::Dense: {
        const Value x = flat(in, name + "_flat");
        std::vector<Parameter *> params = n.layer->parameters();
        const Tensor &w = params.front()->value;
        std::vector<std::string> inputs{x.name, initializer(name + "_weight", w.shape(), w.data(),
                                                            {w.shape().h, w.shape().w})};
        if (params.size() > 1) {
            const Tensor &b = params[1]->value;
            inputs.push_back(initializer(name + "_bias", b.shape(), b.data(), {b.shape().count()}));
        }
        addInt(node("Gemm", inputs, name), "transB", 1);
        return Value{name, 2};
    }
    case LayerKind::BatchNorm: {
        std::vector<std::string> inputs{in.name};
        std::vector<const Tensor *> tensors;
        for (Parameter *p : n.layer->parameters())
            tensors.push_back(&p->value);
        for (Tensor *b : n.layer->buffers())
            tensors.push_back(b);
        const char *parts[] = {"_scale", "_bias", "_mean", "_var"};
        for (size_t i = 0; i < tensors.size() && i < 4; ++i)
            inputs.push_back(initializer(name + parts[i], tensors[i]->shape(), tensors[i]->data(),
                                         {tensors[i]->shape().count()}));
        onnx::NodeProto &bn = node("BatchNormalization", inputs, name);
        addFloat(bn, "epsilon", spec.epsilon);
        addFloat(bn, "momentum", 1.0f - spec.momentum); // ONNX weighs the running value
        return Value{name, in.rank};
    }
    case LayerKind::Residual:
    case LayerKind::Concat:
        break;
    }
    return makeError("layer ", index + 1, " (", spec.toString(), ") has no ONNX counterpart");
}

Expected<void> GraphWriter::write(const PixelNormalization &norm)
{
    const Shape in = m_network.inputShape();
    onnx::ValueInfoProto &input = *m_graph.add_input();
    input.set_name("pixels");
    auto &inType = *input.mutable_type()->mutable_tensor_type();
    inType.set_elem_type(onnx::TensorProto::FLOAT);
    inType.mutable_shape()->add_dim()->set_dim_param("batch");
    for (int d : {in.c, in.h, in.w})
        inType.mutable_shape()->add_dim()->set_dim_value(d);
    // (x − mean) / deviation: the normalisation the network was trained with.
    node("Sub", {"pixels", initializer("mean", Shape{1, 1, 1, 1}, &norm.mean, {1})}, "centred");
    node("Div", {"centred", initializer("deviation", Shape{1, 1, 1, 1}, &norm.deviation, {1})},
         "normalised");
    m_values = {{"normalised", 4}};
    const std::vector<NetworkNode> &nodes = m_network.nodes();
    for (int i = 0; i < int(nodes.size()); ++i) {
        const NetworkNode &n = nodes[size_t(i)];
        std::vector<std::string> inputs;
        for (int v : n.inputs)
            inputs.push_back(m_values[size_t(v)].name);
        if (n.op == NodeOp::Add) {
            const std::string name = "add" + std::to_string(i);
            node("Add", inputs, name);
            m_values.push_back({name, m_values[size_t(n.inputs.front())].rank});
        } else if (n.op == NodeOp::Concat) {
            const std::string name = "concat" + std::to_string(i);
            addInt(node("Concat", inputs, name), "axis", 1);
            m_values.push_back({name, 4});
        } else {
            Expected<Value> out = layer(i, m_values[size_t(n.inputs.front())]);
            if (!out)
                return out.error();
            m_values.push_back(*out);
        }
    }
    const Value logits = flat(m_values.back(), "logits_flat");
    addInt(node("Softmax", {logits.name}, "probabilities"), "axis", 1);
    onnx::ValueInfoProto &output = *m_graph.add_output();
    output.set_name("probabilities");
    auto &outType = *output.mutable_type()->mutable_tensor_type();
    outType.set_elem_type(onnx::TensorProto::FLOAT);
    outType.mutable_shape()->add_dim()->set_dim_param("batch");
    outType.mutable_shape()->add_dim()->set_dim_value(m_network.classes());
    return {};
}

} // namespace

Expected<std::string> exportOnnx(const Network &network, const PixelNormalization &norm, int opset,
                                 const ModelMetadata &meta)
{
    if (opset < kFirstOnnxOpset || opset > kLastOnnxOpset)
        return makeError("opset ", opset, ": ConvScope writes opsets ", kFirstOnnxOpset, " to ",
                         kLastOnnxOpset);
    if (network.classes() < 1)
        return makeError("the network ends with maps, not one value per class: there are no "
                         "probabilities to export");
    onnx::ModelProto model;
    // ONNX 1.12's IR version; opset 9's models are read by every runtime of that IR too.
    model.set_ir_version(8);
    model.set_producer_name("convscope");
    model.set_producer_version(CONVSCOPE_VERSION);
    model.add_opset_import()->set_version(opset);
    if (!meta.input.empty()) {
        onnx::StringStringEntryProto &entry = *model.add_metadata_props();
        entry.set_key(kOnnxRecipeKey);
        entry.set_value(meta.input);
    }
    if (!meta.labels.empty()) {
        std::string lines;
        for (const std::string &label : meta.labels)
            lines += label + "\n";
        onnx::StringStringEntryProto &entry = *model.add_metadata_props();
        entry.set_key(kOnnxLabelsKey);
        entry.set_value(lines);
    }
    onnx::GraphProto &graph = *model.mutable_graph();
    graph.set_name("convscope");
    graph.set_doc_string(network.architecture().toString());
    GraphWriter writer(network, opset, graph);
    if (Expected<void> ok = writer.write(norm); !ok)
        return ok.error();
    try {
        onnx::checker::check_model(model);
    } catch (const std::exception &e) {
        return makeError("the exported model fails ONNX's checker (a defect of ConvScope's): ",
                         e.what());
    }
    std::string bytes;
    if (!model.SerializeToString(&bytes))
        return makeError("the model does not serialise (over 2 GB?)");
    return bytes;
}

Expected<void> saveOnnx(const std::filesystem::path &path, const Network &network,
                        const PixelNormalization &norm, int opset, const ModelMetadata &meta)
{
    Expected<std::string> bytes = exportOnnx(network, norm, opset, meta);
    if (!bytes)
        return makeError(path.string(), ": ", bytes.error().message);
    return writeFileAtomically(path, *bytes);
}

} // namespace convscope
