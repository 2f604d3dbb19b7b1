#include "core/io/tensor_io.h"

#include "core/io/npy.h"

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

Expected<TensorFile> fromNpy(const std::filesystem::path &path, ColorMode mode)
{
    Expected<NpyArray> array = readNpy(path);
    if (!array)
        return array.error();
    const std::string source = path.string();
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
    TensorFile file{Tensor(Shape{int(s[0]), int(s[1]), int(s[2]), int(s[3])}), batched};
    file.tensor.values() = std::move(array->values);
    if (mode == ColorMode::Gray && file.tensor.shape().c == 3) {
        const Shape &t = file.tensor.shape();
        Tensor gray(Shape{t.n, 1, t.h, t.w});
        for (int n = 0; n < t.n; ++n) {
            for (std::int64_t i = 0; i < t.planeSize(); ++i)
                gray.plane(n, 0)[i] = 0.299f * file.tensor.plane(n, 0)[i]
                                      + 0.587f * file.tensor.plane(n, 1)[i]
                                      + 0.114f * file.tensor.plane(n, 2)[i];
        }
        file.tensor = std::move(gray);
    }
    return file;
}

} // namespace

Expected<TensorFile> loadTensorFile(const std::filesystem::path &path, ColorMode mode)
{
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec) && looksLikeNpy(path))
        return fromNpy(path, mode);
    Expected<Tensor> image = loadImage(path, mode);
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
