// CIFAR-10's binary batches (its batches.meta.txt is a label file, fuzzed by the recipe target).
#include "core/io/cifar.h"
#include "fuzz/fuzz_target.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace convscope;
    const std::string bytes = fuzz::bytesOf(data, size);
    const Expected<CifarBatch> batch = parseCifarBatch(bytes, "data_batch_1.bin");
    if (batch && batch->pixels.size() != batch->labels.size() * size_t(kCifarImageBytes))
        std::abort(); // every label has its image
    return 0;
}
