#pragma once

// The shape every target has: libFuzzer hands it bytes, the parser under test must answer with
// a value or an error and never crash, hang or allocate beyond what the bytes justify.

#include <cstddef>
#include <cstdint>
#include <string>

namespace convscope::fuzz {

inline std::string bytesOf(const std::uint8_t *data, std::size_t size)
{
    return std::string(reinterpret_cast<const char *>(data), size);
}

} // namespace convscope::fuzz
