// Model files (.csm): header, architecture, tensors and checksum.
#include "core/nn/model_file.h"
#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    (void) convscope::decodeModel(convscope::fuzz::bytesOf(data, size), "fuzz");
    return 0;
}
