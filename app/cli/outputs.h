#pragma once

#include "core/expected.h"
#include "core/explorer/render.h"

#include <string>
#include <vector>

namespace convscope::cli {

// Files a command writes once everything has been computed: all are encoded first, so that a
// failure before the writes leaves every existing file as it was, and each write is atomic.
class PendingOutputs
{
public:
    void add(std::string path, std::string bytes);
    Expected<void> addPng(const std::string &path, const Tensor &tensor, ValueScale mode);
    Expected<void> writeAll() const;

private:
    std::vector<std::pair<std::string, std::string>> m_files;
};

Expected<ValueScale> parseNormalization(const std::string &text);

} // namespace convscope::cli
