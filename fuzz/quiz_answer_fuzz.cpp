// A pop quiz answer as a student types it: the first byte picks the question, the rest is the
// text; marking reads any bytes, and only the answer's own numbers are right.
#include "core/lessons/quiz.h"
#include "fuzz/fuzz_target.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    convscope::QuizGenerator quiz(data[0]);
    const convscope::Question question = quiz.next();
    const std::string typed = convscope::fuzz::bytesOf(data + 1, size - 1);
    const convscope::Marking marking = convscope::markAnswer(question, typed);
    if (marking.verdict == convscope::Verdict::Right
        && typed.find_first_of("0123456789") == std::string::npos)
        std::abort(); // a right answer holds the answer's digits
    return 0;
}
