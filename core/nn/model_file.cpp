#include "core/nn/model_file.h"

#include "core/file_io.h"
#include "core/nn/onnx_import.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <sstream>

namespace convscope {

namespace {

constexpr char kMagic[8] = {'C', 'S', 'M', 'O', 'D', 'E', 'L', '\0'};
constexpr std::int64_t kMaxModelBytes = std::int64_t(1) << 30;
constexpr std::uint32_t kMaxTensors = 4096;
constexpr std::int64_t kMaxTensorValues = std::int64_t(1) << 28;

void putU32(std::string &out, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(char((v >> (8 * i)) & 0xff));
}

void putF32(std::string &out, float v)
{
    std::uint32_t bits;
    std::memcpy(&bits, &v, 4);
    putU32(out, bits);
}

void putText(std::string &out, const std::string &text)
{
    putU32(out, std::uint32_t(text.size()));
    out += text;
}

std::uint32_t crc32Of(std::string_view bytes)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    for (size_t done = 0; done < bytes.size();) {
        const auto chunk = uInt(std::min<size_t>(bytes.size() - done, 1u << 30));
        crc = crc32(crc, reinterpret_cast<const Bytef *>(bytes.data() + done), chunk);
        done += chunk;
    }
    return std::uint32_t(crc);
}

std::string metadataText(const ModelMetadata &m)
{
    std::ostringstream out;
    out.precision(17);
    out << "dataset=" << m.dataset << "\noptimizer=" << m.optimizer << "\nepochs=" << m.epochs
        << "\nsteps=" << m.steps << "\nseed=" << m.seed << "\ntrain_accuracy=" << m.trainAccuracy
        << "\ntest_accuracy=" << m.testAccuracy << "\n";
    if (!m.input.empty())
        out << "input=" << m.input << "\n";
    for (const std::string &label : m.labels)
        out << "label=" << label << "\n";
    return out.str();
}

ModelMetadata parseMetadata(const std::string &text)
{
    ModelMetadata m;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        const size_t eq = line.find('=');
        if (eq == std::string::npos)
            continue;
        const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
        std::istringstream v(value);
        if (key == "dataset")
            m.dataset = value;
        else if (key == "optimizer")
            m.optimizer = value;
        else if (key == "epochs")
            v >> m.epochs;
        else if (key == "steps")
            v >> m.steps;
        else if (key == "seed")
            v >> m.seed;
        else if (key == "train_accuracy")
            v >> m.trainAccuracy;
        else if (key == "test_accuracy")
            v >> m.testAccuracy;
        else if (key == "input")
            m.input = value;
        else if (key == "label")
            m.labels.push_back(value);
    }
    return m;
}

// Reads the fields in order and remembers the first place where the bytes ran out.
class Reader
{
public:
    Reader(std::string_view bytes, const std::string &name)
        : m_bytes(bytes)
        , m_name(name)
    {}

    Expected<std::uint32_t> u32(const char *what)
    {
        if (m_bytes.size() - m_at < 4)
            return truncated(what);
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v |= std::uint32_t(std::uint8_t(m_bytes[m_at + size_t(i)])) << (8 * i);
        m_at += 4;
        return v;
    }
    Expected<std::string> text(const char *what)
    {
        Expected<std::uint32_t> size = u32(what);
        if (!size)
            return size.error();
        if (m_bytes.size() - m_at < *size)
            return truncated(what);
        std::string s(m_bytes.substr(m_at, *size));
        m_at += *size;
        return s;
    }
    Expected<void> floats(float *out, std::int64_t count, const char *what)
    {
        if (std::int64_t(m_bytes.size() - m_at) / 4 < count)
            return truncated(what);
        for (std::int64_t i = 0; i < count; ++i) {
            std::uint32_t bits = 0;
            for (int b = 0; b < 4; ++b)
                bits |= std::uint32_t(std::uint8_t(m_bytes[m_at++])) << (8 * b);
            std::memcpy(out + i, &bits, 4);
        }
        return {};
    }
    size_t position() const { return m_at; }
    std::int64_t remaining() const { return std::int64_t(m_bytes.size() - m_at); }

private:
    Error truncated(const char *what) const
    {
        return makeError(m_name, " is truncated: it ends at byte ", m_bytes.size(),
                         " in the middle of the ", what, "; the model cannot be loaded");
    }

    std::string_view m_bytes;
    const std::string &m_name;
    size_t m_at = 0;
};

