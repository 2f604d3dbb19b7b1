#pragma once

#include "core/expected.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace convscope {

// A regular file inside a tar archive (POSIX ustar or GNU): its path and where its bytes lie.
struct TarMember
{
    std::string name; // the prefix and name fields joined, as tar lists it
    std::int64_t offset = 0;
    std::int64_t size = 0;
};

// The regular files of an uncompressed tar archive, each checked to lie inside the bytes;
// other entries (folders, links, GNU long names) are passed over. source names the archive in
// messages.
Expected<std::vector<TarMember>> listTar(std::string_view archive, const std::string &source);

} // namespace convscope
