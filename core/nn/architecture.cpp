#include "core/nn/architecture.h"

#include "core/nn/layers.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace convscope {

namespace {

std::vector<std::string> words(std::string_view text)
{
    std::istringstream in{std::string(text)};
    std::vector<std::string> result;
    for (std::string word; in >> word;)
        result.push_back(word);
    return result;
}

std::string trimmed(std::string_view text)
{
    const size_t begin = text.find_first_not_of(" \t\r\n\f\v");
    if (begin == std::string_view::npos)
        return {};
    return std::string(text.substr(begin, text.find_last_not_of(" \t\r\n\f\v") - begin + 1));
}

Expected<int> parseInt(const std::string &word, const char *what)
{
    int value = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (ec != std::errc() || end != word.data() + word.size())
        return makeError(what, " '", word, "' is not a whole number");
    return value;
}

Expected<float> parseFloat(const std::string &word, const char *what)
{
    float value = 0.0f;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (ec != std::errc() || end != word.data() + word.size() || !std::isfinite(value))
        return makeError(what, " '", word, "' is not a number");
    return value;
}

// The numbers of "N", "NxM" (also "N×M") or "A,B,C,D".
Expected<std::vector<int>> parseInts(const std::string &word, const char *what)
{
    const std::string_view times = "×";
    std::string separated;
    for (size_t i = 0; i < word.size(); ++i) {
        if (word.compare(i, times.size(), times) == 0) {
            separated += ',';
            i += times.size() - 1;
            continue;
        }
        separated += word[i] == 'x' || word[i] == 'X' ? ',' : word[i];
    }
    std::vector<int> values;
    std::istringstream in(separated);
    for (std::string part; std::getline(in, part, ',');) {
        Expected<int> v = parseInt(part, what);
        if (!v)
            return v.error();
        values.push_back(*v);
    }
    if (values.empty())
        return makeError(what, " is missing");
    return values;
}

Expected<std::pair<int, int>> parsePairWord(const std::string &word, const char *what)
{
    Expected<std::vector<int>> v = parseInts(word, what);
    if (!v)
        return v.error();
    if (v->size() > 2)
        return makeError(what, " '", word, "' has more than two numbers: write N or NxM");
    return std::pair{v->front(), v->back()};
}

Expected<PaddingSpec> parsePaddingWord(const std::string &word)
{
    if (word == "valid")
        return PaddingSpec::mode(PaddingKind::Valid);
    if (word == "same")
        return PaddingSpec::mode(PaddingKind::Same);
    if (word == "full")
        return PaddingSpec::mode(PaddingKind::Full);
    Expected<std::vector<int>> v = parseInts(word, "padding");
    if (!v)
        return v.error();
    if (v->size() == 1)
        return PaddingSpec::uniform(v->at(0));
    if (v->size() == 2)
        return PaddingSpec::perAxis(v->at(0), v->at(1));
    if (v->size() == 4)
        return PaddingSpec::perSide({v->at(0), v->at(1), v->at(2), v->at(3)});
    return makeError("padding '", word, "' must be P, PHxPW, T,B,L,R, valid, same or full");
}

// Reads "name value" options after the layer's leading words.
class OptionReader
{
public:
    OptionReader(const std::vector<std::string> &w, size_t first)
        : m_words(w)
        , m_next(first)
    {}

