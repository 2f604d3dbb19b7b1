#pragma once

#include <string>
#include <vector>

namespace convscope::test {

struct ProcessResult
{
    int exitCode = -1; // -1 when the process did not exit normally (e.g. a crash)
    int signal = 0;
    std::string out;
    std::string err;
    double seconds = 0.0;    // wall-clock time from start to exit
    long peakResidentKb = 0; // the most memory the process held at once
};

// Runs a program with arguments (no shell) and collects what it prints.
ProcessResult runProcess(const std::string &program, const std::vector<std::string> &args);

} // namespace convscope::test
