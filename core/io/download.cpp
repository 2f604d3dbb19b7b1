#include "core/io/download.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <cstdio>
#include <memory>
#include <mutex>

namespace convscope {

namespace fs = std::filesystem;

const std::vector<DownloadManifest> &publishedDataSets()
{
    // torchvision's mirrors and checksums for MNIST; the authors' page for CIFAR-10.
    static const std::vector<DownloadManifest> all = {
        {"mnist",
         {"https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"},
         {{"train-images-idx3-ubyte.gz", 9912422, "f68b3c2dcbeaaa9fbdd348bbdeb94873"},
          {"train-labels-idx1-ubyte.gz", 28881, "d53e105ee54ea40749a09fcbcd1e9432"},
          {"t10k-images-idx3-ubyte.gz", 1648877, "9fb629c4189551a2d022fa330f9573f3"},
          {"t10k-labels-idx1-ubyte.gz", 4542, "ec29112dd5afa0611ce80d1b7f02629c"}}},
        {"cifar10",
         {"https://www.cs.toronto.edu/~kriz/"},
         {{"cifar-10-binary.tar.gz", 170052171, "c32a1d4ab5d03f1284b67883e8d87530"}}},
    };
    return all;
}

Expected<DownloadManifest> findDownload(const std::string &name)
{
    for (const DownloadManifest &manifest : publishedDataSets()) {
        if (manifest.name == name)
            return manifest;
    }
    return makeError("there is no data set '", name, "' to download: mnist or cifar10");
}

namespace {

std::string hex(const unsigned char *bytes, unsigned length)
{
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < length; ++i) {
        out += kDigits[bytes[i] >> 4];
        out += kDigits[bytes[i] & 15];
    }
    return out;
}

struct DigestContext
{
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX *)> context{EVP_MD_CTX_new(), EVP_MD_CTX_free};
    DigestContext() { EVP_DigestInit_ex(context.get(), EVP_md5(), nullptr); }
    void add(const void *data, size_t size) { EVP_DigestUpdate(context.get(), data, size); }
    std::string finish()
    {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned length = 0;
        EVP_DigestFinal_ex(context.get(), digest, &length);
        return hex(digest, length);
    }
};

std::int64_t sizeOf(const fs::path &path)
{
    std::error_code error;
    const auto size = fs::file_size(path, error);
    return error ? 0 : std::int64_t(size);
}

struct Transfer
{
    std::FILE *out = nullptr;
    std::int64_t received = 0; // bytes in the file, the resumed part included
    std::int64_t limit = 0;
    bool tooLong = false;
    const DownloadSettings *settings = nullptr;
    DownloadProgress progress;
};

bool cancelled(const DownloadSettings &settings)
{
    return settings.cancel && settings.cancel->load();
}

size_t writeChunk(char *data, size_t size, size_t count, void *user)
{
    auto *t = static_cast<Transfer *>(user);
    const size_t bytes = size * count;
    if (cancelled(*t->settings))
        return 0;
    if (t->received + std::int64_t(bytes) > t->limit) {
        t->tooLong = true;
        return 0;
    }
    if (std::fwrite(data, 1, bytes, t->out) != bytes)
        return 0;
    t->received += std::int64_t(bytes);
    return bytes;
}

int reportProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto *t = static_cast<Transfer *>(user);
    if (cancelled(*t->settings))
        return 1;
    if (t->settings->progress) {
        t->progress.received = t->received;
        t->settings->progress(t->progress);
    }
    return 0;
}

enum class Outcome { Done, Failed, Cancelled };

