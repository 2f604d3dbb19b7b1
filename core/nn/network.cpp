#include "core/nn/network.h"

#include "core/file_io.h"
#include "core/parallel.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <numeric>
#include <optional>

namespace convscope {

Network::Network(Network &&) noexcept = default;
Network &Network::operator=(Network &&) noexcept = default;
Network::~Network() = default;

namespace {

Expected<void> checkEnd(const Shape &shape, int classes)
{
    if (shape.count() != classes || shape.h != 1 || shape.w != 1)
        return makeError("the network ends with ", shape.imageString(),
                         " values per image, but there are ", classes,
                         " classes: end it with 'dense ", classes, "' (after a flatten)");
    return {};
}

std::int64_t sumOf(const std::vector<LayerDescription> &rows, std::int64_t LayerDescription::*field)
{
    std::int64_t total = 0;
    for (const LayerDescription &row : rows)
        total += row.*field;
    return total;
}

// Where a path's end lies: the value it leaves, that value's shape and its units' field.
struct End
{
    int value = 0;
    Shape shape;
    ReceptiveSpan field;
};

FieldAxis throughWindow(const FieldAxis &in, const AxisGeometry &g)
{
    return {in.size + std::int64_t(g.effectiveKernel() - 1) * in.jump, in.jump * g.stride,
            in.start - std::int64_t(g.padBegin) * in.jump};
}

// The field of a layer's units from that of its input's. A dense layer, a flatten and a
// global pool see their whole input: a window as large as it.
ReceptiveSpan fieldThrough(const LayerSpec &spec, const Shape &input, const ReceptiveSpan &in)
{
    std::optional<WindowSpec> window;
    switch (spec.kind) {
    case LayerKind::Conv:
        window = spec.conv.window(spec.kernelH, spec.kernelW);
        break;
    case LayerKind::MaxPool:
    case LayerKind::AvgPool:
        window = spec.pool.window();
        break;
    case LayerKind::Dense:
    case LayerKind::Flatten:
    case LayerKind::GlobalAvgPool:
        window = WindowSpec{};
        window->kernelH = window->strideH = input.h;
        window->kernelW = window->strideW = input.w;
        break;
    default:
        return in;
    }
    Expected<Geometry> g = resolveGeometry(input.h, input.w, *window);
    if (!g)
        return in; // the layer's own configure() has refused it already
    return {throughWindow(in.h, g->h), throughWindow(in.w, g->w)};
}

// Through a block, the union of its paths' fields: from the earliest start to the latest end.
ReceptiveSpan widest(const std::vector<ReceptiveSpan> &fields)
{
    ReceptiveSpan out = fields.front();
    for (const ReceptiveSpan &f : fields) {
        for (auto [o, a] : {std::pair{&out.h, &f.h}, std::pair{&out.w, &f.w}}) {
            const std::int64_t end = std::max(o->start + o->size, a->start + a->size);
            o->start = std::min(o->start, a->start);
            o->size = end - o->start;
            o->jump = std::max(o->jump, a->jump);
        }
    }
    return out;
}

class GraphBuilder
{
public:
    std::vector<NetworkNode> nodes;
    std::vector<LayerDescription> rows;
    int badLayer = -1;

    // The nodes of a path that starts at `from`; where is "" at the top level, else the block
    // and path it lies in ("residual1 › shortcut").
    Expected<End> path(const Architecture &architecture, End from, int depth, int top,
                       const std::string &where)
    {
        for (size_t i = 0; i < architecture.layers.size(); ++i) {
            const LayerSpec &spec = architecture.layers[i];
            const int topLayer = depth == 0 ? int(i) : top;
            Expected<End> end = spec.isBlock() ? block(spec, from, depth, topLayer, where)
                                               : layer(spec, i, from, depth, topLayer, where);
            if (!end) {
                if (badLayer < 0)
                    badLayer = topLayer;
                return end.error();
            }
            from = *end;
        }
        return from;
    }

private:
    std::string nameOf(const LayerSpec &spec)
    {
        const std::string kind(spec.kindName());
        return kind + std::to_string(++m_ordinals[kind]);
    }

