#pragma once

#include "core/expected.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace convscope {

// An IDX file of unsigned bytes, the format of MNIST and Fashion-MNIST: labels are 1-D
// (count), images 3-D (count×rows×columns).
struct IdxArray
{
    std::vector<std::int64_t> dims;
    std::vector<std::uint8_t> data;
};

// Reads a plain or gzip-compressed IDX file (recognised by its content, not its name). Refuses
// a wrong magic number, an element type other than unsigned byte, a truncated file and
// dimensions that disagree with the file size, naming the file and the problem.
Expected<IdxArray> readIdx(const std::filesystem::path &path);
// The same from a file's bytes; source names them in messages.
Expected<IdxArray> parseIdx(const std::string &bytes, const std::string &source);

// Writes an uncompressed IDX file of unsigned bytes, atomically.
Expected<void> writeIdx(const std::filesystem::path &path, const IdxArray &array);

} // namespace convscope