    bool done() const { return m_next >= m_words.size(); }
    const std::string &word() { return m_words[m_next++]; }
    Expected<std::string> valueOf(const std::string &option)
    {
        if (done())
            return makeError("'", option, "' needs a value");
        return word();
    }

private:
    const std::vector<std::string> &m_words;
    size_t m_next;
};

Expected<void> parseConvOptions(OptionReader &reader, LayerSpec &spec)
{
    while (!reader.done()) {
        const std::string option = reader.word();
        if (option == "zero" || option == "reflect" || option == "replicate") {
            spec.conv.padMode = option == "zero"      ? PadMode::Zero
                                : option == "reflect" ? PadMode::Reflect
                                                      : PadMode::Replicate;
            continue;
        }
        if (option == "flip") {
            spec.conv.flipKernel = true;
            continue;
        }
        if (option == "nobias") {
            spec.bias = false;
            continue;
        }
        if (option != "stride" && option != "pad" && option != "dilation" && option != "groups")
            return makeError("unknown option '", option,
                             "' (a conv takes stride, pad, dilation, groups, "
                             "zero, reflect, replicate, flip, nobias)");
        Expected<std::string> value = reader.valueOf(option);
        if (!value)
            return value.error();
        if (option == "pad") {
            Expected<PaddingSpec> padding = parsePaddingWord(*value);
            if (!padding)
                return padding.error();
            spec.conv.padding = *padding;
            continue;
        }
        if (option == "groups") {
            Expected<int> groups = parseInt(*value, "groups");
            if (!groups)
                return groups.error();
            if (*groups < 1)
                return makeError("groups ", *groups, ": a convolution has at least 1 group");
            spec.conv.groups = *groups;
            continue;
        }
        Expected<std::pair<int, int>> pair = parsePairWord(*value, option.c_str());
        if (!pair)
            return pair.error();
        if (option == "stride")
            std::tie(spec.conv.strideH, spec.conv.strideW) = *pair;
        else
            std::tie(spec.conv.dilationH, spec.conv.dilationW) = *pair;
    }
    return {};
}

Expected<void> parsePoolOptions(OptionReader &reader, LayerSpec &spec)
{
    while (!reader.done()) {
        const std::string option = reader.word();
        if (option == "ceil") {
            spec.pool.ceilMode = true;
            continue;
        }
        if (option != "stride" && option != "pad")
            return makeError("unknown option '", option, "' (a pool takes stride, pad and ceil)");
        Expected<std::string> value = reader.valueOf(option);
        if (!value)
            return value.error();
        Expected<std::pair<int, int>> pair = parsePairWord(*value, option.c_str());
        if (!pair)
            return pair.error();
        if (option == "stride") {
            spec.pool.strideH = pair->first;
            spec.pool.strideW = pair->second;
        } else {
            std::tie(spec.pool.padH, spec.pool.padW) = *pair;
        }
    }
    return {};
}

Expected<void> expectWords(const std::vector<std::string> &w, size_t least, size_t most,
                           const char *usage)
{
    if (w.size() < least || w.size() > most)
        return makeError("write it as '", usage, "'");
    return {};
}

// One parser per layer kind; w holds the layer's words, the kind's word first.
Expected<LayerSpec> parseConvLayer(const std::vector<std::string> &w)
{
    LayerSpec spec;
    spec.kind = LayerKind::Conv;
    if (w.size() < 3)
        return makeError("write it as 'conv FILTERS KxK [options]', e.g. 'conv 6 5x5 pad 2'");
    Expected<int> filters = parseInt(w[1], "the filter count");
    if (!filters)
        return filters.error();
    Expected<std::pair<int, int>> kernel = parsePairWord(w[2], "kernel size");
    if (!kernel)
        return kernel.error();
    spec.count = *filters;
    std::tie(spec.kernelH, spec.kernelW) = *kernel;
    OptionReader reader(w, 3);
    if (auto ok = parseConvOptions(reader, spec); !ok)
        return ok.error();
    return spec;
}

Expected<LayerSpec> parsePoolLayer(const std::vector<std::string> &w)
{
    LayerSpec spec;
    const std::string &kind = w.front();
    spec.kind = kind == "maxpool" ? LayerKind::MaxPool : LayerKind::AvgPool;
    spec.pool.type = kind == "maxpool" ? PoolType::Max : PoolType::Average;
    if (w.size() < 2)
        return makeError("write it as '", kind, " K [stride S] [pad P] [ceil]', e.g. '", kind,
                         " 2'");
    Expected<std::pair<int, int>> size = parsePairWord(w[1], "pool size");
    if (!size)
        return size.error();
    std::tie(spec.pool.kernelH, spec.pool.kernelW) = *size;
    OptionReader reader(w, 2);
    if (auto ok = parsePoolOptions(reader, spec); !ok)
        return ok.error();
    return spec;
}

Expected<LayerSpec> parseDenseLayer(const std::vector<std::string> &w)
{
    LayerSpec spec;
    spec.kind = LayerKind::Dense;
    if (auto ok = expectWords(w, 2, 3, "dense UNITS [nobias]"); !ok)
        return ok.error();
    if (w.size() == 3 && w[2] != "nobias")
        return makeError("unknown option '", w[2], "' (a dense layer takes nobias)");
    Expected<int> units = parseInt(w[1], "the unit count");
    if (!units)
        return units.error();
    spec.count = *units;
    spec.bias = w.size() == 2;
    return spec;
}

Expected<LayerSpec> parseDropoutLayer(const std::vector<std::string> &w)
{
    LayerSpec spec;
    spec.kind = LayerKind::Dropout;
    if (auto ok = expectWords(w, 2, 2, "dropout P"); !ok)
        return ok.error();
    Expected<float> rate = parseFloat(w[1], "the dropout rate");
    if (!rate)
        return rate.error();
    if (*rate < 0.0f || *rate >= 1.0f)
        return makeError("the dropout rate ", *rate, " must be at least 0 and below 1");
    spec.rate = *rate;
    return spec;
}

Expected<LayerSpec> parseFlattenLayer(const std::vector<std::string> &w)
{
    LayerSpec spec;
    spec.kind = LayerKind::Flatten;
    if (auto ok = expectWords(w, 1, 1, "flatten"); !ok)
        return ok.error();
    return spec;
}

Expected<LayerSpec> parseActivationLayer(const std::vector<std::string> &w)
{
    const std::string &kind = w.front();
    LayerSpec spec;
    spec.kind = LayerKind::Activation;
    spec.activation = parseActivation(kind == "leakyrelu" ? "leaky-relu" : kind).value();
    if (spec.activation != Activation::LeakyRelu) {
        if (w.size() != 1)
            return makeError(kind, " takes no options");
        return spec;
    }
    if (auto ok = expectWords(w, 1, 2, "leakyrelu [SLOPE]"); !ok)
        return ok.error();
    if (w.size() == 2) {
        Expected<float> slope = parseFloat(w[1], "the slope");
        if (!slope)
            return slope.error();
        if (*slope < 0.0f || *slope >= 1.0f)
            return makeError("the leaky ReLU slope ", *slope, " must be at least 0 and below 1");
        spec.slope = *slope;
    }
    return spec;
}

Expected<LayerSpec> parseBatchNormLayer(const std::vector<std::string> &w)
{
    LayerSpec spec;
    spec.kind = LayerKind::BatchNorm;
    OptionReader reader(w, 1);
    while (!reader.done()) {
        const std::string option = reader.word();
        if (option != "eps" && option != "momentum")
            return makeError("unknown option '", option, "' (batchnorm takes eps and momentum)");
        Expected<std::string> value = reader.valueOf(option);
        if (!value)
            return value.error();
        Expected<float> number = parseFloat(*value, option == "eps" ? "eps" : "momentum");
        if (!number)
            return number.error();
        if (option == "eps" && !(*number > 0.0f))
            return makeError("eps ", *number, " must be above 0, e.g. 1e-5");
        if (option == "momentum" && !(*number >= 0.0f && *number <= 1.0f))
            return makeError("momentum ", *number, " must be from 0 to 1, e.g. 0.1");
        (option == "eps" ? spec.epsilon : spec.momentum) = *number;
    }
    return spec;
}

Expected<LayerSpec> parseLrnLayer(const std::vector<std::string> &w)
{
    LayerSpec spec;
    spec.kind = LayerKind::LocalResponseNorm;
    if (w.size() < 2)
        return makeError("lrn needs the channels it spans, e.g. 'lrn 5'");
    Expected<int> size = parseInt(w[1], "the LRN size");
    if (!size)
        return size.error();
    if (*size < 1 || *size > 4096)
        return makeError("the LRN size ", *size, " must be from 1 to 4096 channels");
    spec.count = *size;
    OptionReader reader(w, 2);
    while (!reader.done()) {
        const std::string option = reader.word();
        if (option != "alpha" && option != "beta" && option != "k")
            return makeError("unknown option '", option, "' (lrn takes alpha, beta and k)");
        Expected<std::string> value = reader.valueOf(option);
        if (!value)
            return value.error();
        Expected<float> number = parseFloat(*value, option.c_str());
        if (!number)
            return number.error();
        if (!(*number >= 0.0f && *number <= 1e6f) || (option == "k" && !(*number > 0.0f)))
            return makeError(option, " ", *number, " must be ",
                             option == "k" ? "above 0" : "0 or more", ", at most 1e6");
        (option == "alpha" ? spec.alpha : option == "beta" ? spec.beta : spec.k) = *number;
    }
    return spec;
}

Expected<LayerSpec> parseGapLayer(const std::vector<std::string> &w)
{
    LayerSpec spec;
    spec.kind = LayerKind::GlobalAvgPool;
    if (auto ok = expectWords(w, 1, 1, "gap"); !ok)
        return ok.error();
    return spec;
}

// A block's word without its parentheses: parsePart reads blocks before the layers' parsers.
Expected<LayerSpec> parseBareBlockWord(const std::vector<std::string> &w)
{
    return makeError("write it as ",
                     w.front() == "residual" ? "'residual( LAYERS [; SHORTCUT] )'"
                                             : "'concat( BRANCH ; BRANCH [; …] )'",
                     ", its layers inside the parentheses");
}

// The spec's grammar: every layer word, an example of it, and its parser.
struct LayerGrammar
{
    std::string_view word;
    std::string_view example;
    Expected<LayerSpec> (*parse)(const std::vector<std::string> &);
};

constexpr LayerGrammar kGrammar[] = {
    {"conv", "conv 8 3x3 pad 1", parseConvLayer},
    {"maxpool", "maxpool 2", parsePoolLayer},
    {"avgpool", "avgpool 2", parsePoolLayer},
    {"relu", "relu", parseActivationLayer},
    {"leakyrelu", "leakyrelu", parseActivationLayer},
    {"sigmoid", "sigmoid", parseActivationLayer},
    {"tanh", "tanh", parseActivationLayer},
    {"relu6", "relu6", parseActivationLayer},
    {"flatten", "flatten", parseFlattenLayer},
    {"dense", "dense 10", parseDenseLayer},
    {"dropout", "dropout 0.5", parseDropoutLayer},
    {"batchnorm", "batchnorm", parseBatchNormLayer},
    {"gap", "gap", parseGapLayer},
    {"lrn", "lrn 5", parseLrnLayer},
    {"residual", "residual( conv 8 3x3 pad 1 | relu | conv 8 3x3 pad 1 )", parseBareBlockWord},
    {"concat", "concat( conv 4 1x1 ; conv 4 3x3 pad 1 )", parseBareBlockWord},
};

const LayerGrammar *grammarOf(std::string_view word)
{
    for (const LayerGrammar &grammar : kGrammar) {
        if (grammar.word == word)
            return &grammar;
    }
    return nullptr;
}

Expected<LayerSpec> parseLayer(const std::vector<std::string> &w)
{
    if (const LayerGrammar *grammar = grammarOf(w.front()))
        return grammar->parse(w);
    std::string known;
    for (const LayerGrammar &grammar : kGrammar) {
        const bool last = &grammar == std::end(kGrammar) - 1;
        known += concat(known.empty() ? "" : last ? " or " : ", ", grammar.word);
    }
    return makeError("unknown layer '", w.front(), "': use ", known);
}

std::string pairText(int a, int b)
{
    return a == b ? std::to_string(a) : concat(a, "x", b);
}

std::string convText(const LayerSpec &s)
{
    std::string text = concat("conv ", s.count, " ", s.kernelH, "x", s.kernelW);
    const ConvOptions &o = s.conv;
    if (o.strideH != 1 || o.strideW != 1)
        text += " stride " + pairText(o.strideH, o.strideW);
    const Padding &p = o.padding.sides;
    if (o.padding.kind != PaddingKind::Explicit)
        text += " pad " + o.padding.toString();
    else if (p.top == p.bottom && p.left == p.right && (p.top || p.left))
        text += " pad " + pairText(p.top, p.left);
    else if (p.top || p.bottom || p.left || p.right)
        text += concat(" pad ", p.top, ",", p.bottom, ",", p.left, ",", p.right);
    if (o.dilationH != 1 || o.dilationW != 1)
        text += " dilation " + pairText(o.dilationH, o.dilationW);
    if (o.groups != 1)
        text += concat(" groups ", o.groups);
    if (o.padMode != PadMode::Zero)
        text += o.padMode == PadMode::Reflect ? " reflect" : " replicate";
    if (o.flipKernel)
        text += " flip";
    if (!s.bias)
        text += " nobias";
    return text;
}

// Splits text at a separator outside parentheses, or says which parenthesis does not match.
Expected<std::vector<std::string>> splitOutside(std::string_view text, char separator)
{
    std::vector<std::string> parts(1);
    int depth = 0;
    for (char c : text) {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (depth < 0)
            return makeError("a ')' closes no '('");
        if (c == separator && depth == 0)
            parts.emplace_back();
        else
            parts.back() += c;
    }
    if (depth > 0)
        return makeError("a '(' is never closed: write a block as 'residual( … )' or "
                         "'concat( … ; … )'");
    return parts;
}

// The text of a layer in a message: a long block is cut short.
std::string quoted(const std::string &part)
{
    return part.size() <= 48 ? part : part.substr(0, 45) + "…";
}

Expected<Architecture> parsePath(std::string_view text, int nesting, int &layers);

// "residual( MAIN [; SHORTCUT] )" or "concat( BRANCH ; BRANCH … )", after the block's word.
Expected<LayerSpec> parseBlock(LayerKind kind, std::string_view rest, int nesting, int &layers)
{
    const bool residual = kind == LayerKind::Residual;
    if (rest.empty() || rest.front() != '(' || rest.back() != ')')
        return makeError("write it as ",
                         residual ? "'residual( LAYERS [; SHORTCUT] )'" : "'concat( A ; B [; …] )'",
                         ", nothing after the ')'");
    if (nesting >= kMaxNesting)
        return makeError("blocks nest more than ", kMaxNesting, " deep");
    Expected<std::vector<std::string>> parts = splitOutside(rest.substr(1, rest.size() - 2), ';');
    if (!parts)
        return parts.error();
    if (residual && parts->size() > 2)
        return makeError("a residual block has its layers and at most one shortcut, separated by "
                         "';', not ",
                         parts->size(), " paths");
    if (!residual && parts->size() < 2)
        return makeError("a concat block needs two or more branches separated by ';'");
    LayerSpec spec;
    spec.kind = kind;
    for (size_t i = 0; i < parts->size(); ++i) {
        Expected<Architecture> path = parsePath((*parts)[i], nesting + 1, layers);
        if (!path)
            return makeError(residual ? (i == 0 ? "its layers" : "its shortcut")
                                      : concat("branch ", i + 1),
                             ": ", path.error().message);
        spec.paths.push_back(std::move(*path));
    }
    return spec;
}

Expected<LayerSpec> parsePart(const std::string &part, int nesting, int &layers)
{
    for (auto [word, kind] :
         {std::pair{"residual", LayerKind::Residual}, std::pair{"concat", LayerKind::Concat}}) {
        const std::string_view w = word;
        if (part.compare(0, w.size(), w) == 0 && part.size() > w.size()
            && (part[w.size()] == '(' || part[w.size()] == ' '))
            return parseBlock(kind, trimmed(std::string_view(part).substr(w.size())), nesting,
                              layers);
    }
    if (part.find_first_of("();") != std::string::npos)
        return makeError("'(', ')' and ';' belong to blocks: 'residual( … )' or "
                         "'concat( … ; … )'; layers are separated by '|'");
    const std::vector<std::string> w = words(part);
    if (w.empty()) // whitespace the trimming does not know
        return makeError("the layer is empty: layers are separated by '|'");
    return parseLayer(w);
}

// Layers separated by '|' at this level; blocks hold paths of their own.
Expected<Architecture> parsePath(std::string_view text, int nesting, int &layers)
{
    Expected<std::vector<std::string>> parts = splitOutside(text, '|');
    if (!parts)
        return parts.error();
    Architecture architecture;
    for (size_t i = 0; i < parts->size(); ++i) {
        const std::string part = trimmed((*parts)[i]);
        if (++layers > kMaxLayers)
            return makeError("the architecture has more than ", kMaxLayers,
                             " layers, more than ConvScope builds: is a part repeated by mistake?");
        if (part.empty())
            return makeError("layer ", i + 1, " is empty: layers are separated by '|'");
        Expected<LayerSpec> layer = parsePart(part, nesting, layers);
        if (!layer)
            return makeError("layer ", i + 1, " '", quoted(part), "': ", layer.error().message);
        architecture.layers.push_back(std::move(*layer));
    }
    return architecture;
}

} // namespace