    int add(NetworkNode node, LayerDescription row)
    {
        nodes.push_back(std::move(node));
        rows.push_back(std::move(row));
        return int(nodes.size());
    }

    Expected<End> layer(const LayerSpec &spec, size_t index, End from, int depth, int top,
                        const std::string &where)
    {
        std::unique_ptr<Layer> layer = makeLayer(spec);
        const std::string name = nameOf(spec);
        Expected<Shape> output = layer->configure(from.shape);
        if (!output)
            return makeError(where.empty() ? "" : where + " › ", "layer ", index + 1, " '",
                             spec.toString(), "' (", name, ") on its input ",
                             from.shape.imageString(), ": ", output.error().message);
        const ReceptiveSpan field = fieldThrough(spec, from.shape, from.field);
        LayerDescription row{name,
                             spec.toString(),
                             *output,
                             layer->parameterCount(),
                             layer->multiplyAdds(),
                             depth,
                             top,
                             where,
                             false,
                             field};
        NetworkNode node{NodeOp::Layer, std::move(layer), spec, {from.value}};
        return End{add(std::move(node), std::move(row)), *output, field};
    }

    Expected<End> block(const LayerSpec &spec, End from, int depth, int top,
                        const std::string &where)
    {
        const std::string name = nameOf(spec);
        const std::string inside = (where.empty() ? "" : where + " › ") + name;
        std::vector<End> ends;
        for (size_t p = 0; p < spec.paths.size(); ++p) {
            const std::string pathName = spec.kind == LayerKind::Residual
                                             ? (p == 0 ? " › layers" : " › shortcut")
                                             : concat(" › branch ", p + 1);
            Expected<End> end = path(spec.paths[p], from, depth + 1, top, inside + pathName);
            if (!end)
                return end.error();
            ends.push_back(*end);
        }
        Expected<Shape> output = spec.kind == LayerKind::Residual
                                     ? residualShape(inside, from, ends)
                                     : concatShape(inside, ends);
        if (!output)
            return output.error();
        std::vector<int> inputs;
        std::vector<ReceptiveSpan> fields;
        for (const End &end : ends) {
            inputs.push_back(end.value);
            fields.push_back(end.field);
        }
        if (spec.kind == LayerKind::Residual && ends.size() == 1) {
            inputs.push_back(from.value);
            fields.push_back(from.field);
        }
        const ReceptiveSpan field = widest(fields);
        const std::string joins = spec.kind == LayerKind::Residual
                                      ? (ends.size() == 1 ? "layers + identity"
                                                          : "layers + projection")
                                      : concat(ends.size(), " branches along the channels");
        LayerDescription row{name, joins, *output, 0, 0, depth, top, where, true, field};
        NetworkNode node{spec.kind == LayerKind::Residual ? NodeOp::Add : NodeOp::Concat, nullptr,
                         spec, inputs};
        return End{add(std::move(node), std::move(row)), *output, field};
    }

    static Expected<Shape> residualShape(const std::string &name, End from,
                                         const std::vector<End> &ends)
    {
        const Shape &layers = ends.front().shape;
        const Shape &shortcut = ends.size() > 1 ? ends[1].shape : from.shape;
        if (layers == shortcut)
            return layers;
        return makeError(name, ": its layers end in ", layers.imageString(), " but its ",
                         ends.size() > 1 ? "shortcut gives " : "identity shortcut gives ",
                         shortcut.imageString(),
                         ": the two are added, so they must agree; give the block a projection "
                         "shortcut after ';', e.g. 'residual( … ; conv ",
                         layers.c, " 1x1 stride ",
                         std::max(1, from.shape.h / std::max(1, layers.h)), " | batchnorm )'");
    }

