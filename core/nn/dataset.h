#pragma once

#include "core/expected.h"
#include "core/tensor.h"

#include <cstdint>
#include <filesystem>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace convscope {

// Images of one split as bytes, 0 = black (MNIST's background): channels planar and in RGB
// order, rows row-major, as the IDX files and CIFAR-10's binary batches store them.
struct ImageSet
{
    int channels = 1;
    int rows = 0;
    int cols = 0;
    std::vector<std::uint8_t> pixels; // count × channels × rows × cols
    std::vector<std::uint8_t> labels; // count, each below the data set's class count

    int count() const { return int(labels.size()); }
    std::int64_t imageSize() const { return std::int64_t(channels) * rows * cols; }
    const std::uint8_t *image(int index) const { return pixels.data() + index * imageSize(); }
    Shape shape() const { return {1, channels, rows, cols}; } // of one image
};

// Labels are bytes: a data set has at most 256 classes.
constexpr int kMaxClasses = 256;
// MNIST's, Fashion-MNIST's and CIFAR-10's.
constexpr int kDigitClasses = 10;

struct DataSet
{
    std::string name; // "mnist", "fashion", "mnist-full", "cifar10" or the folder
    std::filesystem::path folder;
    ImageSet train;
    ImageSet test;
    // What label k means: "0" … "9" for digits, "T-shirt/top" … "Ankle boot" for
    // Fashion-MNIST, a folder's name in an image folder; every view names a class by these.
    std::vector<std::string> classNames = digitClassNames();
    // How a picture was made into one of its images (an image folder's resize and colour),
    // as an input recipe's text; empty for data sets that come as arrays.
    std::string recipe;
    // Files of an image folder that could not be read, each "path: why"; they were skipped.
    std::vector<std::string> skipped;
    // The test split was drawn from the images (an image folder without train/ and test/).
    bool splitDrawn = false;

    int classCount() const { return int(classNames.size()); }
    // The classes are the ten digits: the texts say "digit" and the canvas asks for one.
    bool isDigits() const { return classNames == digitClassNames() && train.channels == 1; }
    Shape inputShape() const { return train.shape(); }
    static std::vector<std::string> digitClassNames();
    static std::vector<std::string> fashionClassNames();
    static std::vector<std::string> cifarClassNames();
};

// "mnist" is the folder scripts/setup prepares (data/mnist/ of the project, looked for from
// the working directory and from the executable, or $CONVSCOPE_DATA/mnist; installed, in
// share/convscope/data/mnist beside the executable's bin/), "fashion" is
// Debian's /usr/share/datasets/fashion-mnist, "mnist-full" and "cifar10" are where
// `convscope-cli data download` puts them (dataDownloadFolder); anything else is a folder.
Expected<std::filesystem::path> resolveDataFolder(const std::string &nameOrFolder);

// Where downloaded data sets live: $CONVSCOPE_DATA/NAME when that is set, otherwise
// $XDG_DATA_HOME/convscope/NAME (~/.local/share/convscope/NAME).
std::filesystem::path dataDownloadFolder(const std::string &name);

// What an image folder becomes (core/nn/image_folder.h).
struct FolderOptions
{
    enum class Color { Auto, Gray, Rgb };
    int imageSize = 28;        // each image's shorter side resized to this, then its centre square
    Color color = Color::Auto; // Auto: gray when every image is gray, RGB otherwise
    std::uint64_t seed = 1;    // of the 80/20 split
};

// A folder holds one of three layouts, tried in this order:
// - MNIST's four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
//   t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; each plain or .gz), checked to agree: as
//   many labels as images, labels below 10, one image size. The class names are
//   Fashion-MNIST's for "fashion" and for a folder whose name says fashion, those of a
//   classes.txt in the folder (ten lines) when there is one, and the digits otherwise.
// - CIFAR-10's binary batches (data_batch_1.bin … data_batch_5.bin, test_batch.bin, and
//   batches.meta.txt for the class names), 3×32×32.
// - An image folder (core/nn/image_folder.h), made with `options`.
Expected<DataSet> loadDataSet(const std::string &nameOrFolder, const FolderOptions &options = {});

// Which of the three a folder holds, by its files' names (Images for anything else).
enum class DataLayout { Idx, Cifar, Images };
DataLayout dataLayoutOf(const std::filesystem::path &folder);

// Pixels become (p / 255 − mean) / std, with the training set's mean and deviation.
struct PixelNormalization
{
    float mean = 0.0f;
    float deviation = 1.0f;

    static PixelNormalization of(const ImageSet &set);
    float apply(float unitValue) const { return (unitValue - mean) / deviation; }
};

// Random shifts of up to maxShift pixels, rotations of up to maxDegrees and scalings of up to
// ±maxScale about the centre, bilinear, with its own seeded stream: the network sees a
// slightly different digit each time.
struct Augmentation
{
    bool enabled = false;
    float maxShift = 2.0f;
    float maxDegrees = 10.0f;
    float maxScale = 0.1f;
};

// Fills an N×C×H×W batch (and its labels) with the images at the given indices.
void fillBatch(const ImageSet &set, std::span<const int> indices, const PixelNormalization &norm,
               const Augmentation &augmentation, std::mt19937_64 &rng, Tensor &batch,
               std::vector<std::uint8_t> &labels);

// Image `index` of a set in [0, 1], 1×C×H×W: what a view draws and normalizedImage takes.
Tensor unitImage(const ImageSet &set, int index);

// One gray image in [0, 1] (rows × cols), as a 1×1×H×W tensor normalised for the network.
Tensor normalizedImage(const float *unitPixels, int rows, int cols, const PixelNormalization &norm);
// Any 1×C×H×W image in [0, 1], normalised for the network.
Tensor normalizedImage(const Tensor &unitImage, const PixelNormalization &norm);

} // namespace convscope
