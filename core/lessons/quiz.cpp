#include "core/lessons/quiz.h"

#include "core/expected.h"
#include "core/nn/architecture.h"
#include "core/nn/network.h"
#include "core/ops/geometry.h"

#include <algorithm>
#include <cctype>

namespace convscope {

namespace {

std::string grouped(std::int64_t n)
{
    const std::string digits = std::to_string(n < 0 ? -n : n);
    std::string out = n < 0 ? "-" : "";
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::string shapeText(const std::vector<std::int64_t> &sizes)
{
    std::string text;
    for (std::int64_t size : sizes)
        text += (text.empty() ? "" : "×") + std::to_string(size);
    return text;
}

WindowSpec windowOf(const QuizSetting &s)
{
    WindowSpec spec;
    spec.kernelH = spec.kernelW = s.kernel;
    spec.strideH = spec.strideW = s.stride;
    spec.dilationH = spec.dilationW = s.dilation;
    spec.padding = PaddingSpec::uniform(s.padding);
    spec.ceilMode = s.ceilMode;
    return spec;
}

std::string convSpec(const QuizSetting &s)
{
    return concat("conv ", s.filters, " ", s.kernel, "x", s.kernel, " stride ", s.stride, " pad ",
                  s.padding, " dilation ", s.dilation, s.bias ? "" : " nobias");
}

// The network's table of a one-line spec on the question's input: the same rows `summary`
// prints and the Network page shows.
ArchitectureTable tableOf(const std::string &spec, const Shape &input)
{
    return tabulate(*parseArchitecture(spec), input, 0);
}

std::string windowWords(const QuizSetting &s)
{
    std::string words = concat("stride ", s.stride);
    if (s.padding > 0)
        words += concat(", zero padding ", s.padding);
    if (s.dilation > 1)
        words += concat(", dilation ", s.dilation);
    return words;
}

std::string layerWords(const QuizLayer &layer)
{
    return concat(layer.pool ? "max pool " : "conv ", layer.kernel, "×", layer.kernel, " (stride ",
                  layer.stride, layer.dilation > 1 ? concat(", dilation ", layer.dilation) : "",
                  ")");
}

} // namespace

QuizSetting QuizSetting::window(int channels, int height, int width, int filters, int kernel,
                                int stride, int padding)
{
    QuizSetting s;
    s.channels = channels;
    s.height = height;
    s.width = width;
    s.filters = filters;
    s.kernel = kernel;
    s.stride = stride;
    s.padding = padding;
    return s;
}

std::string questionKindName(QuestionKind kind)
{
    switch (kind) {
    case QuestionKind::OutputSize:
        return "output size";
    case QuestionKind::Parameters:
        return "parameters";
    case QuestionKind::MultiplyAdds:
        return "multiply-adds";
    case QuestionKind::ReceptiveField:
        return "receptive field";
    case QuestionKind::PooledSize:
        return "pooled size";
    }
    return "question";
}

Question makeQuestion(QuestionKind kind, const QuizSetting &s)
{
    Question q;
    q.kind = kind;
    q.setting = s;
    const Shape input{1, s.channels, s.height, s.width};
    const std::string inputText = input.imageString();
    switch (kind) {
    case QuestionKind::OutputSize:
    case QuestionKind::MultiplyAdds: {
        const Geometry g = *resolveGeometry(s.height, s.width, windowOf(s));
        const ArchitectureTable table = tableOf(convSpec(s), input);
        q.answer = {s.filters, g.h.output, g.w.output};
        q.derivation = deriveOutputSize(s.height, s.width, windowOf(s));
        q.derivation.push_back(
            concat("C_out = ", s.filters, ": one channel per filter, each filter ", s.kernel, "×",
                   s.kernel, "×", s.channels, " spanning all the input's channels"));
        if (kind == QuestionKind::OutputSize) {
            q.text = concat(s.filters == 1 ? "One filter" : concat(s.filters, " filters"), " of ",
                            s.kernel, "×", s.kernel, "×", s.channels, " slide over a ", inputText,
                            " input with ", windowWords(s), ". What is the output's size?");
            q.format = "C×H×W";
            q.answerText = shapeText(q.answer);
            break;
        }
        const std::int64_t macs = table.multiplyAdds();
        q.text = concat("A convolution with ",
                        s.filters == 1 ? "one filter" : concat(s.filters, " filters"), " of ",
                        s.kernel, "×", s.kernel, " runs over a ", inputText, " input with ",
                        windowWords(s), ". How many multiply-adds does it take for one image?");
        q.format = "a number";
        q.answer = {macs};
        q.answerText = grouped(macs);
        q.derivation.push_back(
            concat("each output value is a dot product of C_in·K_h·K_w = ", s.channels, "·",
                   s.kernel, "·", s.kernel, " = ",
                   grouped(std::int64_t(s.channels) * s.kernel * s.kernel), " multiply-adds"));
        q.derivation.push_back(concat("C_out·H_out·W_out·C_in·K_h·K_w = ", s.filters, "·",
                                      g.h.output, "·", g.w.output, "·", s.channels, "·", s.kernel,
                                      "·", s.kernel, " = ", grouped(macs)));
        break;
    }
    case QuestionKind::Parameters: {
        q.format = "a number";
        if (s.dense) {
            const std::int64_t count = tableOf(concat("flatten | dense ", s.filters),
                                               Shape{1, 1, 1, s.height})
                                           .parameters();
            q.text = concat("A dense layer maps ", grouped(s.height), " inputs to ",
                            grouped(s.filters),
                            " outputs, each with a bias. How many parameters does it learn?");
            q.answer = {count};
            q.derivation = {concat("one weight for every input of every output, and a bias per "
                                   "output: in·out + out = ",
                                   grouped(s.height), "·", grouped(s.filters), " + ",
                                   grouped(s.filters), " = ", grouped(count))};
        } else {
            const std::int64_t count = tableOf(convSpec(s), input).parameters();
            const std::int64_t perFilter = std::int64_t(s.channels) * s.kernel * s.kernel;
            q.text = concat("A convolutional layer has ", s.filters, " filters of ", s.kernel, "×",
                            s.kernel, " on a ", s.channels, "-channel input, ",
                            s.bias ? "each with a bias" : "without biases",
                            ". How many parameters does it learn?");
            q.answer = {count};
            q.derivation = {"the input's height and width do not matter: the filters are shared "
                            "across the image",
                            concat("each filter has C_in·K_h·K_w = ", s.channels, "·", s.kernel,
                                   "·", s.kernel, " = ", grouped(perFilter), " weights",
                                   s.bias ? " and one bias" : ""),
                            s.bias ? concat("F·(C_in·K_h·K_w + 1) = ", s.filters, "·(",
                                            grouped(perFilter), " + 1) = ", grouped(count))
                                   : concat("F·C_in·K_h·K_w = ", s.filters, "·", grouped(perFilter),
                                            " = ", grouped(count))};
        }
        q.answerText = grouped(q.answer.front());
        break;
    }
    case QuestionKind::ReceptiveField: {
        std::string spec;
        std::string words;
        for (const QuizLayer &layer : s.stack) {
            spec += (spec.empty() ? "" : " | ")
                    + (layer.pool ? concat("maxpool ", layer.kernel, " stride ", layer.stride)
                                  : concat("conv 1 ", layer.kernel, "x", layer.kernel, " stride ",
                                           layer.stride, " dilation ", layer.dilation));
            words += (words.empty() ? "" : ", then ") + layerWords(layer);
        }
        const ArchitectureTable table = tableOf(spec, input);
        int size = 1;
        int jump = 1;
        q.derivation.push_back("start from one input pixel: r₀ = 1, jump j₀ = 1");
        for (size_t i = 0; i < s.stack.size(); ++i) {
            const QuizLayer &layer = s.stack[i];
            const int grown = size + layer.dilation * (layer.kernel - 1) * jump;
            q.derivation.push_back(concat("layer ", i + 1, ", ", layerWords(layer), ": r", i + 1,
                                          " = r", i, " + D·(K−1)·j", i, " = ", size, " + ",
                                          layer.dilation, "·", layer.kernel - 1, "·", jump, " = ",
                                          grown, ", j", i + 1, " = j", i, "·S = ", jump, "·",
                                          layer.stride, " = ", jump * layer.stride));
            size = grown;
            jump *= layer.stride;
        }
        const int field = table.rows.back().field.h.size;
        q.text = concat("Layer by layer: ", words,
                        ". How many input pixels wide is the receptive field of one unit of the "
                        "last layer?");
        q.format = "a number";
        q.answer = {field};
        q.answerText = std::to_string(field);
        break;
    }
    case QuestionKind::PooledSize: {
        const Geometry g = *resolveGeometry(s.height, s.width, windowOf(s));
        q.text = concat("A ", inputText, " feature map is max-pooled with a ", s.kernel, "×",
                        s.kernel, " window, ", windowWords(s),
                        s.ceilMode ? " and ceil_mode on (as GoogLeNet does)" : "",
                        ". What is the output's size?");
        q.format = "C×H×W";
        q.answer = {s.channels, g.h.output, g.w.output};
        q.answerText = shapeText(q.answer);
        q.derivation = deriveOutputSize(s.height, s.width, windowOf(s));
        q.derivation.push_back(concat("pooling works on each channel alone: C stays ", s.channels));
        break;
    }
    }
    return q;
}

QuizGenerator::QuizGenerator(std::uint64_t seed, std::vector<QuestionKind> kinds)
    : m_state(seed)
    , m_kinds(kinds.empty()
                  ? std::vector<QuestionKind>(std::begin(kQuestionKinds), std::end(kQuestionKinds))
                  : std::move(kinds))
{}

// splitmix64, and rejection so that every value is equally likely: the same questions from a
// seed on every machine and library.
std::uint64_t QuizGenerator::draw(std::uint64_t bound)
{
    const std::uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
        if (z >= threshold)
            return z % bound;
    }
}

int QuizGenerator::pick(std::initializer_list<int> values)
{
    return values.begin()[draw(values.size())];
}

Question QuizGenerator::next()
{
    ++m_asked;
    switch (m_kinds[draw(m_kinds.size())]) {
    case QuestionKind::OutputSize:
        return outputSize();
    case QuestionKind::Parameters:
        return parameters();
    case QuestionKind::MultiplyAdds:
        return multiplyAdds();
    case QuestionKind::ReceptiveField:
        return receptiveField();
    case QuestionKind::PooledSize:
        return pooledSize();
    }
    return outputSize();
}

// The lectures' own layers one time in five: LeNet-5's, AlexNet's, VGG's, ResNet's stem and
// the pop quiz's 5×5×3 kernel on three 10×10 channels.
Question QuizGenerator::outputSize()
{
    QuizSetting s;
    if (draw(5) == 0) {
        const QuizSetting classics[] = {QuizSetting::window(1, 32, 32, 6, 5, 1, 0),
                                        QuizSetting::window(1, 28, 28, 6, 5, 1, 2),
                                        QuizSetting::window(3, 227, 227, 96, 11, 4, 0),
                                        QuizSetting::window(64, 224, 224, 64, 3, 1, 1),
                                        QuizSetting::window(3, 224, 224, 64, 7, 2, 3),
                                        QuizSetting::window(3, 10, 10, 1, 5, 1, 0),
                                        QuizSetting::window(3, 10, 10, 1, 5, 1, 2),
                                        QuizSetting::window(3, 32, 32, 32, 5, 1, 2)};
        return makeQuestion(QuestionKind::OutputSize, classics[draw(std::size(classics))]);
    }
    for (;;) {
        s.channels = pick({1, 3, 3, 8, 16, 32, 64});
        s.height = draw(10) < 7 ? 5 + int(draw(28)) : pick({28, 32, 56, 64, 112, 224, 227});
        s.width = draw(20) < 17 ? s.height : 5 + int(draw(28));
        s.kernel = pick({1, 3, 3, 3, 5, 5, 7, 11});
        s.stride = pick({1, 1, 1, 2, 2, 3, 4});
        s.padding = draw(2) == 0 ? 0 : int(draw(std::uint64_t(s.kernel / 2 + 1)));
        s.dilation = draw(7) == 0 ? 2 : 1;
        s.filters = pick({1, 4, 6, 8, 16, 32, 64, 96, 128});
        if (resolveGeometry(s.height, s.width, windowOf(s)))
            return makeQuestion(QuestionKind::OutputSize, s);
    }
}

Question QuizGenerator::parameters()
{
    QuizSetting s;
    if (draw(4) == 0) {
        s.dense = true;
        s.height = pick({784, 400, 120, 84, 4096, 9216, 25088, 512, 2048, 1024});
        s.filters = pick({10, 84, 120, 256, 500, 1000, 4096});
        return makeQuestion(QuestionKind::Parameters, s);
    }
    s.channels = pick({1, 3, 6, 16, 32, 64, 128, 256});
    s.filters = pick({6, 16, 32, 64, 96, 128, 256, 512});
    s.kernel = pick({1, 3, 3, 5, 7, 11});
    s.bias = draw(5) != 0;
    s.height = s.width = std::max(s.kernel, 32);
    return makeQuestion(QuestionKind::Parameters, s);
}

Question QuizGenerator::multiplyAdds()
{
    QuizSetting s;
    for (;;) {
        s.channels = pick({1, 3, 6, 16});
        s.height = s.width = 5 + int(draw(28));
        s.kernel = pick({1, 3, 3, 5});
        s.stride = pick({1, 1, 2});
        s.padding = draw(2) == 0 ? 0 : int(draw(std::uint64_t(s.kernel / 2 + 1)));
        s.filters = pick({1, 2, 4, 6, 8, 16});
        if (resolveGeometry(s.height, s.width, windowOf(s)))
            return makeQuestion(QuestionKind::MultiplyAdds, s);
    }
}

Question QuizGenerator::receptiveField()
{
    QuizSetting s;
    s.height = s.width = 512; // room for any stack drawn here: the field is not cut by the image
    const int layers = 2 + int(draw(3));
    for (int i = 0; i < layers; ++i) {
        QuizLayer layer;
        layer.pool = i > 0 && draw(10) < 3;
        if (layer.pool) {
            layer.kernel = pick({2, 2, 3});
            layer.stride = 2;
        } else {
            layer.kernel = pick({3, 3, 3, 5, 7});
            layer.stride = pick({1, 1, 1, 2});
            layer.dilation = draw(10) == 0 ? 2 : 1;
        }
        s.stack.push_back(layer);
    }
    return makeQuestion(QuestionKind::ReceptiveField, s);
}

Question QuizGenerator::pooledSize()
{
    QuizSetting s;
    for (;;) {
        s.channels = pick({1, 6, 16, 32, 64, 96, 256});
        s.height = s.width = draw(2) == 0 ? 4 + int(draw(61))
                                          : pick({224, 112, 55, 27, 13, 28, 14});
        s.kernel = pick({2, 2, 2, 3, 3});
        s.stride = draw(5) < 3 ? s.kernel : pick({1, 2});
        s.padding = draw(5) == 0 ? s.kernel / 2 : 0;
        s.ceilMode = draw(5) == 0;
        if (resolveGeometry(s.height, s.width, windowOf(s)))
            return makeQuestion(QuestionKind::PooledSize, s);
    }
}

Marking markAnswer(const Question &question, const std::string &typed)
{
    // Numbers, with a comma before three digits read as a thousands separator ("34,944"), any
    // other character as a separator ("6x28x28", "6 × 28 × 28", "6, 28, 28").
    std::vector<std::int64_t> numbers;
    std::string digits;
    const auto flush = [&] {
        if (!digits.empty())
            numbers.push_back(digits.size() > 15 ? -1 : std::stoll(digits));
        digits.clear();
    };
    for (size_t i = 0; i < typed.size(); ++i) {
        const char c = typed[i];
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
        } else if (c == ',' && !digits.empty() && i + 3 < typed.size()
                   && std::isdigit(static_cast<unsigned char>(typed[i + 1]))
                   && std::isdigit(static_cast<unsigned char>(typed[i + 2]))
                   && std::isdigit(static_cast<unsigned char>(typed[i + 3]))
                   && (i + 4 >= typed.size()
                       || !std::isdigit(static_cast<unsigned char>(typed[i + 4])))) {
            continue;
        } else {
            flush();
        }
    }
    flush();
    const std::vector<std::int64_t> &answer = question.answer;
    if (numbers == answer)
        return {Verdict::Right, concat("Right: ", question.answerText, ".")};
    if (answer.size() == 3 && numbers.size() == 2 && numbers[0] == answer[1]
        && numbers[1] == answer[2])
        return {Verdict::Unreadable, concat("The height and width ", numbers[0], "×", numbers[1],
                                            " are right: write the channels too, C×H×W.")};
    if (numbers.size() != answer.size())
        return {Verdict::Unreadable, answer.size() == 3 ? "Type three numbers, C×H×W, e.g. 3×32×32."
                                                        : "Type one number, e.g. 1,216."};
    return {Verdict::Wrong, concat("Not quite: the answer is ", question.answerText, ".")};
}

} // namespace convscope