    static Expected<Shape> concatShape(const std::string &name, const std::vector<End> &ends)
    {
        Shape joined = ends.front().shape;
        joined.c = 0;
        for (size_t b = 0; b < ends.size(); ++b) {
            const Shape &s = ends[b].shape;
            if (s.h != joined.h || s.w != joined.w)
                return makeError(name, ": branch ", b + 1, " ends in ", s.imageString(),
                                 " but branch 1 in ", ends.front().shape.imageString(),
                                 ": concatenated branches need the same height and width (pad "
                                 "their convolutions 'same', their pools with stride 1)");
            joined.c += s.c;
        }
        return joined;
    }

    std::map<std::string, int> m_ordinals;
};

} // namespace

ArchitectureTable tabulate(const Architecture &architecture, const Shape &input, int classes)
{
    ArchitectureTable table;
    GraphBuilder builder;
    Expected<End> end = builder.path(architecture, {0, {1, input.c, input.h, input.w}, {}}, 0, 0,
                                     "");
    table.rows = std::move(builder.rows);
    if (!end) {
        table.badLayer = builder.badLayer;
        table.error = end.error().message;
    } else if (architecture.layers.empty()) {
        table.error = concat("the network has no layers: pick a preset or add layers ending with ",
                             "'dense ", classes, "'");
    } else if (classes > 0) {
        if (Expected<void> ok = checkEnd(end->shape, classes); !ok)
            table.error = ok.error().message;
    }
    return table;
}

std::int64_t mlpParameterCount(const Architecture &mlp, std::int64_t inputs)
{
    std::int64_t total = 0;
    for (const LayerSpec &layer : mlp.layers) {
        if (layer.kind != LayerKind::Dense)
            continue;
        total += inputs * layer.count + (layer.bias ? layer.count : 0);
        inputs = layer.count;
    }
    return total;
}

Architecture mlpOfStages(const Architecture &architecture, const Shape &input, int classes)
{
    const ArchitectureTable table = tabulate(architecture, input, 0);
    // The output of every top-level layer: the last row of its top layer.
    std::vector<std::int64_t> outputs(architecture.layers.size(), 0);
    for (const LayerDescription &row : table.rows)
        outputs[size_t(row.topLayer)] = row.output.count();
    std::vector<std::int64_t> hidden;
    bool inStage = false;
    for (size_t i = 0; i < architecture.layers.size() && i < outputs.size(); ++i) {
        const LayerKind kind = architecture.layers[i].kind;
        if (kind == LayerKind::Conv || architecture.layers[i].isBlock()) {
            hidden.push_back(outputs[i]);
            inStage = true;
        } else if (kind == LayerKind::Dense) {
            hidden.push_back(outputs[i]);
            inStage = false;
        } else if (inStage && kind != LayerKind::Flatten) {
            hidden.back() = outputs[i]; // a pool, an activation, a batch norm ends the stage
        }
    }
    if (!hidden.empty() && architecture.layers.back().kind == LayerKind::Dense)
        hidden.pop_back(); // the classifier, replaced by one with `classes` outputs
    Architecture mlp;
    LayerSpec flatten;
    mlp.layers.push_back(flatten);
    for (std::int64_t units : hidden) {
        LayerSpec dense;
        dense.kind = LayerKind::Dense;
        dense.count = int(std::min<std::int64_t>(units, std::numeric_limits<int>::max()));
        LayerSpec relu;
        relu.kind = LayerKind::Activation;
        mlp.layers.insert(mlp.layers.end(), {dense, relu});
    }
    LayerSpec output;
    output.kind = LayerKind::Dense;
    output.count = classes;
    mlp.layers.push_back(output);
    return mlp;
}

std::int64_t ArchitectureTable::parameters() const
{
    return sumOf(rows, &LayerDescription::parameters);
}

std::int64_t ArchitectureTable::multiplyAdds() const
{
    return sumOf(rows, &LayerDescription::multiplyAdds);
}

std::vector<LayerDescription> ArchitectureTable::topLevelRows() const
{
    std::vector<LayerDescription> top;
    std::vector<std::int64_t> parameters, macs;
    for (const LayerDescription &row : rows) {
        const auto at = size_t(row.topLayer);
        parameters.resize(std::max(parameters.size(), at + 1), 0);
        macs.resize(parameters.size(), 0);
        parameters[at] += row.parameters;
        macs[at] += row.multiplyAdds;
        if (row.depth == 0) {
            top.resize(std::max(top.size(), at + 1));
            top[at] = row;
            top[at].parameters = parameters[at];
            top[at].multiplyAdds = macs[at];
        }
    }
    return top;
}

Expected<Network> Network::create(const Architecture &architecture, const Shape &input, int classes,
                                  std::int64_t maxParameters)
{
    Network network;
    network.m_architecture = architecture;
    network.m_input = {1, input.c, input.h, input.w};
    network.m_classes = classes;
    GraphBuilder builder;
    Expected<End> end = builder.path(architecture, {0, network.m_input, {}}, 0, 0, "");
    if (!end)
        return end.error();
    if (classes > 0) {
        if (Expected<void> ok = checkEnd(end->shape, classes); !ok)
            return ok.error();
    }
    network.m_nodes = std::move(builder.nodes);
    network.m_descriptions = std::move(builder.rows);
    // Sound and small enough: only now do the weights exist.
    const std::int64_t parameters = network.parameterCount();
    if (parameters > maxParameters)
        return makeError("the network has ", parameters, " parameters (",
                         formatBytes(parameters * std::int64_t(sizeof(float))),
                         " of weights, four times that to train); ConvScope builds networks of "
                         "up to ",
                         maxParameters,
                         " parameters: use fewer units or filters, or "
                         "pool the input down first");
    for (NetworkNode &node : network.m_nodes) {
        if (node.layer)
            node.layer->allocate();
    }
    network.m_activations.resize(network.m_nodes.size() + 1);
    network.m_gradients.resize(network.m_nodes.size() + 1);
    return network;
}

std::int64_t Network::parameterCount() const
{
    return sumOf(m_descriptions, &LayerDescription::parameters);
}

std::int64_t Network::multiplyAdds() const
{
    return sumOf(m_descriptions, &LayerDescription::multiplyAdds);
}

std::int64_t Network::valuesPerImage() const
{
    std::int64_t values = m_input.count();
    for (const LayerDescription &row : m_descriptions)
        values += row.output.count();
    return values;
}

void Network::initialize(std::uint64_t seed)
{
    // The node that first reads each value, to find what follows a layer.
    std::vector<int> reader(m_nodes.size() + 1, -1);
    for (size_t i = m_nodes.size(); i-- > 0;) {
        for (int value : m_nodes[i].inputs)
            reader[size_t(value)] = int(i);
    }
    // He before a ReLU, looked for past batch norms, dropouts and block ends (conv | batchnorm
    // | relu, and the last conv of a residual followed by a relu), as torchvision initialises.
    const auto feedsRelu = [&](size_t node) {
        for (int next = reader[node + 1]; next >= 0; next = reader[size_t(next) + 1]) {
            const NetworkNode &n = m_nodes[size_t(next)];
            if (n.op == NodeOp::Layer && n.spec.kind != LayerKind::BatchNorm
                && n.spec.kind != LayerKind::Dropout)
                return n.spec.kind == LayerKind::Activation
                       && (n.spec.activation == Activation::Relu
                           || n.spec.activation == Activation::LeakyRelu
                           || n.spec.activation == Activation::Relu6);
        }
        return false;
    };
    std::mt19937_64 rng(seed);
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        if (m_nodes[i].layer)
            m_nodes[i].layer->initialize(rng, feedsRelu(i) ? InitScheme::He : InitScheme::Xavier);
    }
}

