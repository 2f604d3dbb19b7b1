#include "core/file_io.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace convscope {

namespace fs = std::filesystem;

Expected<std::string> readFile(const fs::path &path, std::int64_t maxBytes)
{
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status))
        return makeError(path.string(), ": no such file");
    if (fs::is_directory(status))
        return makeError(path.string(), ": is a folder, not a file");
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec)
        return makeError(path.string(), ": cannot read its size (", ec.message(), ")");
    if (size == 0)
        return makeError(path.string(), ": the file is empty");
    if (std::int64_t(size) > maxBytes)
        return makeError(path.string(), ": the file is ", formatBytes(std::int64_t(size)),
                         ", more than the ", formatBytes(maxBytes), " ConvScope reads");
    std::FILE *file = std::fopen(path.c_str(), "rb");
    if (!file)
        return makeError(path.string(), ": cannot open it (", std::strerror(errno), ")");
    std::string bytes(size_t(size), '\0');
    const size_t got = std::fread(bytes.data(), 1, bytes.size(), file);
    std::fclose(file);
    if (got != bytes.size())
        return makeError(path.string(), ": read ", got, " of ", size, " bytes");
    return bytes;
}

Expected<void> writeFileAtomically(const fs::path &path, std::string_view bytes)
{
    static std::atomic<unsigned> counter{0};
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return makeError(path.string(), ": the folder ", folder.string(), " does not exist");
    if (fs::is_directory(path, ec))
        return makeError(path.string(), ": is a folder; give a file name");
    const fs::path temporary = folder
                               / concat(".", path.filename().string(), ".tmp-", ::getpid(), "-",
                                        counter++);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return makeError(path.string(), ": cannot write in ", folder.string(), " (",
                         std::strerror(errno), ")");
    size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = errno;
            ::close(fd);
            ::unlink(temporary.c_str());
            return makeError(path.string(), ": writing failed (", std::strerror(error),
                             "); nothing was replaced");
        }
        written += size_t(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return makeError(path.string(), ": writing failed (", std::strerror(error),
                         "); nothing was replaced");
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return makeError(path.string(), ": cannot replace it (", std::strerror(error), ")");
    }
    return {};
}

std::string formatBytes(std::int64_t bytes)
{
    const char *units[] = {"bytes", "KB", "MB", "GB", "TB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 1000.0 && unit < 4) {
        value /= 1000.0;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

} // namespace convscope
