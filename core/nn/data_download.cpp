#include "core/nn/data_download.h"

#include "core/file_io.h"
#include "core/io/gzip.h"
#include "core/io/tar.h"
#include "core/nn/dataset.h"

#include <algorithm>
#include <sstream>

namespace convscope {

namespace fs = std::filesystem;

namespace {

// CIFAR-10's archive is 170 MB, 185 MB unpacked.
constexpr std::int64_t kMaxArchiveBytes = std::int64_t(512) << 20;
constexpr std::int64_t kMaxManifestBytes = 64 * 1024;

const std::vector<std::string> &cifarMembers()
{
    static const std::vector<std::string> names = {"data_batch_1.bin", "data_batch_2.bin",
                                                   "data_batch_3.bin", "data_batch_4.bin",
                                                   "data_batch_5.bin", "test_batch.bin",
                                                   "batches.meta.txt"};
    return names;
}

// The batches out of cifar-10-binary.tar.gz, by their names without the folder.
Expected<void> unpackCifar(const fs::path &archive, const fs::path &staging)
{
    Expected<std::string> compressed = readFile(archive, kMaxArchiveBytes);
    if (!compressed)
        return compressed.error();
    Expected<std::vector<std::uint8_t>> tar = gunzip(*compressed, archive.string(),
                                                     kMaxArchiveBytes);
    if (!tar)
        return tar.error();
    if (std::int64_t(tar->size()) > kMaxArchiveBytes)
        return makeError(archive.string(), " unpacks to more than ", formatBytes(kMaxArchiveBytes));
    compressed->clear();
    const std::string_view bytes(reinterpret_cast<const char *>(tar->data()), tar->size());
    Expected<std::vector<TarMember>> members = listTar(bytes, archive.string());
    if (!members)
        return members.error();
    for (const std::string &name : cifarMembers()) {
        const auto member = std::find_if(members->begin(), members->end(), [&](const TarMember &m) {
            return fs::path(m.name).filename() == name;
        });
        if (member == members->end()) {
            if (name == "batches.meta.txt")
                continue;
            return makeError(archive.string(), " has no ", name,
                             ": it is not CIFAR-10's binary version");
        }
        if (auto ok = writeFileAtomically(staging / name, bytes.substr(size_t(member->offset),
                                                                       size_t(member->size)));
            !ok)
            return ok.error();
    }
    return {};
}

Expected<void> unpack(const DownloadManifest &manifest, const fs::path &partial,
                      const fs::path &staging)
{
    std::error_code error;
    fs::remove_all(staging, error);
    fs::create_directories(staging, error);
    if (error)
        return makeError("cannot make the folder ", staging.string(), ": ", error.message());
    if (manifest.name == "cifar10")
        return unpackCifar(partial / manifest.files.at(0).name, staging);
    for (const PublishedFile &file : manifest.files) {
        fs::copy_file(partial / file.name, staging / file.name, error);
        if (error)
            return makeError("cannot copy ", file.name, " into ", staging.string(), ": ",
                             error.message());
    }
    return {};
}

// Swaps the finished folder in: the old one, if any, is moved aside first and removed last.
Expected<void> place(const fs::path &staging, const fs::path &out)
{
    std::error_code error;
    const fs::path old = out.parent_path() / concat(".", out.filename().string(), ".old");
    fs::remove_all(old, error);
    if (fs::exists(out, error))
        fs::rename(out, old, error);
    if (error)
        return makeError("cannot move the old ", out.string(), " aside: ", error.message());
    fs::rename(staging, out, error);
    if (error)
        return makeError("cannot put the data set in ", out.string(), ": ", error.message());
    fs::remove_all(old, error);
    return {};
}

} // namespace

std::string downloadedName(const std::string &download)
{
    return download == "mnist" ? "mnist-full" : download;
}

Expected<void> downloadDataSet(const DownloadManifest &manifest, const fs::path &out,
                               const DownloadSettings &settings)
{
    if (manifest.name != "mnist" && manifest.name != "cifar10")
        return makeError("ConvScope cannot unpack a data set called ", manifest.name);
    const fs::path folder = out.has_filename() ? out : out.parent_path();
    const fs::path parent = folder.parent_path().empty() ? fs::path(".") : folder.parent_path();
    const std::string stem = folder.filename().string();
    const fs::path partial = parent / concat(".", stem, ".partial");
    const fs::path staging = parent / concat(".", stem, ".staging");
    if (auto fetched = fetchFiles(manifest, partial, settings); !fetched)
        return fetched.error();
    if (auto unpacked = unpack(manifest, partial, staging); !unpacked) {
        std::error_code error;
        fs::remove_all(staging, error);
        return unpacked.error();
    }
    if (Expected<DataSet> data = loadDataSet(staging.string()); !data) {
        std::error_code error;
        fs::remove_all(staging, error);
        return makeError("the downloaded ", manifest.name,
                         " is not a data set: ", data.error().message);
    }
    if (auto placed = place(staging, folder); !placed)
        return placed.error();
    std::error_code error;
    fs::remove_all(partial, error);
    return {};
}

Expected<DownloadManifest> parseManifest(std::string_view text, const std::string &name,
                                         const std::string &source)
{
    if (std::int64_t(text.size()) > kMaxManifestBytes)
        return makeError(source, " is larger than a manifest may be (",
                         formatBytes(kMaxManifestBytes), ")");
    Expected<DownloadManifest> published = findDownload(name);
    if (!published)
        return published.error();
    DownloadManifest manifest{name, {}, {}};
    std::istringstream lines{std::string(text)};
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        line = line.substr(0, line.find('#'));
        std::istringstream words(line);
        PublishedFile file;
        if (!(words >> file.name))
            continue;
        std::string extra;
        if (!(words >> file.bytes >> file.md5) || (words >> extra) || file.bytes < 1
            || file.md5.size() != 32
            || file.md5.find_first_not_of("0123456789abcdef") != std::string::npos)
            return makeError(source, ", line ", number, ": a file is 'NAME BYTES MD5' with ",
                             "BYTES above 0 and MD5 as 32 lowercase hex digits");
        manifest.files.push_back(file);
    }
    std::vector<std::string> expected, given;
    for (const PublishedFile &file : published->files)
        expected.push_back(file.name);
    for (const PublishedFile &file : manifest.files)
        given.push_back(file.name);
    std::sort(expected.begin(), expected.end());
    std::sort(given.begin(), given.end());
    if (expected != given) {
        std::string names;
        for (const std::string &file : expected)
            names += (names.empty() ? "" : ", ") + file;
        return makeError(source, " must list the files of ", name, ": ", names);
    }
    return manifest;
}

} // namespace convscope
