#pragma once

#include "core/expected.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace convscope {

// A file as its publisher gives it: its name on every mirror, its size and its MD5 (the
// checksum MNIST's and CIFAR-10's pages and torchvision publish).
struct PublishedFile
{
    std::string name;
    std::int64_t bytes = 0;
    std::string md5; // 32 lowercase hex digits
};

struct DownloadManifest
{
    std::string name;                 // "mnist", "cifar10"
    std::vector<std::string> mirrors; // URLs that end with '/', tried in order
    std::vector<PublishedFile> files;
};

// The data sets ConvScope can fetch: the full MNIST (four gzip files) and CIFAR-10's binary
// version (one tar.gz).
const std::vector<DownloadManifest> &publishedDataSets();
Expected<DownloadManifest> findDownload(const std::string &name);

struct DownloadProgress
{
    std::string file;
    int fileIndex = 0; // from 0
    int fileCount = 0;
    std::int64_t received = 0; // of this file, a resumed part included
    std::int64_t total = 0;    // of this file
    std::string mirror;
};

struct DownloadSettings
{
    // Tried before the manifest's own mirrors (convscope-cli data download --mirror).
    std::vector<std::string> mirrors;
    bool manifestMirrors = true;
    long connectSeconds = 20;
    // A transfer slower than 1 KB/s for this long is given up on that mirror.
    long stallSeconds = 30;
    // Called from the downloading thread; may be empty.
    std::function<void(const DownloadProgress &)> progress;
    // Set from any thread to end the download at its next chunk.
    const std::atomic<bool> *cancel = nullptr;
};

// Fetches every file of the manifest into `folder` (created if need be). A file already there
// whole with the published checksum is kept; a shorter one is resumed with an HTTP range. Each
// file is tried on each mirror in turn: a connection that fails or drops, an HTTP error, a
// body longer than published or a wrong checksum (the file is then removed) moves on to the
// next mirror; when all fail, the error lists each mirror's reason. A cancelled download says
// so and keeps what it has, for the next attempt to resume.
Expected<void> fetchFiles(const DownloadManifest &manifest, const std::filesystem::path &folder,
                          const DownloadSettings &settings);

// The MD5 of a file as 32 lowercase hex digits.
Expected<std::string> md5OfFile(const std::filesystem::path &path);
std::string md5Of(std::string_view bytes);

} // namespace convscope
