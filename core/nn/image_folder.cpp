#include "core/nn/image_folder.h"

#include "core/file_io.h"
#include "core/io/image_io.h"
#include "core/nn/input_recipe.h"
#include "core/parallel.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace convscope {

namespace fs = std::filesystem;

namespace {

bool hidden(const fs::path &path)
{
    const std::string name = path.filename().string();
    return !name.empty() && name[0] == '.';
}

// The sorted, visible subfolders of a folder.
std::vector<fs::path> subfolders(const fs::path &folder)
{
    std::vector<fs::path> found;
    std::error_code error;
    for (const fs::directory_entry &entry : fs::directory_iterator(folder, error)) {
        std::error_code kind;
        if (entry.is_directory(kind) && !hidden(entry.path()))
            found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    return found;
}

// Every visible file below a class's folder, sorted, so that a seed always gives one split.
std::vector<fs::path> filesBelow(const fs::path &folder)
{
    std::vector<fs::path> files;
    std::error_code error;
    auto it = fs::recursive_directory_iterator(folder, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (hidden(it->path())) {
            if (it->is_directory(error))
                it.disable_recursion_pending();
            continue;
        }
        std::error_code kind;
        if (it->is_regular_file(kind))
            files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

struct FileEntry
{
    fs::path path;
    int label = 0;
    bool test = false; // from test/, in the train/ and test/ layout
};

// One decoded picture: its channels (1 or 3) and bytes, or why it could not be read.
struct Decoded
{
    int channels = 0;
    std::vector<std::uint8_t> pixels;
    std::string error;
};

Decoded decode(const fs::path &path, int side)
{
    Decoded out;
    Expected<std::string> bytes = readFile(path, kMaxImageFileBytes);
    if (!bytes) {
        out.error = bytes.error().message;
        return out;
    }
    Expected<Tensor> picture = decodeImage(*bytes, path.filename().string());
    if (!picture) {
        out.error = picture.error().message;
        return out;
    }
    const int channels = picture->shape().c == 1 ? 1 : 3;
    InputRecipe recipe;
    Expected<Tensor> fitted = fitPicture(*picture, {1, channels, side, side}, recipe);
    if (!fitted) {
        out.error = fitted.error().message;
        return out;
    }
    out.channels = channels;
    out.pixels.resize(size_t(fitted->size()));
    for (std::int64_t i = 0; i < fitted->size(); ++i)
        out.pixels[size_t(i)] = std::uint8_t(
            std::lround(std::clamp(fitted->data()[i], 0.0f, 1.0f) * 255.0f));
    return out;
}

// Gray → RGB repeats the plane; RGB → gray weighs as core/io/image_io does.
void appendImage(ImageSet &set, const Decoded &image, int channels)
{
    const size_t plane = size_t(set.rows) * size_t(set.cols);
    if (image.channels == channels) {
        set.pixels.insert(set.pixels.end(), image.pixels.begin(), image.pixels.end());
        return;
    }
    if (channels == 3) {
        for (int c = 0; c < 3; ++c)
            set.pixels.insert(set.pixels.end(), image.pixels.begin(), image.pixels.end());
        return;
    }
    for (size_t p = 0; p < plane; ++p)
        set.pixels.push_back(
            std::uint8_t(std::lround(0.299 * image.pixels[p] + 0.587 * image.pixels[plane + p]
                                     + 0.114 * image.pixels[2 * plane + p])));
}

Expected<std::vector<FileEntry>> listFiles(const fs::path &folder,
                                           std::vector<std::string> &classes, bool &presplit)
{
    const std::vector<fs::path> top = subfolders(folder);
    const auto named = [&](const char *name) {
        return std::find(top.begin(), top.end(), folder / name) != top.end();
    };
    presplit = named("train") && named("test");
    const fs::path classRoot = presplit ? folder / "train" : folder;
    std::vector<FileEntry> files;
    for (const fs::path &sub : subfolders(classRoot))
        classes.push_back(sub.filename().string());
    if (classes.empty())
        return makeError(classRoot.string(), " has no subfolders: an image folder has one ",
                         "subfolder of pictures per class (or train/ and test/ with those "
                         "inside); a folder of MNIST data needs its four IDX files, and one of "
                         "CIFAR-10 its binary batches");
    if (classes.size() == 1)
        return makeError(classRoot.string(), " has one class, '", classes[0],
                         "': a classifier needs at least two subfolders of pictures");
    if (classes.size() > size_t(kMaxFolderClasses))
        return makeError(classRoot.string(), " has ", classes.size(), " class subfolders; at most ",
                         kMaxFolderClasses, " are possible");
    for (size_t k = 0; k < classes.size(); ++k) {
        for (fs::path &file : filesBelow(classRoot / classes[k]))
            files.push_back({std::move(file), int(k), false});
    }
    if (presplit) {
        for (const fs::path &sub : subfolders(folder / "test")) {
            const auto k = std::find(classes.begin(), classes.end(), sub.filename().string());
            if (k == classes.end())
                return makeError(sub.string(), " is a class that train/ does not have: the ",
                                 "classes are ", join(classes, ", "));
            for (fs::path &file : filesBelow(sub))
                files.push_back({std::move(file), int(k - classes.begin()), true});
        }
    }
    return files;
}

Expected<void> checkOptions(const FolderOptions &options)
{
    if (options.imageSize < kMinFolderImageSize || options.imageSize > kMaxFolderImageSize)
        return makeError("the image size ", options.imageSize, " is out of range: a folder's ",
                         "pictures are made ", kMinFolderImageSize, " to ", kMaxFolderImageSize,
                         " pixels square");
    return {};
}

// A fifth of each class, at least one of a class of two or more, drawn with the seed.
std::vector<bool> drawTestSplit(const std::vector<FileEntry> &files,
                                const std::vector<Decoded> &decoded, int classes,
                                std::uint64_t seed)
{
    std::vector<bool> test(files.size(), false);
    std::mt19937_64 rng(seed);
    for (int k = 0; k < classes; ++k) {
        std::vector<size_t> members;
        for (size_t i = 0; i < files.size(); ++i) {
            if (files[i].label == k && decoded[i].error.empty())
                members.push_back(i);
        }
        std::shuffle(members.begin(), members.end(), rng);
        const size_t n = members.size();
        const size_t held = n < 2 ? 0 : std::max<size_t>(1, size_t(std::lround(0.2 * double(n))));
        for (size_t j = 0; j < held; ++j)
            test[members[j]] = true;
    }
    return test;
}

} // namespace

Expected<FolderClasses> scanImageFolder(const fs::path &folder)
{
    FolderClasses found;
    Expected<std::vector<FileEntry>> files = listFiles(folder, found.names, found.presplit);
    if (!files)
        return files.error();
    found.files.assign(found.names.size(), 0);
    for (const FileEntry &file : *files)
        ++found.files[size_t(file.label)];
    return found;
}

Expected<DataSet> loadImageFolder(const fs::path &folder, const FolderOptions &options)
{
    if (auto ok = checkOptions(options); !ok)
        return ok.error();
    DataSet data;
    data.name = folder.string();
    data.folder = folder;
    data.classNames.clear();
    bool presplit = false;
    Expected<std::vector<FileEntry>> files = listFiles(folder, data.classNames, presplit);
    if (!files)
        return files.error();
    const int side = options.imageSize;
    const std::int64_t bytes = std::int64_t(files->size()) * 3 * side * side;
    if (files->size() > size_t(kMaxFolderImages) || bytes > kMaxFolderDataBytes)
        return makeError(folder.string(), " holds ", files->size(), " files; as ", side, "×", side,
                         " pictures they would take ", formatBytes(bytes), ", more than the ",
                         kMaxFolderImages, " pictures or ", formatBytes(kMaxFolderDataBytes),
                         " a data set may have");

    std::vector<Decoded> decoded(files->size());
    parallelFor(std::int64_t(files->size()), 4, [&](std::int64_t begin, std::int64_t end) {
        for (std::int64_t i = begin; i < end; ++i)
            decoded[size_t(i)] = decode((*files)[size_t(i)].path, side);
    });

    bool anyColor = false;
    std::vector<int> trainCounts(data.classNames.size(), 0);
    std::vector<int> failedCounts(data.classNames.size(), 0);
    for (size_t i = 0; i < files->size(); ++i) {
        const FileEntry &file = (*files)[i];
        if (!decoded[i].error.empty()) {
            data.skipped.push_back(concat(file.path.string(), ": ", decoded[i].error));
            ++failedCounts[size_t(file.label)];
            continue;
        }
        anyColor = anyColor || decoded[i].channels == 3;
        if (!file.test)
            ++trainCounts[size_t(file.label)];
    }
    for (size_t k = 0; k < data.classNames.size(); ++k) {
        if (trainCounts[k] == 0)
            return makeError("the class '", data.classNames[k], "' has no ",
                             presplit ? "training picture in train/" : "picture",
                             failedCounts[k]
                                 ? concat(" that could be read (", failedCounts[k], " could not)")
                                 : std::string(),
                             ": every class needs pictures to learn from");
    }

    const int channels = options.color == FolderOptions::Color::Rgb    ? 3
                         : options.color == FolderOptions::Color::Gray ? 1
                         : anyColor                                    ? 3
                                                                       : 1;
    const std::vector<bool> drawn = presplit ? std::vector<bool>()
                                             : drawTestSplit(*files, decoded, data.classCount(),
                                                             options.seed);
    for (ImageSet *set : {&data.train, &data.test}) {
        set->channels = channels;
        set->rows = side;
        set->cols = side;
    }
    for (size_t i = 0; i < files->size(); ++i) {
        if (!decoded[i].error.empty())
            continue;
        const bool test = presplit ? (*files)[i].test : bool(drawn[i]);
        ImageSet &set = test ? data.test : data.train;
        appendImage(set, decoded[i], channels);
        set.labels.push_back(std::uint8_t((*files)[i].label));
        decoded[i] = {};
    }
    if (data.test.count() == 0)
        return makeError(folder.string(),
                         presplit ? "/test has no picture that could be read"
                                  : " has too few pictures to keep any for the "
                                    "test: give a class two or more",
                         "; the test split measures what the network learned");
    data.splitDrawn = !presplit;
    data.recipe = "crop";
    return data;
}

} // namespace convscope