// One attempt at one file on one mirror, appending to what the file holds.
Outcome fetchOnce(const std::string &url, const fs::path &target, const PublishedFile &file,
                  Transfer &t, std::string &why)
{
    const std::int64_t had = sizeOf(target);
    std::FILE *out = std::fopen(target.c_str(), had > 0 ? "ab" : "wb");
    if (!out) {
        why = concat("cannot write ", target.string());
        return Outcome::Failed;
    }
    t.out = out;
    t.received = had;
    t.limit = file.bytes;
    t.tooLong = false;
    std::unique_ptr<CURL, void (*)(CURL *)> curl(curl_easy_init(), curl_easy_cleanup);
    char error[CURL_ERROR_SIZE] = {};
    CURL *c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "127.0.0.1,localhost,::1");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "ConvScope");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, t.settings->connectSeconds);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, t.settings->stallSeconds);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, writeChunk);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, reportProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    if (had > 0)
        curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, curl_off_t(had));
    const CURLcode code = curl_easy_perform(c);
    const bool closed = std::fclose(out) == 0;
    if (cancelled(*t.settings))
        return Outcome::Cancelled;
    if (t.tooLong) {
        why = concat("it sent more than the ", file.bytes, " bytes published for ", file.name);
        fs::remove(target);
        return Outcome::Failed;
    }
    if (code != CURLE_OK) {
        why = error[0] ? std::string(error) : std::string(curl_easy_strerror(code));
        if (code == CURLE_RANGE_ERROR) // the server cannot resume: start again next time
            fs::remove(target);
        return Outcome::Failed;
    }
    if (!closed) {
        why = concat("cannot write ", target.string());
        return Outcome::Failed;
    }
    if (t.received != file.bytes) {
        why = concat("the transfer ended after ", t.received, " of ", file.bytes, " bytes");
        return Outcome::Failed;
    }
    return Outcome::Done;
}

// Whether a whole file has the published checksum; a file that has not is removed.
bool verified(const fs::path &target, const PublishedFile &file, std::string &why)
{
    Expected<std::string> md5 = md5OfFile(target);
    if (md5 && *md5 == file.md5)
        return true;
    why = md5 ? concat("its ", file.name, " has the MD5 ", *md5, ", not the published ", file.md5)
              : md5.error().message;
    fs::remove(target);
    return false;
}

void initializeCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

Expected<std::string> md5OfFile(const fs::path &path)
{
    std::unique_ptr<std::FILE, int (*)(std::FILE *)> in(std::fopen(path.c_str(), "rb"), std::fclose);
    if (!in)
        return makeError("cannot read ", path.string());
    DigestContext digest;
    std::vector<char> chunk(1 << 20);
    while (const size_t n = std::fread(chunk.data(), 1, chunk.size(), in.get()))
        digest.add(chunk.data(), n);
    if (std::ferror(in.get()))
        return makeError("cannot read ", path.string());
    return digest.finish();
}

std::string md5Of(std::string_view bytes)
{
    DigestContext digest;
    digest.add(bytes.data(), bytes.size());
    return digest.finish();
}

Expected<void> fetchFiles(const DownloadManifest &manifest, const fs::path &folder,
                          const DownloadSettings &settings)
{
    initializeCurl();
    std::error_code error;
    fs::create_directories(folder, error);
    if (error)
        return makeError("cannot make the folder ", folder.string(), ": ", error.message());
    std::vector<std::string> mirrors = settings.mirrors;
    if (settings.manifestMirrors)
        mirrors.insert(mirrors.end(), manifest.mirrors.begin(), manifest.mirrors.end());
    if (mirrors.empty())
        return makeError("no mirror to download ", manifest.name, " from");
    for (size_t i = 0; i < manifest.files.size(); ++i) {
        const PublishedFile &file = manifest.files[i];
        const fs::path target = folder / file.name;
        std::string why;
        // A file of its whole size or more is kept only with the right checksum; a shorter one
        // is the part of an earlier attempt, resumed.
        if (sizeOf(target) >= file.bytes && verified(target, file, why))
            continue;
        std::vector<std::string> failures;
        bool done = false;
        for (std::string mirror : mirrors) {
            if (mirror.back() != '/')
                mirror += '/';
            Transfer t;
            t.settings = &settings;
            t.progress = {file.name, int(i), int(manifest.files.size()), 0, file.bytes, mirror};
            const Outcome outcome = fetchOnce(mirror + file.name, target, file, t, why);
            if (outcome == Outcome::Cancelled)
                return makeError("the download of ", manifest.name, " was cancelled; ",
                                 "what arrived is kept for the next attempt");
            if (outcome == Outcome::Done && verified(target, file, why)) {
                done = true;
                break;
            }
            failures.push_back(concat(mirror, ": ", why));
        }
        if (!done) {
            std::string all;
            for (const std::string &failure : failures)
                all += "\n  " + failure;
            return makeError("could not download ", file.name, " from any mirror:", all);
        }
    }
    return {};
}

} // namespace convscope