std::string_view LayerSpec::kindName() const
{
    switch (kind) {
    case LayerKind::Conv:
        return "conv";
    case LayerKind::MaxPool:
        return "maxpool";
    case LayerKind::AvgPool:
        return "avgpool";
    case LayerKind::Activation:
        return activation == Activation::LeakyRelu ? "leakyrelu" : activationName(activation);
    case LayerKind::Flatten:
        return "flatten";
    case LayerKind::Dense:
        return "dense";
    case LayerKind::Dropout:
        return "dropout";
    case LayerKind::BatchNorm:
        return "batchnorm";
    case LayerKind::GlobalAvgPool:
        return "gap";
    case LayerKind::LocalResponseNorm:
        return "lrn";
    case LayerKind::Residual:
        return "residual";
    case LayerKind::Concat:
        return "concat";
    }
    return "?";
}

std::string LayerSpec::toString() const
{
    switch (kind) {
    case LayerKind::Conv:
        return convText(*this);
    case LayerKind::MaxPool:
    case LayerKind::AvgPool: {
        std::string text = concat(kindName(), " ", pairText(pool.kernelH, pool.kernelW));
        const int sh = pool.strideH.value_or(pool.kernelH);
        const int sw = pool.strideW.value_or(pool.kernelW);
        if (sh != pool.kernelH || sw != pool.kernelW)
            text += " stride " + pairText(sh, sw);
        if (pool.padH || pool.padW)
            text += " pad " + pairText(pool.padH, pool.padW);
        if (pool.ceilMode)
            text += " ceil";
        return text;
    }
    case LayerKind::Activation:
        if (activation == Activation::LeakyRelu && slope != kDefaultLeakySlope)
            return concat("leakyrelu ", slope);
        return std::string(kindName());
    case LayerKind::Dense:
        return concat("dense ", count, bias ? "" : " nobias");
    case LayerKind::Dropout:
        return concat("dropout ", rate);
    case LayerKind::BatchNorm:
        return concat("batchnorm",
                      epsilon != kDefaultBatchNormEpsilon ? concat(" eps ", epsilon) : "",
                      momentum != kDefaultBatchNormMomentum ? concat(" momentum ", momentum) : "");
    case LayerKind::LocalResponseNorm:
        return concat("lrn ", count, alpha != kDefaultLrnAlpha ? concat(" alpha ", alpha) : "",
                      beta != kDefaultLrnBeta ? concat(" beta ", beta) : "",
                      k != kDefaultLrnK ? concat(" k ", k) : "");
    case LayerKind::Residual:
    case LayerKind::Concat: {
        std::string text = concat(kindName(), "(");
        for (size_t i = 0; i < paths.size(); ++i)
            text += concat(i ? " ; " : " ", paths[i].toString());
        return text + " )";
    }
    case LayerKind::GlobalAvgPool:
    case LayerKind::Flatten:
        break;
    }
    return std::string(kindName());
}

