#include "core/lessons/inspection.h"

#include "core/nn/loss.h"

#include <algorithm>
#include <chrono>
#include <numeric>

namespace convscope {

std::vector<Prediction> topClasses(const Tensor &logits, const std::vector<std::string> &labels,
                                   int top)
{
    const int classes = int(logits.size());
    std::vector<float> p(static_cast<size_t>(classes));
    softmax(logits.data(), classes, p.data());
    std::vector<int> order(static_cast<size_t>(classes));
    std::iota(order.begin(), order.end(), 0);
    const int count = std::clamp(top, 0, classes);
    std::partial_sort(order.begin(), order.begin() + count, order.end(),
                      [&](int a, int b) { return p[size_t(a)] > p[size_t(b)]; });
    std::vector<Prediction> best;
    for (int i = 0; i < count; ++i) {
        const int k = order[size_t(i)];
        best.push_back({k, p[size_t(k)],
                        int(labels.size()) == classes ? labels[size_t(k)] : std::to_string(k)});
    }
    return best;
}

Expected<Inspection> inspectPicture(Network &network, const Tensor &picture,
                                    const InputRecipe &recipe,
                                    const std::vector<std::string> &labels, int top)
{
    Expected<Tensor> fitted = fitPicture(picture, network.inputShape(), recipe);
    if (!fitted)
        return fitted.error();
    Inspection result;
    result.fitted = std::move(*fitted);
    const Tensor input = normalizePicture(result.fitted, recipe);
    const auto start = std::chrono::steady_clock::now();
    const Tensor &output = network.forward(input, Mode::Inference);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.rows = network.describe();
    // Activation 0 is the input; row i's output is activation i + 1.
    const std::vector<Tensor> &activations = network.activations();
    result.maps.assign(activations.begin() + 1, activations.begin() + 1 + result.rows.size());
    if (network.classes() > 0)
        result.top = topClasses(output, labels, top);
    const std::vector<Tensor> filters = network.filters();
    if (!filters.empty()) {
        result.firstFilters = filters.front();
        const auto conv = std::find_if(result.rows.begin(), result.rows.end(),
                                       [](const LayerDescription &row) {
                                           return row.name.rfind("conv", 0) == 0;
                                       });
        if (conv != result.rows.end())
            result.firstConv = conv->name;
    }
    return result;
}

} // namespace convscope
