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

// Images of one split, as the IDX files store them: bytes, row-major, 0 = background.
struct ImageSet
{
    int rows = 0;
    int cols = 0;
    std::vector<std::uint8_t> pixels; // count × rows × cols
    std::vector<std::uint8_t> labels; // count, each below kClasses

    int count() const { return int(labels.size()); }
    const std::uint8_t *image(int index) const
    {
        return pixels.data() + std::int64_t(index) * rows * cols;
    }
};

constexpr int kClasses = 10;

struct DataSet
{
    std::string name; // "mnist", "fashion" or the folder
    std::filesystem::path folder;
    ImageSet train;
    ImageSet test;
    // What the labels 0 … 9 mean: "0" … "9" for digits, "T-shirt/top" … "Ankle boot" for
    // Fashion-MNIST; every view names a class by these.
    std::vector<std::string> classNames = digitClassNames();

    // The classes are the ten digits: the texts say "digit" and the canvas asks for one.
    bool isDigits() const { return classNames == digitClassNames(); }
    static std::vector<std::string> digitClassNames();
    static std::vector<std::string> fashionClassNames();
};

// "mnist" is the folder scripts/setup prepares (data/mnist/ of the project, looked for from
// the working directory and from the executable, or $CONVSCOPE_DATA/mnist), "fashion" is
// Debian's /usr/share/datasets/fashion-mnist; anything else is a folder.
Expected<std::filesystem::path> resolveDataFolder(const std::string &nameOrFolder);

// The four standard files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; each plain or .gz) of a folder, checked to
// agree: as many labels as images, labels below 10, one image size. The class names are
// Fashion-MNIST's for "fashion" and for a folder whose name says fashion, those of a
// classes.txt in the folder (ten lines) when there is one, and the digits otherwise.
Expected<DataSet> loadDataSet(const std::string &nameOrFolder);

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

// Fills an N×1×H×W batch (and its labels) with the images at the given indices.
void fillBatch(const ImageSet &set, std::span<const int> indices, const PixelNormalization &norm,
               const Augmentation &augmentation, std::mt19937_64 &rng, Tensor &batch,
               std::vector<std::uint8_t> &labels);

// Image `index` of a set in [0, 1], 1×1×H×W: what a view draws and normalizedImage takes.
Tensor unitImage(const ImageSet &set, int index);

// One image in [0, 1] (rows × cols), as a 1×1×H×W tensor normalised for the network.
Tensor normalizedImage(const float *unitPixels, int rows, int cols, const PixelNormalization &norm);

} // namespace convscope