Expected<std::vector<Tensor>> readTensors(Reader &in, const std::string &name)
{
    Expected<std::uint32_t> count = in.u32("tensor count");
    if (!count)
        return count.error();
    if (*count > kMaxTensors)
        return makeError(name, " claims ", *count, " weight tensors: the file is damaged");
    std::vector<Tensor> tensors;
    for (std::uint32_t t = 0; t < *count; ++t) {
        int dims[4];
        for (int &d : dims) {
            Expected<std::uint32_t> v = in.u32("tensor shape");
            if (!v)
                return v.error();
            if (*v > (1u << 28))
                return makeError(name, ": weight tensor ", t + 1, " has a dimension of ", *v,
                                 ": the file is damaged");
            d = int(*v);
        }
        const Shape shape{dims[0], dims[1], dims[2], dims[3]};
        // The product dimension by dimension, stopped at the limit: four dimensions of up to
        // 2^28 would overflow a 64-bit count (and could wrap to a small one).
        std::int64_t values = 1;
        for (int d : dims) {
            if (d != 0 && values > kMaxTensorValues / d)
                return makeError(name, ": weight tensor ", t + 1, " of shape ", shape.toString(),
                                 " is too large: the file is damaged");
            values *= d;
        }
        // Allocate only what the file can fill: an 86-byte file once asked for 1 GiB.
        if (values > in.remaining() / 4)
            return makeError(name, " is truncated: weight tensor ", t + 1, " of shape ",
                             shape.toString(), " needs ", values * 4, " bytes and ", in.remaining(),
                             " are left; the model cannot be loaded");
        Tensor tensor(shape);
        if (auto ok = in.floats(tensor.data(), tensor.size(), "weights"); !ok)
            return ok.error();
        tensors.push_back(std::move(tensor));
    }
    return tensors;
}

} // namespace

std::string encodeModel(Network &network, const PixelNormalization &norm, const ModelMetadata &meta)
{
    std::string out(kMagic, sizeof kMagic);
    putU32(out, kModelFormatVersion);
    putText(out, network.architecture().toString());
    const Shape &input = network.inputShape();
    for (int v : {input.c, input.h, input.w, network.classes()})
        putU32(out, std::uint32_t(v));
    putF32(out, norm.mean);
    putF32(out, norm.deviation);
    putText(out, metadataText(meta));
    const std::vector<Tensor> weights = network.weights();
    putU32(out, std::uint32_t(weights.size()));
    for (const Tensor &t : weights) {
        for (int d : {t.shape().n, t.shape().c, t.shape().h, t.shape().w})
            putU32(out, std::uint32_t(d));
        for (float v : t.values())
            putF32(out, v);
    }
    putU32(out, crc32Of(out));
    return out;
}

Expected<Model> decodeModel(std::string_view bytes, const std::string &name)
{
    if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        return makeError(name, " is not a ConvScope model (it does not start with CSMODEL)");
    Reader in(bytes.substr(sizeof kMagic), name);
    Expected<std::uint32_t> version = in.u32("format version");
    if (!version)
        return version.error();
    if (*version != kModelFormatVersion)
        return makeError(name, " has model format version ", *version,
                         "; this ConvScope reads version ", kModelFormatVersion,
                         ": use the ConvScope that saved it");
    Expected<std::string> spec = in.text("architecture");
    if (!spec)
        return spec.error();
    std::uint32_t dims[4];
    for (std::uint32_t &d : dims) {
        Expected<std::uint32_t> v = in.u32("input shape");
        if (!v)
            return v.error();
        d = *v;
    }
    float norm[2];
    if (auto ok = in.floats(norm, 2, "normalisation"); !ok)
        return ok.error();
    Expected<std::string> meta = in.text("metadata");
    if (!meta)
        return meta.error();
    Expected<std::vector<Tensor>> weights = readTensors(in, name);
    if (!weights)
        return weights.error();
    Expected<std::uint32_t> stored = in.u32("checksum");
    if (!stored)
        return stored.error();
    const size_t end = sizeof kMagic + in.position();
    if (end != bytes.size())
        return makeError(name, " has ", bytes.size() - end,
                         " bytes after its checksum: the file is damaged");
    if (*stored != crc32Of(bytes.substr(0, end - 4)))
        return makeError(name, " fails its checksum: the file is damaged or was changed");
    for (std::uint32_t d : dims) {
        if (d < 1 || d > 4096)
            return makeError(name, " has an input shape or class count of ", d,
                             ": the file is damaged");
    }
    Expected<Architecture> architecture = parseArchitecture(*spec);
    if (!architecture)
        return makeError(name, ": its architecture does not parse: ", architecture.error().message);
    Expected<Network> network = Network::create(*architecture,
                                                {1, int(dims[0]), int(dims[1]), int(dims[2])},
                                                int(dims[3]), kMaxInspectedParameters);
    if (!network)
        return makeError(name, ": its architecture is invalid: ", network.error().message);
    if (auto ok = network->setWeights(*weights); !ok)
        return makeError(name, ": the weights disagree with the architecture: ", ok.error().message);
    for (const Tensor &t : *weights) {
        for (float v : t.values()) {
            if (!std::isfinite(v))
                return makeError(name, " holds weights that are not finite numbers");
        }
    }
    if (!std::isfinite(norm[0]) || !(norm[1] > 0.0f) || !std::isfinite(norm[1]))
        return makeError(name, " has an invalid normalisation (", norm[0], ", ", norm[1], ")");
    ModelMetadata metadata = parseMetadata(*meta);
    if (Expected<void> ok = checkModelInputs(metadata, *network); !ok)
        return makeError(name, ": ", ok.error().message);
    return Model{std::move(network).value(), {norm[0], norm[1]}, std::move(metadata)};
}

