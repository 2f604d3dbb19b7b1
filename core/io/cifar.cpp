#include "core/io/cifar.h"

#include "core/file_io.h"

#include <algorithm>

namespace convscope {

Expected<CifarBatch> parseCifarBatch(std::string_view bytes, const std::string &source)
{
    if (bytes.empty())
        return makeError(source, " is empty: a CIFAR-10 batch holds records of ", kCifarRecordBytes,
                         " bytes");
    if (std::int64_t(bytes.size()) % kCifarRecordBytes != 0)
        return makeError(source, " is not a CIFAR-10 batch: its ", bytes.size(),
                         " bytes are not whole records of ", kCifarRecordBytes,
                         " bytes (a label and 3×32×32 pixels)");
    if (std::int64_t(bytes.size()) > kMaxCifarBatchBytes)
        return makeError(source, " holds ", std::int64_t(bytes.size()) / kCifarRecordBytes,
                         " records, more than the ", kMaxCifarBatchBytes / kCifarRecordBytes,
                         " a CIFAR-10 batch may have");
    const std::int64_t count = std::int64_t(bytes.size()) / kCifarRecordBytes;
    CifarBatch batch;
    batch.labels.resize(size_t(count));
    batch.pixels.resize(size_t(count * kCifarImageBytes));
    for (std::int64_t i = 0; i < count; ++i) {
        const char *record = bytes.data() + i * kCifarRecordBytes;
        const auto label = static_cast<std::uint8_t>(record[0]);
        if (label >= kCifarClasses)
            return makeError(source, ": record ", i, " has label ", int(label),
                             ", but CIFAR-10's labels are 0–9");
        batch.labels[size_t(i)] = label;
        std::copy_n(record + 1, kCifarImageBytes, batch.pixels.begin() + i * kCifarImageBytes);
    }
    return batch;
}

Expected<CifarBatch> readCifarBatch(const std::filesystem::path &path)
{
    Expected<std::string> bytes = readFile(path, kMaxCifarBatchBytes);
    if (!bytes)
        return bytes.error();
    return parseCifarBatch(*bytes, path.string());
}

} // namespace convscope