std::string Architecture::toString() const
{
    std::string text;
    for (const LayerSpec &layer : layers)
        text += (text.empty() ? "" : " | ") + layer.toString();
    return text;
}

int Architecture::layerCount() const
{
    int count = 0;
    for (const LayerSpec &layer : layers) {
        ++count;
        for (const Architecture &path : layer.paths)
            count += path.layerCount();
    }
    return count;
}

std::vector<std::string_view> layerWords()
{
    std::vector<std::string_view> words;
    for (const LayerGrammar &grammar : kGrammar)
        words.push_back(grammar.word);
    return words;
}

std::string_view layerExample(std::string_view word)
{
    const LayerGrammar *grammar = grammarOf(word);
    return grammar ? grammar->example : std::string_view();
}

Expected<Architecture> parseArchitecture(std::string_view text)
{
    const std::string name = trimmed(text);
    if (const std::string_view preset = presetSpec(name); !preset.empty())
        return parseArchitecture(preset);
    if (name.empty()) {
        std::string presets;
        for (std::string_view preset : presetNames())
            presets += (presets.empty() ? "" : ", ") + std::string(preset);
        return makeError("the architecture is empty: give a preset (", presets,
                         ") or layers separated by '|'");
    }
    if (name.back() == '|')
        return makeError("the architecture ends with '|': remove it or add a layer");
    int layers = 0;
    return parsePath(name, 0, layers);
}

