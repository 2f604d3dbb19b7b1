#pragma once

#include "core/expected.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace convscope {

// The whole file, or a message that names it and says why it cannot be read (missing, a
// folder, empty, larger than maxBytes, unreadable).
Expected<std::string> readFile(const std::filesystem::path &path, std::int64_t maxBytes);

// Writes a temporary file beside the target and renames it over the target, so that a failure
// at any point leaves an existing file as it was and never leaves a half-written one.
Expected<void> writeFileAtomically(const std::filesystem::path &path, std::string_view bytes);

// "12.3 MB"
std::string formatBytes(std::int64_t bytes);

} // namespace convscope
