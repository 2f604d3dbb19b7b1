// What a download brings: a tar archive, plain or gzip-compressed (CIFAR-10's), and a download
// manifest of other files (convscope-cli data download --manifest); the first byte picks which.
#include "core/io/gzip.h"
#include "core/io/tar.h"
#include "core/nn/data_download.h"
#include "fuzz/fuzz_target.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace convscope;
    if (size == 0)
        return 0;
    const std::string bytes = fuzz::bytesOf(data + 1, size - 1);
    if (data[0] & 1) {
        (void) parseManifest(bytes, data[0] & 2 ? "cifar10" : "mnist", "manifest.txt");
        return 0;
    }
    std::string tar = bytes;
    if (isGzip(bytes)) {
        const Expected<std::vector<std::uint8_t>> inflated = gunzip(bytes, "a.tar.gz", 1 << 22);
        if (!inflated)
            return 0;
        tar.assign(inflated->begin(), inflated->end());
    }
    const Expected<std::vector<TarMember>> members = listTar(tar, "a.tar");
    if (!members)
        return 0;
    for (const TarMember &member : *members) {
        if (member.offset < 0 || member.size < 0
            || member.offset + member.size > std::int64_t(tar.size()))
            std::abort(); // a member lies inside the archive
    }
    return 0;
}
