// ONNX models: the protobuf, the checker, and the conversion of the graph into our layers.
#include "core/nn/onnx_import.h"
#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    (void) convscope::importOnnx(convscope::fuzz::bytesOf(data, size), "fuzz");
    return 0;
}
