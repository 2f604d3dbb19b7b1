#pragma once

#include "core/expected.h"
#include "core/nn/architecture.h"
#include "core/nn/layer.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace convscope {

// What one unit of a layer sees of the input along one axis: its field's size in input
// pixels, the jump between neighbouring units' fields, and where unit 0's field starts
// (negative inside the padding). Composed layer by layer: a window of effective size
// K' = D·(K−1) + 1, stride S and leading padding P gives size + (K'−1)·jump, jump·S and
// start − P·jump (README, "Receptive field").
struct FieldAxis
{
    std::int64_t size = 1;
    std::int64_t jump = 1;
    std::int64_t start = 0;
    bool operator==(const FieldAxis &) const = default;
};

struct ReceptiveSpan
{
    FieldAxis h;
    FieldAxis w;
    bool operator==(const ReceptiveSpan &) const = default;
};

// One row of the architecture table: a layer, or the end of a block (a residual's sum, a
// concatenation), which comes after the block's own layers.
struct LayerDescription
{
    std::string name; // "conv1", "relu2", "maxpool1", "dense3", "residual1": kind and ordinal
    std::string spec; // "conv 6 5x5 pad 2"; for a block, what it joins: "identity + layers"
    Shape output;     // per image (n = 1)
    std::int64_t parameters = 0;
    std::int64_t multiplyAdds = 0; // per image
    int depth = 0;                 // 0 at the top level, 1 inside a block, 2 inside a nested one
    int topLayer = 0;              // the top-level layer (or block) the row belongs to
    std::string path;              // inside a block: "residual1 › shortcut"; empty at the top
    bool block = false;            // the row that ends a block
    ReceptiveSpan field;           // of one of its units on the network's input
};

// Every layer's row as far as the shapes hold, for a table that the user edits: the rows
// before a bad layer keep their figures.
struct ArchitectureTable
{
    std::vector<LayerDescription> rows; // the layers up to the first bad one
    int badLayer = -1;                  // the top-level layer (or block) that is bad, or -1
    std::string error;                  // why the network cannot be built; empty when it can

    std::int64_t parameters() const;
    std::int64_t multiplyAdds() const;
    // One row per layer of the spec's top level, a block's with the parameters and
    // multiply-adds of the layers inside it: what a table of the spec's layers shows.
    std::vector<LayerDescription> topLevelRows() const;
};

// classes 0 describes a network whatever it ends with.
ArchitectureTable tabulate(const Architecture &architecture, const Shape &input, int classes = 10);

// The lecture's comparison for summary: every stage of the network (a conv or a block with
// the activations, batch norms and pools after it) replaced by one dense layer as large as the
// stage's output, with a ReLU; dense layers kept; the last one gives `classes` values.
Architecture mlpOfStages(const Architecture &architecture, const Shape &input, int classes);
// The parameters of a multilayer perceptron (its dense layers) on `inputs` values, counted
// without building it: an MLP counterpart can be far over what a network may allocate.
std::int64_t mlpParameterCount(const Architecture &mlp, std::int64_t inputs);

// The most parameters a network built here may have: 200 MB of weights, and with gradients and
// Adam's two moments 800 MB to train, on the 24 GB machines of a class. Describing a network
// (tabulate) has no limit: it makes no weights.
constexpr std::int64_t kMaxTrainableParameters = 50'000'000;
// A model read to look into, not to train (an imported VGG-16 has 138 M): 600 MB of weights.
constexpr std::int64_t kMaxInspectedParameters = 150'000'000;

// The operation of a node of a network's graph: a layer, a residual's sum, a concatenation.
enum class NodeOp { Layer, Add, Concat };

struct NetworkNode
{
    NodeOp op = NodeOp::Layer;
    std::unique_ptr<Layer> layer; // for NodeOp::Layer
    LayerSpec spec;               // of the layer; of the block for Add and Concat
    std::vector<int> inputs;      // values: 0 the network's input, i + 1 the output of node i
};

// Layers, and the residual and concat blocks among them, as a graph of nodes in the order
// they run; validated once for one per-image input shape.
class Network
{
public:
    // Checks every layer's shapes in order, blocks included, and reports the first bad one with
    // its place and numbers; the last layer must give one value per class. With classes 0 it
    // may end anywhere: a stack of feature maps, whose units' receptive fields are drawn.
    static Expected<Network> create(const Architecture &architecture, const Shape &input,
                                    int classes = 10,
                                    std::int64_t maxParameters = kMaxTrainableParameters);

    Network(Network &&) noexcept;
    Network &operator=(Network &&) noexcept;
    ~Network();