namespace {

// A residual's sum, its gradient's copies and the gradients added where paths meet are passes
// over a batch's tensors (3 MB in mini-resnet's first stage) bound by memory: one thread took
// 0.3–0.5 ms a pass. Element-wise, so any split gives the same values.
constexpr std::int64_t kMinValuesPerThread = std::int64_t(1) << 15;

template<typename F>
void forEachValue(std::int64_t count, F &&f)
{
    parallelFor(count, kMinValuesPerThread, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i)
            f(i);
    });
}

// Y = A + B, element-wise: a residual block's sum.
void addValues(const Tensor &a, const Tensor &b, Tensor &out)
{
    out.reshape(a.shape());
    const float *x = a.data(), *y = b.data();
    float *to = out.data();
    forEachValue(a.size(), [=](std::int64_t i) { to[i] = x[i] + y[i]; });
}

void copyValues(const Tensor &from, Tensor &to)
{
    to.reshape(from.shape());
    const float *x = from.data();
    float *y = to.data();
    forEachValue(from.size(), [=](std::int64_t i) { y[i] = x[i]; });
}

// N×ΣC_k×H×W from N×C_k×H×W, in the order of the parts (torch.cat(dim=1)).
void concatValues(const std::vector<const Tensor *> &parts, Tensor &out)
{
    const Shape &first = parts.front()->shape();
    int channels = 0;
    for (const Tensor *part : parts)
        channels += part->shape().c;
    out.reshape({first.n, channels, first.h, first.w});
    const std::int64_t plane = first.planeSize();
    for (int n = 0; n < first.n; ++n) {
        float *to = out.data() + std::int64_t(n) * channels * plane;
        for (const Tensor *part : parts) {
            const std::int64_t size = part->shape().c * plane;
            std::copy_n(part->data() + n * size, size, to);
            to += size;
        }
    }
}

