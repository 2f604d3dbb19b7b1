#include "core/explorer/pool_shift.h"

#include <algorithm>

namespace convscope {

namespace {

Tensor negated(const Tensor &input)
{
    Tensor result(input.shape());
    std::transform(input.values().begin(), input.values().end(), result.values().begin(),
                   [](float v) { return -v; });
    return result;
}

// A window holds something when its values spread over more than this share of the whole
// input's range: a feature map's background is seldom exactly flat, and its noise is no edge.
constexpr float kContentShare = 0.01f;

// 1 where the window of a pooled value holds something: its max and min differ by more than
// kContentShare of the input's range.
std::vector<std::uint8_t> varied(const Pool2dPlan &maxPlan, const Tensor &input)
{
    const Tensor highest = pool2d(maxPlan, input).output;
    const Tensor lowest = pool2d(maxPlan, negated(input)).output;
    const auto [low, high] = std::minmax_element(input.values().begin(), input.values().end());
    const float floor = input.size() ? kContentShare * (*high - *low) : 0.0f;
    std::vector<std::uint8_t> result(size_t(highest.size()));
    for (size_t i = 0; i < result.size(); ++i)
        result[i] = highest.values()[i] + lowest.values()[i] > floor;
    return result;
}

std::int64_t unchangedWhere(const std::vector<std::uint8_t> &content, const Tensor &before,
                            const Tensor &after)
{
    std::int64_t count = 0;
    for (size_t i = 0; i < content.size(); ++i)
        count += content[i] && before.values()[i] == after.values()[i];
    return count;
}

} // namespace

Tensor shiftedRight(const Tensor &input)
{
    const Shape &s = input.shape();
    Tensor shifted(s);
    for (int n = 0; n < s.n; ++n) {
        for (int c = 0; c < s.c; ++c) {
            for (int y = 0; y < s.h; ++y) {
                const float *from = input.plane(n, c) + std::int64_t(y) * s.w;
                float *to = shifted.plane(n, c) + std::int64_t(y) * s.w;
                to[0] = from[0];
                std::copy(from, from + s.w - 1, to + 1);
            }
        }
    }
    return shifted;
}

Expected<ShiftComparison> compareShift(const Tensor &input, const PoolOptions &options)
{
    Expected<Pool2dPlan> plan = planPool2d(input.shape(), options);
    if (!plan)
        return plan.error();
    PoolOptions other = options;
    other.type = options.type == PoolType::Max ? PoolType::Average : PoolType::Max;
    PoolOptions max = options;
    max.type = PoolType::Max;
    const Pool2dPlan otherPlan = *planPool2d(input.shape(), other);
    const Pool2dPlan maxPlan = *planPool2d(input.shape(), max);

    const Tensor shifted = shiftedRight(input);
    ShiftComparison result;
    result.before = pool2d(*plan, input).output;
    result.after = pool2d(*plan, shifted).output;
    result.windows = result.before.size();
    const std::vector<std::uint8_t> before = varied(maxPlan, input);
    const std::vector<std::uint8_t> after = varied(maxPlan, shifted);
    result.content.resize(before.size());
    result.unchanged.resize(before.size());
    for (size_t i = 0; i < before.size(); ++i) {
        result.content[i] = before[i] || after[i];
        result.unchanged[i] = result.before.values()[i] == result.after.values()[i];
        result.withContent += result.content[i];
    }
    result.unchangedWithContent = unchangedWhere(result.content, result.before, result.after);
    result.otherUnchangedWithContent = unchangedWhere(result.content,
                                                      pool2d(otherPlan, input).output,
                                                      pool2d(otherPlan, shifted).output);
    return result;
}

} // namespace convscope
