#pragma once

#include "core/expected.h"

#include <cstdint>
#include <string>
#include <vector>

namespace convscope {

// The decompressed stream of gzip (or zlib) data up to `limit` bytes and one more, so that a
// caller sees that there is more than it expects without inflating it all: a 589 KB file can
// hold 1 GiB of zeros. source names the data in messages.
Expected<std::vector<std::uint8_t>> gunzip(const std::string &compressed, const std::string &source,
                                           std::int64_t limit);

bool isGzip(const std::string &bytes);

} // namespace convscope