// The channels [first, first + C) of a concatenation's gradient, as an N×C×H×W tensor.
void sliceChannels(const Tensor &whole, int first, int channels, Tensor &out)
{
    const Shape &s = whole.shape();
    out.reshape({s.n, channels, s.h, s.w});
    const std::int64_t plane = s.planeSize();
    for (int n = 0; n < s.n; ++n)
        std::copy_n(whole.data() + (std::int64_t(n) * s.c + first) * plane, channels * plane,
                    out.data() + std::int64_t(n) * channels * plane);
}

} // namespace

void Network::timeNodes(bool on)
{
    m_times.assign(on ? m_nodes.size() : 0, NodeTimes{});
}

namespace {

double seconds()
{
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// Adds the time from its construction to its destruction to *sum, when there is one.
class NodeTimer
{
public:
    explicit NodeTimer(double *sum)
        : m_sum(sum)
        , m_start(sum ? seconds() : 0.0)
    {}
    ~NodeTimer()
    {
        if (m_sum)
            *m_sum += seconds() - m_start;
    }
    NodeTimer(const NodeTimer &) = delete;
    NodeTimer &operator=(const NodeTimer &) = delete;

private:
    double *m_sum;
    double m_start;
};

} // namespace

const Tensor &Network::forward(const Tensor &input, Mode mode)
{
    m_activations[0] = input;
    std::vector<const Tensor *> values(m_activations.size());
    for (size_t v = 0; v < values.size(); ++v)
        values[v] = &m_activations[v];
    for (size_t i = 0; i < m_nodes.size(); ++i)
        runNode(i, values, m_activations[i + 1], mode);
    return m_activations.back();
}

void Network::runNode(size_t i, const std::vector<const Tensor *> &values, Tensor &out,
                      std::optional<Mode> mode)
{
    NetworkNode &node = m_nodes[i];
    const NodeTimer timer(m_times.empty() ? nullptr : &m_times[i].forward);
    switch (node.op) {
    case NodeOp::Layer:
        if (mode)
            node.layer->forward(*values[size_t(node.inputs[0])], out, *mode);
        else
            node.layer->infer(*values[size_t(node.inputs[0])], out);
        break;
    case NodeOp::Add:
        addValues(*values[size_t(node.inputs[0])], *values[size_t(node.inputs[1])], out);
        break;
    case NodeOp::Concat: {
        std::vector<const Tensor *> parts;
        for (int value : node.inputs)
            parts.push_back(values[size_t(value)]);
        concatValues(parts, out);
        break;
    }
    }
}

// infer()'s buffers: PyTorch's allocator hands a layer's output the memory freed last, still in
// the cache, where forward()'s own tensor for every value (34 MB for resnet18) had left the
// cache by the next pass, and its ReLUs, batch norms and sums took a tenth of the time writing
// into them. A value's buffer is free once its last reader has run: a node takes the one of its
// size freed last, or, computing each value from its input's alone, its input's own, when it
// is that input's last reader.
void Network::planSlots()
{
    const size_t values = m_nodes.size() + 1;
    std::vector<size_t> lastReader(values, 0);
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        for (int value : m_nodes[i].inputs)
            lastReader[size_t(value)] = i;
    }
    lastReader.back() = m_nodes.size(); // the logits outlive the pass
    const auto size = [this](int value) {
        return m_descriptions[size_t(value) - 1].output.count();
    };
    m_slotOf.assign(values, -1);
    int slots = 0;
    std::map<std::int64_t, std::vector<int>> freed; // by values per image, the last freed last
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        const NetworkNode &node = m_nodes[i];
        const int out = int(i) + 1, first = node.inputs.front();
        std::vector<int> ending; // the values this node reads last, the network's input aside
        for (int value : node.inputs) {
            if (value > 0 && lastReader[size_t(value)] == i
                && std::find(ending.begin(), ending.end(), value) == ending.end())
                ending.push_back(value);
        }
        const bool elementWise = node.op == NodeOp::Add
                                 || (node.op == NodeOp::Layer && node.layer->infersInPlace());
        if (elementWise && !ending.empty() && ending.front() == first && size(first) == size(out)) {
            m_slotOf[size_t(out)] = m_slotOf[size_t(first)];
            ending.erase(ending.begin());
        } else if (std::vector<int> &same = freed[size(out)]; !same.empty()) {
            m_slotOf[size_t(out)] = same.back();
            same.pop_back();
        } else {
            m_slotOf[size_t(out)] = slots++;
        }
        for (int value : ending)
            freed[size(value)].push_back(m_slotOf[size_t(value)]);
    }
    m_slots.resize(size_t(slots));
}

