// The one-line architecture spec: parsed, described without weights, and built.
#include "core/nn/digit_input.h"
#include "core/nn/network.h"
#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const convscope::Expected<convscope::Architecture> architecture = convscope::parseArchitecture(
        convscope::fuzz::bytesOf(data, size));
    if (!architecture)
        return 0;
    (void) convscope::tabulate(*architecture, convscope::kDigitShape);
    (void) convscope::Network::create(*architecture, convscope::kDigitShape);
    return 0;
}
