// Image files: the header guard, then OpenCV's decoder behind it.
#include "core/io/image_io.h"
#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string bytes = convscope::fuzz::bytesOf(data, size);
    (void) convscope::decodeImage(bytes, "fuzz", convscope::ColorMode::Auto);
    return 0;
}