const Tensor &Network::infer(const Tensor &input)
{
    if (m_slotOf.empty())
        planSlots();
    for (Tensor &value : m_activations)
        value = Tensor(); // of an earlier pass: no longer what this one computed
    std::vector<const Tensor *> values(m_nodes.size() + 1);
    values[0] = &input;
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        Tensor &out = m_slots[size_t(m_slotOf[i + 1])];
        values[i + 1] = &out;
        runNode(i, values, out, std::nullopt);
    }
    return *values.back();
}

Tensor &Network::gradientTarget(int value)
{
    return m_hasGradient[size_t(value)] ? m_scratch : m_gradients[size_t(value)];
}

void Network::received(int value, const Tensor &written)
{
    Tensor &target = m_gradients[size_t(value)];
    const int holder = m_gradientOf[size_t(value)];
    if (!m_hasGradient[size_t(value)]) {
        if (&written != &target)
            copyValues(written, target);
    } else if (holder != value) {
        addValues(m_gradients[size_t(holder)], written, target);
        m_gradientOf[size_t(value)] = value;
    } else if (&written != &target) {
        float *to = target.data();
        const float *from = written.data();
        forEachValue(target.size(), [=](std::int64_t i) { to[i] += from[i]; });
    }
    m_hasGradient[size_t(value)] = 1;
}

void Network::passedOn(int value, int sum)
{
    if (m_hasGradient[size_t(value)]) {
        received(value, gradient(sum));
        return;
    }
    m_gradientOf[size_t(value)] = m_gradientOf[size_t(sum)];
    m_hasGradient[size_t(value)] = 1;
}

void Network::resetGradients()
{
    m_hasGradient.assign(m_activations.size(), 0);
    m_gradientOf.resize(m_activations.size());
    std::iota(m_gradientOf.begin(), m_gradientOf.end(), 0);
}

void Network::backward(const Tensor &gradLogits)
{
    resetGradients();
    m_gradients.back() = gradLogits;
    m_hasGradient.back() = 1;
    propagate(m_nodes.size() - 1, false);
}

