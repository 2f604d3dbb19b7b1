// Downloads of the full data sets, against a server on 127.0.0.1 that this test starts: good,
// dropped, slow, corrupt and missing mirrors, resumption, cancel, checksums, unpacking and the
// atomic placement of the result. Nothing here leaves the machine.
#include "core/file_io.h"
#include "core/io/download.h"
#include "core/io/tar.h"
#include "core/nn/data_download.h"
#include "core/nn/dataset.h"
#include "tests/core/test_support.h"
#include "tests/support/archives.h"
#include "tests/support/loopback_server.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace convscope {
namespace {

namespace fs = std::filesystem;

bool has(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

// MNIST's four files in their published format, with 30 and 12 images of 28×28.
std::map<std::string, std::string> mnistFiles()
{
    auto images = [](std::uint32_t count) {
        // Noise, so that the files stay a few kilobytes when compressed.
        std::vector<std::uint8_t> pixels(count * 784);
        std::uint32_t state = count;
        for (std::uint8_t &p : pixels) {
            state = state * 1664525u + 1013904223u;
            p = std::uint8_t(state >> 24);
        }
        return test::gzipped(test::idxOf({count, 28, 28}, pixels));
    };
    auto labels = [](std::uint32_t count) {
        std::vector<std::uint8_t> values(count);
        for (size_t i = 0; i < values.size(); ++i)
            values[i] = std::uint8_t(i % 10);
        return test::gzipped(test::idxOf({count}, values));
    };
    return {{"train-images-idx3-ubyte.gz", images(30)},
            {"train-labels-idx1-ubyte.gz", labels(30)},
            {"t10k-images-idx3-ubyte.gz", images(12)},
            {"t10k-labels-idx1-ubyte.gz", labels(12)}};
}

std::string cifarBatch(int count, int seed)
{
    std::string bytes;
    for (int i = 0; i < count; ++i) {
        bytes += char((i + seed) % 10);
        for (int p = 0; p < 3072; ++p)
            bytes += char((p * 13 + i + seed) % 256);
    }
    return bytes;
}

std::string cifarArchive(bool withTest = true)
{
    std::vector<std::pair<std::string, std::string>> members;
    for (int i = 1; i <= 5; ++i)
        members.push_back({concat("cifar-10-batches-bin/data_batch_", i, ".bin"), cifarBatch(4, i)});
    if (withTest)
        members.push_back({"cifar-10-batches-bin/test_batch.bin", cifarBatch(6, 0)});
    members.push_back({"cifar-10-batches-bin/batches.meta.txt",
                       "plane\ncar\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n"});
    return test::gzipped(test::tarOf(members));
}

// The manifest of what the server holds, with its sizes and checksums.
DownloadManifest manifestOf(const std::string &name, const std::map<std::string, std::string> &files)
{
    DownloadManifest manifest{name, {}, {}};
    for (const auto &[file, bytes] : files)
        manifest.files.push_back({file, std::int64_t(bytes.size()), md5Of(bytes)});
    return manifest;
}

DownloadSettings mirrors(const test::LoopbackServer &server, std::vector<std::string> modes)
{
    DownloadSettings settings;
    for (const std::string &mode : modes)
        settings.mirrors.push_back(server.url(mode));
    settings.manifestMirrors = false;
    settings.stallSeconds = 1;
    return settings;
}

TEST(Download, Md5IsThePublishedDigest)
{
    EXPECT_EQ(md5Of(""), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(md5Of("The quick brown fox jumps over the lazy dog"),
              "9e107d9d372bb6826bd81d3542a419d6");
    for (const DownloadManifest &manifest : publishedDataSets()) {
        EXPECT_FALSE(manifest.mirrors.empty());
        for (const PublishedFile &file : manifest.files) {
            EXPECT_EQ(file.md5.size(), 32u) << file.name;
            EXPECT_GT(file.bytes, 0) << file.name;
        }
    }
}

TEST(Download, MnistFromAGoodMirrorBecomesADataSet)
{
    const auto files = mnistFiles();
    test::LoopbackServer server(files);
    test::TempDir dir;
    DownloadSettings settings = mirrors(server, {"good"});
    std::vector<DownloadProgress> seen;
    settings.progress = [&](const DownloadProgress &p) {
        seen.push_back(p);
    };
    Expected<void> done = downloadDataSet(manifestOf("mnist", files), dir / "mnist-full", settings);
    ASSERT_TRUE(done.ok()) << done.error().message;
    Expected<DataSet> data = loadDataSet((dir / "mnist-full").string());
    ASSERT_TRUE(data.ok()) << data.error().message;
    EXPECT_EQ(data->train.count(), 30);
    EXPECT_EQ(data->test.count(), 12);
    EXPECT_FALSE(fs::exists(dir / ".mnist-full.partial"));
    EXPECT_FALSE(fs::exists(dir / ".mnist-full.staging"));
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.back().fileCount, 4);
    EXPECT_EQ(seen.back().received, seen.back().total);
}

TEST(Download, EveryMirrorsErrorIsShownWhenAllFail)
{
    const auto files = mnistFiles();
    test::LoopbackServer server(files);
    test::TempDir dir;
    Expected<void> done = downloadDataSet(manifestOf("mnist", files), dir / "mnist-full",
                                          mirrors(server, {"missing", "corrupt", "drop"}));
    ASSERT_FALSE(done.ok());
    const std::string &message = done.error().message;
    EXPECT_TRUE(has(message, "could not download t10k-images-idx3-ubyte.gz from any mirror"))
        << message;
    EXPECT_TRUE(has(message, server.url("missing") + ": ") && has(message, "404")) << message;
    EXPECT_TRUE(has(message, server.url("corrupt")
                                 + ": its t10k-images-idx3-ubyte.gz has the "
                                   "MD5 "))
        << message;
    EXPECT_TRUE(has(message, server.url("drop") + ": ")) << message;
    EXPECT_FALSE(fs::exists(dir / "mnist-full"));
}

TEST(Download, ADroppedTransferResumesOnTheNextMirror)
{
    const auto files = mnistFiles();
    test::LoopbackServer server(files);
    test::TempDir dir;
    Expected<void> done = downloadDataSet(manifestOf("mnist", files), dir / "mnist-full",
                                          mirrors(server, {"drop", "good"}));
    ASSERT_TRUE(done.ok()) << done.error().message;
    const auto requests = server.requests();
    const std::string first = "t10k-images-idx3-ubyte.gz";
    const auto resumed = std::find_if(requests.begin(), requests.end(),
                                      [&](const auto &r) { return r.path == "/good/" + first; });
    ASSERT_NE(resumed, requests.end());
    EXPECT_EQ(resumed->rangeFrom, (long long) files.at(first).size() / 2);
    EXPECT_TRUE(loadDataSet((dir / "mnist-full").string()).ok());
}

TEST(Download, AServerThatCannotResumeStartsAgain)
{
    const auto files = mnistFiles();
    test::LoopbackServer server(files);
    test::TempDir dir;
    Expected<void> done = downloadDataSet(manifestOf("mnist", files), dir / "mnist-full",
                                          mirrors(server, {"drop", "norange", "good"}));
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_TRUE(loadDataSet((dir / "mnist-full").string()).ok());
}

TEST(Download, AStalledMirrorIsGivenUp)
{
    std::map<std::string, std::string> files = mnistFiles();
    test::LoopbackServer server(files);
    test::TempDir dir;
    Expected<void> done = downloadDataSet(manifestOf("mnist", files), dir / "mnist-full",
                                          mirrors(server, {"slow", "good"}));
    ASSERT_TRUE(done.ok()) << done.error().message;
    const auto requests = server.requests();
    EXPECT_TRUE(std::any_of(requests.begin(), requests.end(),
                            [](const auto &r) { return r.path.rfind("/slow/", 0) == 0; }));
}

TEST(Download, CancelKeepsWhatArrivedForTheNextAttemptAndNoDataSet)
{
    const auto files = mnistFiles();
    test::LoopbackServer server(files);
    test::TempDir dir;
    std::atomic<bool> cancel{false};
    DownloadSettings slow = mirrors(server, {"slow"});
    slow.stallSeconds = 30;
    slow.cancel = &cancel;
    slow.progress = [&](const DownloadProgress &p) {
        if (p.received >= 300)
            cancel = true;
    };
    Expected<void> stopped = downloadDataSet(manifestOf("mnist", files), dir / "mnist-full", slow);
    ASSERT_FALSE(stopped.ok());
    EXPECT_TRUE(has(stopped.error().message, "was cancelled")) << stopped.error().message;
    EXPECT_FALSE(fs::exists(dir / "mnist-full"));
    const fs::path part = dir / ".mnist-full.partial/t10k-images-idx3-ubyte.gz";
    ASSERT_TRUE(fs::exists(part));
    const auto kept = (long long) fs::file_size(part);
    EXPECT_GE(kept, 300);

    Expected<void> done = downloadDataSet(manifestOf("mnist", files), dir / "mnist-full",
                                          mirrors(server, {"good"}));
    ASSERT_TRUE(done.ok()) << done.error().message;
    const auto requests = server.requests();
    EXPECT_TRUE(std::any_of(requests.begin(), requests.end(), [&](const auto &r) {
        return r.path == "/good/t10k-images-idx3-ubyte.gz" && r.rangeFrom == kept;
    }));
}

TEST(Download, CifarIsTakenOutOfItsArchive)
{
    const std::map<std::string, std::string> files{{"cifar-10-binary.tar.gz", cifarArchive()}};
    test::LoopbackServer server(files);
    test::TempDir dir;
    Expected<void> done = downloadDataSet(manifestOf("cifar10", files), dir / "cifar10",
                                          mirrors(server, {"good"}));
    ASSERT_TRUE(done.ok()) << done.error().message;
    Expected<DataSet> data = loadDataSet((dir / "cifar10").string());
    ASSERT_TRUE(data.ok()) << data.error().message;
    EXPECT_EQ(data->inputShape(), (Shape{1, 3, 32, 32}));
    EXPECT_EQ(data->train.count(), 20);
    EXPECT_EQ(data->test.count(), 6);
    EXPECT_EQ(data->classNames[1], "car");
}

TEST(Download, AFailedDownloadLeavesTheOldDataSetAsItWas)
{
    test::TempDir dir;
    fs::create_directories(dir / "cifar10");
    ASSERT_TRUE(writeFileAtomically(dir / "cifar10/keep.txt", "mine").ok());
    const std::map<std::string, std::string> files{{"cifar-10-binary.tar.gz", cifarArchive(false)}};
    test::LoopbackServer server(files);
    Expected<void> done = downloadDataSet(manifestOf("cifar10", files), dir / "cifar10",
                                          mirrors(server, {"good"}));
    ASSERT_FALSE(done.ok());
    EXPECT_TRUE(has(done.error().message, "has no test_batch.bin")) << done.error().message;
    EXPECT_TRUE(fs::exists(dir / "cifar10/keep.txt"));
    EXPECT_FALSE(fs::exists(dir / ".cifar10.staging"));
}

TEST(Download, ManifestsNameTheDataSetsFiles)
{
    const std::string md5(32, 'a');
    Expected<DownloadManifest> ok = parseManifest("# test files\ncifar-10-binary.tar.gz 123 " + md5
                                                      + "\n",
                                                  "cifar10", "m.txt");
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->files[0].bytes, 123);
    EXPECT_TRUE(has(parseManifest("x.tar.gz 1 " + md5, "cifar10", "m.txt").error().message,
                    "must list the files of cifar10: cifar-10-binary.tar.gz"));
    EXPECT_TRUE(
        has(parseManifest("cifar-10-binary.tar.gz 0 " + md5, "cifar10", "m.txt").error().message,
            "m.txt, line 1: a file is 'NAME BYTES MD5'"));
    EXPECT_TRUE(
        has(parseManifest("cifar-10-binary.tar.gz 5 XYZ", "cifar10", "m.txt").error().message,
            "32 lowercase hex digits"));
    EXPECT_FALSE(parseManifest("", "imagenet", "m.txt").ok());
}

TEST(Tar, MembersAreListedAndCutArchivesRefused)
{
    const std::string tar = test::tarOf({{"a/b.bin", "hello"}, {"c.txt", std::string(600, 'x')}});
    Expected<std::vector<TarMember>> members = listTar(tar, "t.tar");
    ASSERT_TRUE(members.ok()) << members.error().message;
    ASSERT_EQ(members->size(), 2u);
    EXPECT_EQ((*members)[0].name, "a/b.bin");
    EXPECT_EQ(tar.substr(size_t((*members)[0].offset), 5), "hello");
    EXPECT_EQ((*members)[1].size, 600);
    Expected<std::vector<TarMember>> cut = listTar(tar.substr(0, 1600), "t.tar");
    ASSERT_FALSE(cut.ok());
    EXPECT_TRUE(has(cut.error().message, "claims 600 bytes but only 64 follow"))
        << cut.error().message;
    EXPECT_TRUE(has(listTar(tar.substr(0, 1200), "t.tar").error().message,
                    "ends inside a header at byte 1024"));
    std::string bad = tar;
    bad[124] = '9';
    EXPECT_TRUE(has(listTar(bad, "t.tar").error().message, "not an octal number"));
}

} // namespace
} // namespace convscope
