// Every malformed input of fuzz/regressions/ through the real CLI, by the command a student
// would use: refused with exit 1 or 2 and a message, never a crash, quickly, within the memory
// the file justifies, and leaving the outputs that were there.
#include "core/file_io.h"
#include "tests/cli/process.h"
#include "tests/core/test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace convscope {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;

const std::string kSamples = CONVSCOPE_SAMPLES;
const fs::path kRegressions = fs::path(CONVSCOPE_ROOT) / "fuzz" / "regressions";
// Above the memory of a CLI that refuses an empty file: room for a data set and a decoded
// header, far below what any of the defects of issue 14 allocated (1 GiB and more).
constexpr long kHeadroomKb = 96 * 1024;
// Not a speed target (those are benchmarks): a refusal that takes this long has hung.
constexpr double kHungSeconds = 30.0;

bool has(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

std::vector<fs::path> filesOf(const std::string &target)
{
    std::vector<fs::path> files;
    for (const fs::directory_entry &entry : fs::directory_iterator(kRegressions / target))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

class Malformed : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(writeFileAtomically(m_dir / "empty.png", "").ok());
        m_baselineKb = run({"convolve", "--input", (m_dir / "empty.png").string(), "--kernel",
                            "box"})
                           .peakResidentKb;
    }

    ProcessResult run(const std::vector<std::string> &args)
    {
        return test::runProcess(CONVSCOPE_CLI, args);
    }

    // Runs the command and checks the refusal; name is what the message must mention.
    void expectRefused(const std::string &what, std::vector<std::string> args,
                       const std::string &name)
    {
        const fs::path out = m_dir / "out.png", model = m_dir / "model.csm";
        ASSERT_TRUE(writeFileAtomically(out, "previous png").ok());
        ASSERT_TRUE(writeFileAtomically(model, "previous model").ok());
        for (std::string &a : args) {
            if (a == "OUT")
                a = out.string();
            if (a == "MODEL")
                a = model.string();
        }
        const ProcessResult r = run(args);
        EXPECT_EQ(r.signal, 0) << what << ": killed by signal " << r.signal << "\n" << r.err;
        EXPECT_TRUE(r.exitCode == 1 || r.exitCode == 2) << what << ": exit " << r.exitCode;
        EXPECT_TRUE(has(r.err, "error") || has(r.err, "usage")) << what << ": " << r.err;
        EXPECT_TRUE(has(r.err, name))
            << what << ": the message does not name " << name << ": " << r.err;
        EXPECT_LT(r.seconds, kHungSeconds) << what;
        EXPECT_LT(r.peakResidentKb, m_baselineKb + kHeadroomKb)
            << what << ": " << r.peakResidentKb << " KB at its peak against " << m_baselineKb
            << " KB to refuse an empty file";
        EXPECT_EQ(*readFile(out, 100), "previous png") << what;
        EXPECT_EQ(*readFile(model, 100), "previous model") << what;
        m_slowest = std::max(m_slowest, r.seconds);
        m_largestKb = std::max(m_largestKb, r.peakResidentKb);
        ++m_count;
    }

    void TearDown() override
    {
        std::printf("%d refusals: the slowest took %.3f s; the largest peak was %ld KB against "
                    "%ld KB for an empty file\n",
                    m_count, m_slowest, m_largestKb, m_baselineKb);
    }

    test::TempDir m_dir;
    long m_baselineKb = 0;
    long m_largestKb = 0;
    double m_slowest = 0.0;
    int m_count = 0;
};

TEST_F(Malformed, ImagesAndArraysOpenedAsInputs)
{
    std::vector<fs::path> files = filesOf("image");
    const std::vector<fs::path> arrays = filesOf("npy");
    files.insert(files.end(), arrays.begin(), arrays.end());
    ASSERT_GE(files.size(), 40u);
    for (const fs::path &file : files)
        expectRefused(file.filename().string(),
                      {"convolve", "--input", file.string(), "--kernel", "box", "--out", "OUT"},
                      file.filename().string());
}

TEST_F(Malformed, KernelFiles)
{
    const std::vector<fs::path> files = filesOf("kernel");
    ASSERT_GE(files.size(), 7u);
    for (const fs::path &file : files)
        expectRefused(file.filename().string(),
                      {"convolve", "--input", kSamples + "/camera.png", "--kernel", file.string(),
                       "--out", "OUT"},
                      file.filename().string());
}

// Each IDX file as all four files of a data folder, compressed ones under their .gz names.
TEST_F(Malformed, IdxFilesAsADataFolder)
{
    const std::vector<fs::path> files = filesOf("idx");
    ASSERT_GE(files.size(), 8u);
    for (const fs::path &file : files) {
        const fs::path folder = m_dir / file.filename();
        fs::create_directories(folder);
        const std::string suffix = file.extension() == ".gz" ? ".gz" : "";
        for (const char *name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                 "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"})
            fs::copy_file(file, folder / (name + suffix));
        expectRefused(file.filename().string(),
                      {"train", "--data", folder.string(), "--model", "tiny", "--save", "MODEL",
                       "--epochs", "1"},
                      file.filename().string());
    }
}

TEST_F(Malformed, ModelFiles)
{
    const std::vector<fs::path> files = filesOf("model");
    ASSERT_GE(files.size(), 12u);
    for (const fs::path &file : files)
        expectRefused(file.filename().string(),
                      {"predict", "--model", file.string(), "--input", kSamples + "/camera.png"},
                      file.filename().string());
}

// ONNX models through infer, whose --input is never reached.
TEST_F(Malformed, OnnxModels)
{
    const std::vector<fs::path> files = filesOf("onnx");
    ASSERT_GE(files.size(), 12u);
    for (const fs::path &file : files)
        expectRefused(file.filename().string(),
                      {"infer", "--model", file.string(), "--input", kSamples + "/pattern-4x4.npy",
                       "--out", "OUT"},
                      file.filename().string());
}

TEST_F(Malformed, ArchitectureSpecs)
{
    const std::vector<fs::path> files = filesOf("spec");
    ASSERT_GE(files.size(), 13u);
    for (const fs::path &file : files) {
        std::ifstream in(file);
        const std::string spec((std::istreambuf_iterator<char>(in)), {});
        expectRefused(file.filename().string(),
                      {"train", "--data", "mnist", "--model", spec, "--save", "MODEL", "--epochs",
                       "1"},
                      "");
    }
}

} // namespace
} // namespace convscope
