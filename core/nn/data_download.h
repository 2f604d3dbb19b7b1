#pragma once

#include "core/expected.h"
#include "core/io/download.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace convscope {

// The name loadDataSet knows a downloaded data set by: "mnist-full" for the full MNIST (the
// name "mnist" is the prepared subset), "cifar10" for CIFAR-10.
std::string downloadedName(const std::string &download);

// Fetches a published data set (core/io/download.h), unpacks it (MNIST's gzip files stay as
// they are; CIFAR-10's batches are taken out of its archive), checks that it loads as a data
// set and only then puts it in `out`, by renaming a finished folder: a failed or cancelled
// download leaves `out` as it was. The files fetched so far wait in a hidden folder beside
// `out` (".NAME.partial") for the next attempt to resume, and are removed once it is placed.
Expected<void> downloadDataSet(const DownloadManifest &manifest, const std::filesystem::path &out,
                               const DownloadSettings &settings);

// A manifest of other files in the same formats (tests, a school's own mirror): one line per
// file, "NAME BYTES MD5", '#' starting a comment. The files must be those the data set needs.
Expected<DownloadManifest> parseManifest(std::string_view text, const std::string &name,
                                         const std::string &source);

} // namespace convscope