std::unique_ptr<Layer> makeLayer(const LayerSpec &spec)
{
    switch (spec.kind) {
    case LayerKind::Conv:
        return std::make_unique<ConvLayer>(spec.count, spec.kernelH, spec.kernelW, spec.conv,
                                           spec.bias);
    case LayerKind::MaxPool:
    case LayerKind::AvgPool:
        return std::make_unique<PoolLayer>(spec.pool);
    case LayerKind::Activation:
        return std::make_unique<ActivationLayer>(spec.activation, spec.slope);
    case LayerKind::Dense:
        return std::make_unique<DenseLayer>(spec.count, spec.bias);
    case LayerKind::Dropout:
        return std::make_unique<DropoutLayer>(spec.rate);
    case LayerKind::BatchNorm:
        return std::make_unique<BatchNormLayer>(spec.epsilon, spec.momentum);
    case LayerKind::GlobalAvgPool:
        return std::make_unique<GlobalAvgPoolLayer>();
    case LayerKind::LocalResponseNorm:
        return std::make_unique<LocalResponseNormLayer>(spec.count, spec.alpha, spec.beta, spec.k);
    case LayerKind::Residual:
    case LayerKind::Concat:
        return nullptr; // a block is a part of the network's graph (network.cpp), not a layer
    case LayerKind::Flatten:
        break;
    }
    return std::make_unique<FlattenLayer>();
}

} // namespace convscope
