#pragma once

#include "core/io/idx.h"
#include "tests/support/archives.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace convscope::fuzz {

// Writes bytes to folder/name, creating the folder; says why on stderr when it cannot.
bool write(const std::filesystem::path &folder, const std::string &name, const std::string &bytes);

using test::bigEndian32;
using test::gzipped;
std::string idxBytes(const IdxArray &array);
std::string littleEndian32(std::uint32_t value);
std::string littleEndian16(std::uint16_t value);

// The seeds of every target: small valid inputs of every format.
bool writeSeeds(const std::filesystem::path &out);
// Every malformed input that must be refused: issue 14's reproducers and one file per way a
// format can be broken, one folder per target (fuzz/README.md).
bool writeRegressions(const std::filesystem::path &out);

} // namespace convscope::fuzz
