#include "core/nn/dataset.h"

#include "core/file_io.h"
#include "core/io/cifar.h"
#include "core/io/idx.h"
#include "core/nn/image_folder.h"
#include "core/nn/input_recipe.h"
#include "core/nn/layer.h"
#include "core/parallel.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <sstream>

namespace convscope {

namespace fs = std::filesystem;

namespace {

constexpr const char *kFashionFolder = "/usr/share/datasets/fashion-mnist";

bool hasDataFiles(const fs::path &folder)
{
    std::error_code error;
    return fs::exists(folder / "t10k-labels-idx1-ubyte", error)
           || fs::exists(folder / "t10k-labels-idx1-ubyte.gz", error);
}

bool hasCifarFiles(const fs::path &folder)
{
    std::error_code error;
    return fs::exists(folder / "test_batch.bin", error);
}

fs::path executableFolder()
{
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : self.parent_path();
}

Expected<fs::path> findFile(const fs::path &folder, const std::string &stem)
{
    std::error_code error;
    for (const std::string &name : {stem, stem + ".gz"}) {
        if (fs::exists(folder / name, error))
            return folder / name;
    }
    return makeError("the data folder ", folder.string(), " has no ", stem, " (nor ", stem,
                     ".gz): it needs the four standard MNIST IDX files");
}

Expected<ImageSet> loadSplit(const fs::path &folder, const std::string &prefix)
{
    Expected<fs::path> imagePath = findFile(folder, prefix + "-images-idx3-ubyte");
    if (!imagePath)
        return imagePath.error();
    Expected<fs::path> labelPath = findFile(folder, prefix + "-labels-idx1-ubyte");
    if (!labelPath)
        return labelPath.error();
    Expected<IdxArray> images = readIdx(*imagePath);
    if (!images)
        return images.error();
    Expected<IdxArray> labels = readIdx(*labelPath);
    if (!labels)
        return labels.error();
    if (images->dims.size() != 3 || images->dims[1] < 1 || images->dims[2] < 1
        || images->dims[1] > 4096 || images->dims[2] > 4096)
        return makeError(imagePath->string(), " is not a set of images: an images file has ",
                         "3 dimensions (count, rows, columns)");
    if (labels->dims.size() != 1)
        return makeError(labelPath->string(), " is not a label file: it has ", labels->dims.size(),
                         " dimensions instead of 1");
    if (labels->dims[0] != images->dims[0])
        return makeError(labelPath->string(), " has ", labels->dims[0], " labels but ",
                         imagePath->string(), " has ", images->dims[0], " images");
    if (images->dims[0] < 1)
        return makeError(imagePath->string(), " holds no images");
    for (size_t i = 0; i < labels->data.size(); ++i) {
        if (labels->data[i] >= kDigitClasses)
            return makeError(labelPath->string(), ": label ", int(labels->data[i]), " of image ", i,
                             " is not a digit class 0–9");
    }
    ImageSet set;
    set.rows = int(images->dims[1]);
    set.cols = int(images->dims[2]);
    set.pixels = std::move(images->data);
    set.labels = std::move(labels->data);
    return set;
}

// A batch is made on several threads when it has this many pixels a thread; an augmented
// pixel (a bilinear sample) costs about as much as this many plain ones.
constexpr std::int64_t kMinPixelsPerThread = std::int64_t(1) << 14;
constexpr std::int64_t kAugmentCostPerPixel = 8;

// One image's random affine map: a whole-pixel shift, and the rotation and scaling as the
// matrix (c, s; −s, c) that takes an output pixel back to the input.
struct AffineDraw
{
    float dy = 0.0f, dx = 0.0f, c = 1.0f, s = 0.0f;
};

AffineDraw drawAffine(const Augmentation &a, std::mt19937_64 &rng)
{
    auto symmetric = [&](float bound) {
        return (2.0f * uniform01(rng) - 1.0f) * bound;
    };
    AffineDraw d;
    d.dy = std::round(symmetric(a.maxShift));
    d.dx = std::round(symmetric(a.maxShift));
    const float angle = symmetric(a.maxDegrees) * float(std::numbers::pi) / 180.0f;
    const float inverseScale = 1.0f / (1.0f + symmetric(a.maxScale));
    d.c = std::cos(angle) * inverseScale;
    d.s = std::sin(angle) * inverseScale;
    return d;
}

// The pixels warpInto takes at a time along a row, in blocks of 8: their coordinates, weights
// and neighbours fit on the stack, and every loop over them but the one that reads the
// neighbours runs on whole vectors. A pixel at a time, with a lookup table for v / 255, a batch
// of 32 digits took 200 µs on one thread, a seventh of a training step at batch 32.
constexpr int kWarpBlock = 8;
constexpr int kWarpChunk = 8 * kWarpBlock;

// The four neighbours of each of `count` sampled points, 0 outside the image. Most points fall
// inside, where they are read without a check each.
void readNeighbours(const std::uint8_t *image, int rows, int cols, const int *y0, const int *x0,
                    int count, std::uint8_t (&v)[4][kWarpChunk])
{
    for (int i = 0; i < count; ++i) {
        const int y = y0[i], x = x0[i];
        if (y >= 0 && x >= 0 && y + 1 < rows && x + 1 < cols) {
            const std::uint8_t *p = image + y * cols + x;
            v[0][i] = p[0];
            v[1][i] = p[1];
            v[2][i] = p[cols];
            v[3][i] = p[cols + 1];
            continue;
        }
        auto at = [&](int r, int c) -> std::uint8_t {
            return r < 0 || c < 0 || r >= rows || c >= cols ? 0 : image[r * cols + c];
        };
        v[0][i] = at(y, x);
        v[1][i] = at(y, x + 1);
        v[2][i] = at(y + 1, x);
        v[3][i] = at(y + 1, x + 1);
    }
}

// out(c, y, x) = in(c, R⁻¹·((y, x) − centre − shift) / scale + centre), one draw for all
// channels of an image, sampled bilinearly in [0, 1] with 0 outside, then normalised. The
// blocks past a row's last pixel are computed and dropped.
void warpInto(const std::uint8_t *image, int channels, int rows, int cols, const AffineDraw &d,
              const PixelNormalization &norm, float *out)
{
    const float cy = 0.5f * float(rows - 1), cx = 0.5f * float(cols - 1);
    const int plane = rows * cols;
    int y0[kWarpChunk], x0[kWarpChunk];
    float fy[kWarpChunk], fx[kWarpChunk], values[kWarpChunk];
    std::uint8_t v[4][kWarpChunk] = {};
    for (int y = 0; y < rows; ++y) {
        const float ry = float(y) - cy - d.dy;
        for (int first = 0; first < cols; first += kWarpChunk) {
            const int count = std::min(kWarpChunk, cols - first);
            const int blocks = (count + kWarpBlock - 1) / kWarpBlock;
            for (int block = 0; block < blocks; ++block) {
                for (int j = 0; j < kWarpBlock; ++j) {
                    const int i = block * kWarpBlock + j;
                    const float rx = float(first + i) - cx - d.dx;
                    const float sy = d.c * ry + d.s * rx + cy;
                    const float sx = -d.s * ry + d.c * rx + cx;
                    y0[i] = int(std::floor(sy));
                    x0[i] = int(std::floor(sx));
                    fy[i] = sy - float(y0[i]);
                    fx[i] = sx - float(x0[i]);
                }
            }
            for (int k = 0; k < channels; ++k) {
                readNeighbours(image + k * plane, rows, cols, y0, x0, count, v);
                for (int block = 0; block < blocks; ++block) {
                    for (int j = 0; j < kWarpBlock; ++j) {
                        const int i = block * kWarpBlock + j;
                        const float v00 = float(v[0][i]) / 255.0f, v01 = float(v[1][i]) / 255.0f;
                        const float v10 = float(v[2][i]) / 255.0f, v11 = float(v[3][i]) / 255.0f;
                        values[i] = norm.apply((1 - fy[i]) * ((1 - fx[i]) * v00 + fx[i] * v01)
                                               + fy[i] * ((1 - fx[i]) * v10 + fx[i] * v11));
                    }
                }
                std::copy_n(values, count, out + k * plane + y * cols + first);
            }
        }
    }
}

} // namespace

fs::path dataDownloadFolder(const std::string &name)
{
    if (const char *root = std::getenv("CONVSCOPE_DATA"); root && *root)
        return fs::path(root) / name;
    if (const char *xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return fs::path(xdg) / "convscope" / name;
    const char *home = std::getenv("HOME");
    return fs::path(home && *home ? home : ".") / ".local" / "share" / "convscope" / name;
}

Expected<fs::path> resolveDataFolder(const std::string &nameOrFolder)
{
    if (nameOrFolder == "mnist-full" || nameOrFolder == "cifar10") {
        const fs::path folder = dataDownloadFolder(nameOrFolder);
        if (nameOrFolder == "cifar10" ? hasCifarFiles(folder) : hasDataFiles(folder))
            return folder;
        return makeError(nameOrFolder == "cifar10" ? "CIFAR-10" : "The full MNIST", " is not in ",
                         folder.string(), ": download it with convscope-cli data ", "download ",
                         nameOrFolder == "cifar10" ? "cifar10" : "mnist",
                         " (or the Network page's Download…)");
    }
    if (nameOrFolder == "fashion") {
        if (hasDataFiles(kFashionFolder))
            return fs::path(kFashionFolder);
        return makeError("Fashion-MNIST is not in ", kFashionFolder,
                         ": install the Debian package dataset-fashion-mnist (scripts/setup does)");
    }
    if (nameOrFolder != "mnist") {
        std::error_code error;
        if (!fs::is_directory(nameOrFolder, error))
            return makeError("the data folder '", nameOrFolder, "' does not exist: give a folder ",
                             "with the four MNIST IDX files, or mnist, or fashion");
        return fs::path(nameOrFolder);
    }
    std::vector<fs::path> candidates;
    if (const char *root = std::getenv("CONVSCOPE_DATA"))
        candidates.push_back(fs::path(root) / "mnist");
    candidates.push_back(fs::current_path() / "data" / "mnist");
    for (fs::path dir = executableFolder(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path())
        candidates.push_back(dir / "data" / "mnist");
    // Installed (scripts/package): /usr/bin/convscope finds /usr/share/convscope/data/mnist.
    if (const fs::path bin = executableFolder(); !bin.empty())
        candidates.push_back(bin.parent_path() / "share" / "convscope" / "data" / "mnist");
    for (const fs::path &candidate : candidates) {
        if (hasDataFiles(candidate))
            return candidate;
    }
    return makeError("the prepared MNIST digits (data/mnist/) were not found: run scripts/setup, "
                     "or give the folder with the four MNIST IDX files");
}

std::vector<std::string> DataSet::digitClassNames()
{
    return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
}

std::vector<std::string> DataSet::cifarClassNames()
{
    return {"airplane", "automobile", "bird",  "cat",  "deer",
            "dog",      "frog",       "horse", "ship", "truck"};
}

std::vector<std::string> DataSet::fashionClassNames()
{
    return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
}

namespace {

Expected<std::vector<std::string>> classNamesOf(const std::string &name, const fs::path &folder)
{
    std::error_code ec;
    if (fs::is_regular_file(folder / "classes.txt", ec))
        return loadLabels(folder / "classes.txt", kDigitClasses);
    std::string lower = name == "fashion" ? name : folder.filename().string();
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    if (lower.find("fashion") != std::string::npos)
        return DataSet::fashionClassNames();
    return DataSet::digitClassNames();
}

Expected<ImageSet> loadCifarSplit(const fs::path &folder, const std::vector<std::string> &files)
{
    ImageSet set;
    set.channels = 3;
    set.rows = kCifarSide;
    set.cols = kCifarSide;
    for (const std::string &name : files) {
        Expected<CifarBatch> batch = readCifarBatch(folder / name);
        if (!batch)
            return batch.error();
        set.pixels.insert(set.pixels.end(), batch->pixels.begin(), batch->pixels.end());
        set.labels.insert(set.labels.end(), batch->labels.begin(), batch->labels.end());
    }
    return set;
}

// data_batch_1.bin … data_batch_5.bin (those present, at least the first) and test_batch.bin.
Expected<DataSet> loadCifar(DataSet data)
{
    const fs::path &folder = data.folder;
    std::vector<std::string> trainFiles;
    std::error_code error;
    for (int i = 1; i <= 5; ++i) {
        const std::string name = concat("data_batch_", i, ".bin");
        if (fs::exists(folder / name, error))
            trainFiles.push_back(name);
    }
    if (trainFiles.empty() || trainFiles[0] != "data_batch_1.bin")
        return makeError(folder.string(), " has test_batch.bin but not data_batch_1.bin: ",
                         "CIFAR-10's binary version has five training batches and a test batch");
    Expected<ImageSet> train = loadCifarSplit(folder, trainFiles);
    if (!train)
        return train.error();
    Expected<ImageSet> test = loadCifarSplit(folder, {"test_batch.bin"});
    if (!test)
        return test.error();
    data.train = std::move(*train);
    data.test = std::move(*test);
    data.classNames = DataSet::cifarClassNames();
    if (fs::is_regular_file(folder / "batches.meta.txt", error)) {
        Expected<std::vector<std::string>> names = loadLabels(folder / "batches.meta.txt",
                                                              kCifarClasses);
        if (!names)
            return names.error();
        data.classNames = std::move(*names);
    }
    return data;
}

Expected<DataSet> loadIdx(DataSet data)
{
    const fs::path &folder = data.folder;
    Expected<ImageSet> train = loadSplit(folder, "train");
    if (!train)
        return train.error();
    Expected<ImageSet> test = loadSplit(folder, "t10k");
    if (!test)
        return test.error();
    if (train->rows != test->rows || train->cols != test->cols)
        return makeError("the training images are ", train->rows, "×", train->cols,
                         " but the test images are ", test->rows, "×", test->cols);
    data.train = std::move(*train);
    data.test = std::move(*test);
    Expected<std::vector<std::string>> classes = classNamesOf(data.name, folder);
    if (!classes)
        return classes.error();
    data.classNames = std::move(*classes);
    return data;
}

} // namespace

DataLayout dataLayoutOf(const fs::path &folder)
{
    return hasDataFiles(folder)    ? DataLayout::Idx
           : hasCifarFiles(folder) ? DataLayout::Cifar
                                   : DataLayout::Images;
}

Expected<DataSet> loadDataSet(const std::string &nameOrFolder, const FolderOptions &options)
{
    Expected<fs::path> folder = resolveDataFolder(nameOrFolder);
    if (!folder)
        return folder.error();
    if (hasDataFiles(*folder) || nameOrFolder == "mnist" || nameOrFolder == "fashion"
        || nameOrFolder == "mnist-full") {
        DataSet data;
        data.name = nameOrFolder;
        data.folder = *folder;
        return loadIdx(std::move(data));
    }
    if (hasCifarFiles(*folder)) {
        DataSet data;
        data.name = nameOrFolder;
        data.folder = *folder;
        return loadCifar(std::move(data));
    }
    Expected<DataSet> data = loadImageFolder(*folder, options);
    if (!data)
        return data.error();
    data->name = nameOrFolder;
    return data;
}

PixelNormalization PixelNormalization::of(const ImageSet &set)
{
    double sum = 0.0, squares = 0.0;
    for (std::uint8_t p : set.pixels) {
        const double v = p / 255.0;
        sum += v;
        squares += v * v;
    }
    const double count = double(std::max<size_t>(set.pixels.size(), 1));
    const double mean = sum / count;
    const double deviation = std::sqrt(std::max(squares / count - mean * mean, 0.0));
    return {float(mean), float(deviation > 1e-6 ? deviation : 1.0)};
}

// The draws are taken in image order from the one stream, then the images are made in
// parallel: the same batch whatever the thread count.
void fillBatch(const ImageSet &set, std::span<const int> indices, const PixelNormalization &norm,
               const Augmentation &augmentation, std::mt19937_64 &rng, Tensor &batch,
               std::vector<std::uint8_t> &labels)
{
    const std::int64_t pixels = set.imageSize();
    batch.reshape({int(indices.size()), set.channels, set.rows, set.cols});
    labels.resize(indices.size());
    float lookup[256];
    for (int v = 0; v < 256; ++v)
        lookup[v] = norm.apply(float(v) / 255.0f);
    std::vector<AffineDraw> draws(augmentation.enabled ? indices.size() : 0);
    for (AffineDraw &draw : draws)
        draw = drawAffine(augmentation, rng);
    for (size_t i = 0; i < indices.size(); ++i)
        labels[i] = set.labels[size_t(indices[i])];
    const std::int64_t work = pixels * (augmentation.enabled ? kAugmentCostPerPixel : 1);
    parallelFor(std::int64_t(indices.size()), kMinPixelsPerThread / work + 1,
                [&](std::int64_t begin, std::int64_t end) {
                    for (std::int64_t i = begin; i < end; ++i) {
                        const std::uint8_t *image = set.image(indices[size_t(i)]);
                        float *out = batch.plane(int(i), 0);
                        if (augmentation.enabled) {
                            warpInto(image, set.channels, set.rows, set.cols, draws[size_t(i)],
                                     norm, out);
                            continue;
                        }
                        for (std::int64_t p = 0; p < pixels; ++p)
                            out[p] = lookup[image[p]];
                    }
                });
}

Tensor unitImage(const ImageSet &set, int index)
{
    Tensor image(set.shape());
    const std::uint8_t *pixels = set.image(index);
    for (std::int64_t i = 0; i < image.size(); ++i)
        image.data()[i] = float(pixels[i]) / 255.0f;
    return image;
}

Tensor normalizedImage(const float *unitPixels, int rows, int cols, const PixelNormalization &norm)
{
    Tensor image({1, 1, rows, cols});
    for (int p = 0; p < rows * cols; ++p)
        image.data()[p] = norm.apply(unitPixels[p]);
    return image;
}

Tensor normalizedImage(const Tensor &unitImage, const PixelNormalization &norm)
{
    Tensor image(unitImage.shape());
    for (std::int64_t i = 0; i < image.size(); ++i)
        image.data()[i] = norm.apply(unitImage.data()[i]);
    return image;
}

} // namespace convscope