    const Architecture &architecture() const { return m_architecture; }
    const Shape &inputShape() const { return m_input; }
    int classes() const { return m_classes; }
    const std::vector<LayerDescription> &describe() const { return m_descriptions; }
    std::int64_t parameterCount() const;
    std::int64_t multiplyAdds() const;
    // The values of the input and of every layer's output, per image: what a batch keeps.
    std::int64_t valuesPerImage() const;

    // Fresh weights: He before a ReLU, Xavier elsewhere; biases 0; dropout streams seeded.
    void initialize(std::uint64_t seed);

    // Logits N×classes×1×1 of an N×C×H×W batch. Every intermediate tensor stays available in
    // activations() until the next call.
    const Tensor &forward(const Tensor &input, Mode mode);
    // The logits of forward(input, Mode::Inference), bit for bit, faster: the values on the way
    // share a few buffers, each reused as soon as its value has been read for the last time.
    // activations() is left empty, and the logits stay until the next call.
    const Tensor &infer(const Tensor &input);
    // From dL/d(logits) of the last forward pass: every parameter's gradient.
    void backward(const Tensor &gradLogits);
    // From dL/d(output of row) of the last forward pass: dL/d(input), for saliency and the
    // effective receptive field. The parameters' gradients are overwritten on the way.
    const Tensor &inputGradient(int row, const Tensor &gradRow);
    // After inputGradient: dL/d(output of a row on the way), for Grad-CAM; zeros for a row the
    // gradient did not reach.
    Tensor gradientAt(int row) const;

    // activations()[0] is the input, activations()[i + 1] the output of node i (row i).
    const std::vector<Tensor> &activations() const { return m_activations; }
    std::vector<Parameter *> parameters();
    // Every parameter's values and every buffer (batch norm's running statistics), layer by
    // layer: what a model file, a snapshot and the last good weights hold.
    std::vector<Tensor> weights() const;
    Expected<void> setWeights(const std::vector<Tensor> &weights);
    // Every conv layer's weights (K×C×K_h×K_w), first layer first: what the filter views draw.
    std::vector<Tensor> filters();
    // The nodes, one per row of describe().
    const std::vector<NetworkNode> &nodes() const { return m_nodes; }

    // Seconds each node (row) has spent in forward and backward passes since timing was turned
    // on, for bench-train --layers; off, and free, unless asked for.
    struct NodeTimes
    {
        double forward = 0.0;
        double backward = 0.0;
    };
    void timeNodes(bool on);
    const std::vector<NodeTimes> &nodeTimes() const { return m_times; }

private:
    Network() = default;
    // The tensors weights() copies, in its order.
    std::vector<Tensor *> state() const;
    // Where a consumer writes its dL/d(value): the value's own gradient when it is the first (the
    // same buffer every step, no copy), else the scratch.
    Tensor &gradientTarget(int value);
    // dL/d(value) from one consumer, in `written`: kept where it was written in place, else
    // copied if it is the first, else added (into the value's own tensor, if it had shared one).
    void received(int value, const Tensor &written);
    // dL/d(value) from a sum, which passes its dY on unchanged: shared with the sum's output
    // while nothing is added to it, not copied (a residual block's sum sent two copies of 3 MB
    // a step in mini-resnet's first stage).
    void passedOn(int value, int sum);
    void resetGradients();
    const Tensor &gradient(int value) const
    {
        return m_gradients[size_t(m_gradientOf[size_t(value)])];
    }
    void propagate(size_t lastNode, bool toInput);
    // Node i's output from the values it reads: its forward pass in `mode`, or with none its
    // inference alone (Layer::infer).
    void runNode(size_t i, const std::vector<const Tensor *> &values, Tensor &out,
                 std::optional<Mode> mode);
    void planSlots();

    Architecture m_architecture;
    Shape m_input;
    int m_classes = 0;
    std::vector<NetworkNode> m_nodes;
    std::vector<LayerDescription> m_descriptions;
    std::vector<Tensor> m_activations; // per value, as nodes' inputs number them
    std::vector<Tensor> m_gradients;   // dL/d(value), during backward()
    std::vector<int> m_gradientOf;     // which of m_gradients holds dL/d(value): see passedOn
    std::vector<char> m_hasGradient;
    Tensor m_scratch;
    std::vector<NodeTimes> m_times; // empty unless timeNodes(true)
    std::vector<int> m_slotOf;      // infer()'s buffer of each value but the input, once planned
    std::vector<Tensor> m_slots;
};

} // namespace convscope
