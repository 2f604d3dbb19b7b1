#include "app/cli/outputs.h"

#include "core/file_io.h"

#include <filesystem>

namespace convscope::cli {

void PendingOutputs::add(std::string path, std::string bytes)
{
    m_files.emplace_back(std::move(path), std::move(bytes));
}

Expected<void> PendingOutputs::addPng(const std::string &path, const Tensor &tensor, ValueScale mode)
{
    Expected<std::string> png = encodePng(renderTensor(tensor, 0, mode));
    if (!png)
        return makeError(path, ": ", png.error().message);
    add(path, std::move(*png));
    return {};
}

Expected<void> PendingOutputs::writeAll() const
{
    for (const auto &[path, bytes] : m_files) {
        const std::filesystem::path target(path);
        const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
        std::error_code ec;
        if (!std::filesystem::is_directory(folder, ec))
            return makeError(path, ": the folder ", folder.string(), " does not exist");
    }
    for (const auto &[path, bytes] : m_files) {
        if (auto written = writeFileAtomically(path, bytes); !written)
            return written;
    }
    return {};
}

Expected<ValueScale> parseNormalization(const std::string &text)
{
    Expected<ValueScale> scale = parseValueScale(text);
    if (!scale)
        return makeError("--normalize: ", scale.error().message);
    return scale;
}

} // namespace convscope::cli
