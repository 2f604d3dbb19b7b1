// IDX files, plain and gzip-compressed (recognised by their first two bytes).
#include "core/io/idx.h"
#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    (void) convscope::parseIdx(convscope::fuzz::bytesOf(data, size), "fuzz");
    return 0;
}