Expected<void> saveModel(const std::filesystem::path &path, Network &network,
                         const PixelNormalization &norm, const ModelMetadata &meta)
{
    for (const Tensor &t : network.weights()) {
        for (float v : t.values()) {
            if (!std::isfinite(v))
                return makeError("the model has weights that are not finite numbers; it was not "
                                 "saved to ",
                                 path.string());
        }
    }
    return writeFileAtomically(path, encodeModel(network, norm, meta));
}

Expected<Model> loadModel(const std::filesystem::path &path)
{
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (extension == ".onnx") {
        Expected<ImportedModel> imported = loadOnnx(path);
        if (!imported)
            return imported.error();
        Expected<Network> network = Network::create(imported->architecture, imported->input,
                                                    imported->classes, kMaxInspectedParameters);
        if (!network)
            return makeError(path.string(), ": ", network.error().message);
        if (Expected<void> ok = network->setWeights(imported->weights); !ok)
            return makeError(path.string(), ": ", ok.error().message);
        // What it was trained on is not in the graph: no data set is offered to match it.
        ModelMetadata metadata;
        metadata.input = imported->inputRecipe;
        metadata.labels = imported->labels;
        if (Expected<void> ok = checkModelInputs(metadata, *network); !ok)
            return makeError(path.string(), ": ", ok.error().message);
        return Model{std::move(*network), imported->normalization, std::move(metadata),
                     imported->endsWithSoftmax};
    }
    Expected<std::string> bytes = readFile(path, kMaxModelBytes);
    if (!bytes)
        return bytes.error();
    return decodeModel(*bytes, path.string());
}

InputRecipe inputRecipe(const Model &model)
{
    if (Expected<InputRecipe> own = InputRecipe::parse(model.metadata.input); own)
        return *own;
    const Shape &input = model.network.inputShape();
    // 1000 classes of colour pictures without a normalisation of their own: ImageNet's, as
    // torchvision's models and the ONNX model zoo's are trained.
    if (input.c == 3 && model.network.classes() == 1000 && model.normalization.mean == 0.0f
        && model.normalization.deviation == 1.0f)
        return InputRecipe::imagenet(input);
    return InputRecipe::defaultFor(input, model.normalization);
}

Expected<void> checkModelInputs(const ModelMetadata &meta, const Network &network)
{
    if (!meta.input.empty()) {
        Expected<InputRecipe> recipe = InputRecipe::parse(meta.input);
        if (!recipe)
            return makeError("its picture recipe: ", recipe.error().message);
        if (Expected<void> fits = recipe->check(network.inputShape()); !fits)
            return makeError("its picture recipe: ", fits.error().message);
    }
    if (!meta.labels.empty()) {
        std::string lines;
        for (const std::string &label : meta.labels)
            lines += label + "\n";
        if (Expected<std::vector<std::string>> ok = parseLabels(lines, network.classes(),
                                                                "its labels");
            !ok)
            return ok.error();
    }
    return {};
}

} // namespace convscope
