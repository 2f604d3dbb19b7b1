// NumPy .npy arrays: the header dictionary, the shape and the data size.
#include "core/io/npy.h"
#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    (void) convscope::parseNpy(convscope::fuzz::bytesOf(data, size), "fuzz");
    return 0;
}
