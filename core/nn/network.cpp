#include "core/nn/network.h"

#include "core/file_io.h"

#include <map>

namespace convscope {

Network::Network(Network &&) noexcept = default;
Network &Network::operator=(Network &&) noexcept = default;
Network::~Network() = default;

namespace {

struct ConfiguredLayer
{
    std::unique_ptr<Layer> layer;
    LayerDescription row;
};

// Builds layer `index` of an architecture on its input shape and names it by kind and ordinal.
Expected<ConfiguredLayer> configureLayer(const Architecture &architecture, size_t index,
                                         const Shape &shape, std::map<std::string, int> &ordinals)
{
    const LayerSpec &spec = architecture.layers[index];
    std::unique_ptr<Layer> layer = makeLayer(spec);
    const std::string kind(spec.kindName());
    const std::string name = kind + std::to_string(++ordinals[kind]);
    Expected<Shape> output = layer->configure(shape);
    if (!output)
        return makeError("layer ", index + 1, " '", spec.toString(), "' (", name, ") on its input ",
                         shape.imageString(), ": ", output.error().message);
    LayerDescription row{name, spec.toString(), *output, layer->parameterCount(),
                         layer->multiplyAdds()};
    return ConfiguredLayer{std::move(layer), std::move(row)};
}

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

} // namespace

ArchitectureTable tabulate(const Architecture &architecture, const Shape &input, int classes)
{
    ArchitectureTable table;
    std::map<std::string, int> ordinals;
    Shape shape{1, input.c, input.h, input.w};
    for (size_t i = 0; i < architecture.layers.size(); ++i) {
        Expected<ConfiguredLayer> layer = configureLayer(architecture, i, shape, ordinals);
        if (!layer) {
            table.badLayer = int(i);
            table.error = layer.error().message;
            return table;
        }
        table.rows.push_back(layer->row);
        shape = layer->row.output;
    }
    if (architecture.layers.empty())
        table.error = concat("the network has no layers: pick a preset or add layers ending with ",
                             "'dense ", classes, "'");
    else if (Expected<void> end = checkEnd(shape, classes); !end)
        table.error = end.error().message;
    return table;
}

std::int64_t ArchitectureTable::parameters() const
{
    return sumOf(rows, &LayerDescription::parameters);
}

std::int64_t ArchitectureTable::multiplyAdds() const
{
    return sumOf(rows, &LayerDescription::multiplyAdds);
}

Expected<Network> Network::create(const Architecture &architecture, const Shape &input, int classes)
{
    Network network;
    network.m_architecture = architecture;
    network.m_input = {1, input.c, input.h, input.w};
    network.m_classes = classes;
    std::map<std::string, int> ordinals;
    Shape shape = network.m_input;
    for (size_t i = 0; i < architecture.layers.size(); ++i) {
        Expected<ConfiguredLayer> layer = configureLayer(architecture, i, shape, ordinals);
        if (!layer)
            return layer.error();
        shape = layer->row.output;
        network.m_descriptions.push_back(std::move(layer->row));
        network.m_layers.push_back(std::move(layer->layer));
    }
    if (Expected<void> end = checkEnd(shape, classes); !end)
        return end.error();
    // Sound and small enough: only now do the weights exist.
    const std::int64_t parameters = network.parameterCount();
    if (parameters > kMaxTrainableParameters)
        return makeError("the network has ", parameters, " parameters (",
                         formatBytes(parameters * std::int64_t(sizeof(float))),
                         " of weights, four times that to train); ConvScope builds networks of "
                         "up to ",
                         kMaxTrainableParameters,
                         " parameters: use fewer units or filters, or "
                         "pool the input down first");
    for (const std::unique_ptr<Layer> &layer : network.m_layers)
        layer->allocate();
    network.m_activations.resize(network.m_layers.size() + 1);
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
    std::mt19937_64 rng(seed);
    const std::vector<LayerSpec> &specs = m_architecture.layers;
    for (size_t i = 0; i < m_layers.size(); ++i) {
        // The activation that follows, past a batch norm (conv | batchnorm | relu): He before
        // a ReLU, as torchvision's ResNet initialises.
        size_t next = i + 1;
        while (next < specs.size() && specs[next].kind == LayerKind::BatchNorm)
            ++next;
        const bool beforeRelu = next < specs.size() && specs[next].kind == LayerKind::Activation
                                && (specs[next].activation == Activation::Relu
                                    || specs[next].activation == Activation::LeakyRelu);
        m_layers[i]->initialize(rng, beforeRelu ? InitScheme::He : InitScheme::Xavier);
    }
}

const Tensor &Network::forward(const Tensor &input, Mode mode)
{
    m_activations[0] = input;
    for (size_t i = 0; i < m_layers.size(); ++i)
        m_layers[i]->forward(m_activations[i], m_activations[i + 1], mode);
    return m_activations.back();
}

void Network::backward(const Tensor &gradLogits)
{
    const Tensor *gradOutput = &gradLogits;
    for (size_t i = m_layers.size(); i-- > 0;) {
        Tensor *gradInput = i == 0 ? nullptr : &m_gradient[i % 2];
        m_layers[i]->backward(m_activations[i], m_activations[i + 1], *gradOutput, gradInput);
        gradOutput = gradInput;
    }
}

std::vector<Parameter *> Network::parameters()
{
    std::vector<Parameter *> all;
    for (const std::unique_ptr<Layer> &layer : m_layers) {
        for (Parameter *p : layer->parameters())
            all.push_back(p);
    }
    return all;
}

std::vector<Tensor *> Network::state() const
{
    std::vector<Tensor *> all;
    for (const std::unique_ptr<Layer> &layer : m_layers) {
        for (Parameter *p : layer->parameters())
            all.push_back(&p->value);
        for (Tensor *buffer : layer->buffers())
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
    for (size_t i = 0; i < m_layers.size(); ++i) {
        if (m_architecture.layers[i].kind == LayerKind::Conv)
            result.push_back(m_layers[i]->parameters().front()->value);
    }
    return result;
}

} // namespace convscope
