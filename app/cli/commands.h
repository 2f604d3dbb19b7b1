#pragma once

#include <span>

namespace convscope::cli {

// Each takes the words after its command name and returns the process exit code.
int runShape(std::span<char *const> words);
int runConvolve(std::span<char *const> words);
int runPool(std::span<char *const> words);
int runData(std::span<char *const> words);
int runTrain(std::span<char *const> words);
int runEvaluate(std::span<char *const> words);
int runPredict(std::span<char *const> words);
int runInfer(std::span<char *const> words);
int runExport(std::span<char *const> words);
int runFeaturemaps(std::span<char *const> words);
int runBenchTrain(std::span<char *const> words);
int runSummary(std::span<char *const> words);

} // namespace convscope::cli