const Tensor &Network::inputGradient(int row, const Tensor &gradRow)
{
    resetGradients();
    m_gradients[size_t(row) + 1] = gradRow;
    m_hasGradient[size_t(row) + 1] = 1;
    propagate(size_t(row), true);
    if (!m_hasGradient[0]) // a row that does not depend on the input
        m_gradients[0] = Tensor(m_activations[0].shape(), 0.0f);
    return gradient(0);
}

Tensor Network::gradientAt(int row) const
{
    const size_t value = size_t(row) + 1;
    if (value < m_hasGradient.size() && m_hasGradient[value])
        return gradient(int(value));
    return Tensor(m_activations[value].shape(), 0.0f);
}

// Back through the nodes in reverse from lastNode: a value read by several nodes (a block's
// input) sums the gradients they send it; the network's input gets one only when asked for.
void Network::propagate(size_t lastNode, bool toInput)
{
    for (size_t i = lastNode + 1; i-- > 0;) {
        if (!m_hasGradient[i + 1])
            continue;
        NetworkNode &node = m_nodes[i];
        const Tensor &gradOutput = gradient(int(i + 1));
        const NodeTimer timer(m_times.empty() ? nullptr : &m_times[i].backward);
        switch (node.op) {
        case NodeOp::Layer: {
            const int in = node.inputs[0];
            const bool carries = in != 0 || toInput;
            Tensor *target = carries ? &gradientTarget(in) : nullptr;
            node.layer->backward(m_activations[size_t(in)], m_activations[i + 1], gradOutput,
                                 target);
            if (carries)
                received(in, *target);
            break;
        }
        case NodeOp::Add:
            for (int in : node.inputs) {
                if (in != 0 || toInput)
                    passedOn(in, int(i + 1)); // a sum passes dY on to each of its inputs
            }
            break;
        case NodeOp::Concat: {
            int first = 0;
            for (int in : node.inputs) {
                const int channels = m_activations[size_t(in)].shape().c;
                if (in != 0 || toInput) {
                    Tensor &target = gradientTarget(in);
                    sliceChannels(gradOutput, first, channels, target);
                    received(in, target);
                }
                first += channels;
            }
            break;
        }
        }
    }
}

std::vector<Parameter *> Network::parameters()
{
    std::vector<Parameter *> all;
    for (const NetworkNode &node : m_nodes) {
        if (!node.layer)
            continue;
        for (Parameter *p : node.layer->parameters())
            all.push_back(p);
    }
    return all;
}

std::vector<Tensor *> Network::state() const
{
    std::vector<Tensor *> all;
    for (const NetworkNode &node : m_nodes) {
        if (!node.layer)
            continue;
        for (Parameter *p : node.layer->parameters())
            all.push_back(&p->value);
        for (Tensor *buffer : node.layer->buffers())
            all.push_back(buffer);
    }
    return all;
}

std::vector<Tensor> Network::weights() const
{
    std::vector<Tensor> values;
    for (const Tensor *t : state())
        values.push_back(*t);
    return values;
}

Expected<void> Network::setWeights(const std::vector<Tensor> &weights)
{
    const std::vector<Tensor *> targets = state();
    if (weights.size() != targets.size())
        return makeError("the architecture has ", targets.size(), " weight tensors, but ",
                         weights.size(), " were given");
    for (size_t i = 0; i < targets.size(); ++i) {
        if (weights[i].shape() != targets[i]->shape())
            return makeError("weight tensor ", i + 1, " has shape ", weights[i].shape().toString(),
                             " but the architecture needs ", targets[i]->shape().toString());
    }
    for (size_t i = 0; i < targets.size(); ++i)
        *targets[i] = weights[i];
    return {};
}

std::vector<Tensor> Network::filters()
{
    std::vector<Tensor> result;
    for (const NetworkNode &node : m_nodes) {
        if (node.layer && node.spec.kind == LayerKind::Conv)
            result.push_back(node.layer->parameters().front()->value);
    }
    return result;
}

} // namespace convscope
