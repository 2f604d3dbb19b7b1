#include "core/io/tensor_io.h"

#include "core/io/npy.h"

#include <cmath>
#include <fstream>

namespace convscope {

namespace {

constexpr int kMaxChannels = 4096;

bool looksLikeNpy(const std::filesystem::path &path)
{
    if (path.extension() == ".npy")
        return true;
    std::ifstream file(path, std::ios::binary);
    char magic[6] = {};
    file.read(magic, sizeof magic);
    return file && std::string(magic, 6) == "\x93NUMPY";
}

// Gray is 0.299·R + 0.587·G + 0.114·B, as for images; Rgb repeats a single plane three times.
Tensor converted(Tensor tensor, ColorMode mode)
{
    const Shape &t = tensor.shape();
    if ((mode == ColorMode::Gray && t.c == 3) || (mode == ColorMode::Rgb && t.c == 1)) {
        Tensor out(Shape{t.n, mode == ColorMode::Gray ? 1 : 3, t.h, t.w});
        for (int n = 0; n < t.n; ++n) {
            for (std::int64_t i = 0; i < t.planeSize(); ++i) {
                if (mode == ColorMode::Rgb) {
                    for (int c = 0; c < 3; ++c)
                        out.plane(n, c)[i] = tensor.plane(n, 0)[i];
                } else {
                    out.plane(n, 0)[i] = 0.299f * tensor.plane(n, 0)[i]
                                         + 0.587f * tensor.plane(n, 1)[i]
                                         + 0.114f * tensor.plane(n, 2)[i];
                }
            }
        }
        return out;
    }
    return tensor;
}

Expected<TensorFile> fromArray(Expected<NpyArray> array, const std::string &source, ColorMode mode)
{
    if (!array)
        return array.error();
    std::vector<std::int64_t> s = array->shape;
    if (s.size() < 2 || s.size() > 4)
        return makeError(source, ": an input array has shape (H, W), (C, H, W) or (N, C, H, W), ",
                         "not ", array->shapeText());
    for (std::int64_t d : s) {
        if (d < 1)
            return makeError(source, ": the shape ", array->shapeText(), " has an empty dimension");
    }
    const bool batched = s.size() == 4;
    while (s.size() < 4)
        s.insert(s.begin(), 1);
    if (s[2] * s[3] > kMaxImagePixels || s[1] > kMaxChannels || s[0] * s[1] > kMaxChannels)
        return makeError(source, ": the array ", array->shapeText(), " is larger than ConvScope ",
                         "accepts (", kMaxImagePixels, " pixels per plane, ", kMaxChannels,
                         " planes)");
    for (size_t i = 0; i < array->values.size(); ++i) {
        if (!std::isfinite(array->values[i]))
            return makeError(source, ": value ", i, " of the array is ", array->values[i],
                             "; ConvScope needs finite numbers");
    }
    TensorFile file{Tensor(Shape{int(s[0]), int(s[1]), int(s[2]), int(s[3])}), batched};
    file.tensor.values() = std::move(array->values);
    file.tensor = converted(std::move(file.tensor), mode);
    return file;
}

bool hasNpyMagic(const std::string &bytes)
{
    return bytes.compare(0, 6, "\x93NUMPY") == 0;
}

} // namespace

Expected<TensorFile> loadTensorFile(const std::filesystem::path &path, ColorMode mode)
{
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && looksLikeNpy(path))
        return fromArray(readNpy(path), path.string(), mode);
    Expected<Tensor> image = loadImage(path, mode);
    if (!image)
        return image.error();
    return TensorFile{std::move(*image), false};
}

Expected<TensorFile> decodeTensorFile(const std::string &bytes, const std::string &source,
                                      ColorMode mode)
{
    if (hasNpyMagic(bytes))
        return fromArray(parseNpy(bytes, source), source, mode);
    Expected<Tensor> image = decodeImage(bytes, source, mode);
    if (!image)
        return image.error();
    return TensorFile{std::move(*image), false};
}

std::string encodeTensorNpy(const Tensor &tensor, bool batched)
{
    const Shape &s = tensor.shape();
    std::vector<std::int64_t> shape{s.c, s.h, s.w};
    if (batched)
        shape.insert(shape.begin(), s.n);
    else
        shape[0] = std::int64_t(s.n) * s.c;
    return encodeNpy(shape, tensor.values());
}

} // namespace convscope
