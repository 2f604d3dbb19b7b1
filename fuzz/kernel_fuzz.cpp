// Kernel text grids: rows of numbers separated by spaces or commas.
#include "core/explorer/kernels.h"
#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    (void) convscope::parseKernelGrid(convscope::fuzz::bytesOf(data, size), "fuzz");
    return 0;
}
