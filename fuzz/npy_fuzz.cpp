// NumPy .npy arrays: the header dictionary, the shape and the data size, then the checks that
// make an array an input (shape, size, finite values, colour conversion).
#include "core/io/npy.h"
#include "core/io/tensor_io.h"
#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string bytes = convscope::fuzz::bytesOf(data, size);
    if (convscope::parseNpy(bytes, "fuzz").ok())
        (void) convscope::decodeTensorFile(bytes, "fuzz", convscope::ColorMode::Rgb);
    return 0;
}
