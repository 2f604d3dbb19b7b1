#pragma once

#include "core/expected.h"
#include "core/ops/geometry.h"
#include "core/tensor.h"

#include <span>
#include <string>
#include <vector>

namespace convscope::cli {

// Prints "convscope-cli COMMAND: message" and the usage to stderr; returns 2.
int usageError(const char *command, const std::string &message, const char *usage);
// Prints the message (and any derivation lines before it) to stderr; returns 1.
int failure(const Error &error, const std::vector<std::string> &derivation = {});
// True when the words ask for help: the usage is printed to stdout.
bool printedHelp(std::span<char *const> words, const char *usage);

// The text as a JSON string, quoted, with quotes, backslashes and control characters escaped.
std::string jsonString(const std::string &text);

// "input 28×28, kernel 5×5, stride 1,1, dilation 1,1, padding 2,2,2,2 (top, bottom, left,
// right, zero)", the effective kernel, then the derivation, on stdout.
void printGeometry(const Geometry &geometry, const std::vector<std::string> &derivation);
// "output: CxHxW", or "output: NxCxHxW" for a batched input; always the last line.
void printOutputShape(const Shape &shape, bool batched);

} // namespace convscope::cli
