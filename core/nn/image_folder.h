#pragma once

#include "core/expected.h"
#include "core/nn/dataset.h"

#include <cstdint>
#include <filesystem>

namespace convscope {

// A data set of pictures in the layout of torchvision's ImageFolder and Keras'
// image_dataset_from_directory: one subfolder per class, named after it (its files may sit in
// folders of their own below), optionally under train/ and test/. Without those two, a
// seeded split keeps a fifth of each class's images (at least one of a class of two or more)
// for the test. Classes are numbered in the order of their sorted names, as torchvision does.
//
// Every file is decoded (any format core/io/image_io reads; hidden files and folders are
// ignored), its shorter side resized to options.imageSize and its centre square kept, as the
// recipe "crop" makes a picture into a model's input. A file that cannot be read is skipped
// and listed in DataSet::skipped with the reason. A layout with fewer than two classes, a
// class without a readable training image, or a test split without images is refused.
constexpr int kMinFolderImageSize = 8;
constexpr int kMaxFolderImageSize = 256;
constexpr int kMaxFolderImages = 200'000;
constexpr int kMaxFolderClasses = kMaxClasses;
// What the decoded images may take together, checked before any is decoded: 50,000 colour
// images of 64×64 take 614 MB.
constexpr std::int64_t kMaxFolderDataBytes = std::int64_t(2) << 30;

Expected<DataSet> loadImageFolder(const std::filesystem::path &folder,
                                  const FolderOptions &options = {});

// What a folder holds before anything is decoded, for a dialog to show: its classes and how
// many files each has (train/ and test/ together), or why it is no image folder.
struct FolderClasses
{
    std::vector<std::string> names;
    std::vector<int> files;
    bool presplit = false; // train/ and test/
};
Expected<FolderClasses> scanImageFolder(const std::filesystem::path &folder);

} // namespace convscope
