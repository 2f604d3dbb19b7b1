#include "core/explorer/render.h"
#include "core/file_io.h"
#include "core/io/image_io.h"
#include "core/io/npy.h"
#include "core/io/tensor_io.h"
#include "tests/core/test_support.h"

#include <fstream>
#include <gtest/gtest.h>
#include <limits>
#include <opencv2/imgcodecs.hpp>
#include <random>

namespace convscope {
namespace {

std::string encoded(const cv::Mat &mat, const std::string &extension)
{
    std::vector<uchar> bytes;
    EXPECT_TRUE(cv::imencode(extension, mat, bytes));
    return std::string(bytes.begin(), bytes.end());
}

// A PNG signature and an IHDR chunk claiming the given size, and nothing else.
std::string pngHeader(std::uint32_t width, std::uint32_t height)
{
    std::string b("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
    for (std::uint32_t v : {width, height}) {
        for (int shift = 24; shift >= 0; shift -= 8)
            b.push_back(char((v >> shift) & 0xff));
    }
    return b + std::string("\x08\x02\0\0\0\0\0\0\0", 9);
}

class ImageFiles : public ::testing::Test
{
protected:
    std::string errorOf(const std::string &name, const std::string &bytes)
    {
        EXPECT_TRUE(writeFileAtomically(m_dir / name, bytes).ok());
        Expected<Tensor> r = loadImage(m_dir / name);
        return r ? std::string("accepted") : r.error().message;
    }

    test::TempDir m_dir;
};

TEST_F(ImageFiles, ColourIsRgbInZeroToOne)
{
    cv::Mat bgr(2, 3, CV_8UC3, cv::Scalar(0, 0, 0));
    bgr.at<cv::Vec3b>(0, 0) = {255, 0, 0}; // blue
    bgr.at<cv::Vec3b>(1, 2) = {0, 0, 51};  // dark red
    ASSERT_TRUE(writeFileAtomically(m_dir / "c.png", encoded(bgr, ".png")).ok());
    Expected<Tensor> rgb = loadImage(m_dir / "c.png");
    ASSERT_TRUE(rgb.ok()) << rgb.error().message;
    EXPECT_EQ(rgb->shape(), (Shape{1, 3, 2, 3}));
    EXPECT_EQ(rgb->at(0, 2, 0, 0), 1.0f);
    EXPECT_EQ(rgb->at(0, 0, 0, 0), 0.0f);
    EXPECT_FLOAT_EQ(rgb->at(0, 0, 1, 2), 0.2f);
    Expected<Tensor> gray = loadImage(m_dir / "c.png", ColorMode::Gray);
    ASSERT_TRUE(gray.ok());
    EXPECT_EQ(gray->shape(), (Shape{1, 1, 2, 3}));
    EXPECT_FLOAT_EQ(gray->at(0, 0, 0, 0), 0.114f);
    EXPECT_FLOAT_EQ(gray->at(0, 0, 1, 2), 0.299f * 0.2f);
}

TEST_F(ImageFiles, GrayFilesGiveOneChannelUnlessRgbIsAsked)
{
    cv::Mat g(4, 5, CV_8UC1, cv::Scalar(102));
    ASSERT_TRUE(writeFileAtomically(m_dir / "g.bmp", encoded(g, ".bmp")).ok());
    Expected<Tensor> one = loadImage(m_dir / "g.bmp");
    ASSERT_TRUE(one.ok()) << one.error().message;
    EXPECT_EQ(one->shape(), (Shape{1, 1, 4, 5}));
    EXPECT_FLOAT_EQ(one->at(0, 0, 3, 4), 0.4f);
    Expected<Tensor> three = loadImage(m_dir / "g.bmp", ColorMode::Rgb);
    ASSERT_TRUE(three.ok());
    EXPECT_EQ(three->shape(), (Shape{1, 3, 4, 5}));
    cv::Mat deep(2, 2, CV_16UC1, cv::Scalar(65535));
    ASSERT_TRUE(writeFileAtomically(m_dir / "d.png", encoded(deep, ".png")).ok());
    EXPECT_EQ(loadImage(m_dir / "d.png")->at(0, 0, 1, 1), 1.0f);
}

TEST_F(ImageFiles, HeadersAreReadBeforeDecoding)
{
    cv::Mat m(7, 9, CV_8UC3, cv::Scalar(1, 2, 3));
    for (const char *ext : {".png", ".jpg", ".bmp", ".ppm", ".webp"}) {
        Expected<ImageInfo> info = peekImage(encoded(m, ext), ext);
        ASSERT_TRUE(info.ok()) << ext << ": " << info.error().message;
        EXPECT_EQ(info->width, 9) << ext;
        EXPECT_EQ(info->height, 7) << ext;
    }
}

TEST_F(ImageFiles, BadFilesAreRefusedWithAMessage)
{
    EXPECT_NE(errorOf("huge.png", pngHeader(40000, 40000))
                  .find("40000×40000 = 1600000000 pixels, more than the 25000000"),
              std::string::npos);
    EXPECT_NE(errorOf("zero.png", pngHeader(0, 5)).find("claims a 0×5 image"), std::string::npos);
    EXPECT_NE(errorOf("notes.png", "just some text").find("not an image ConvScope can read"),
              std::string::npos);
    const std::string png = encoded(cv::Mat(40, 40, CV_8UC1, cv::Scalar(9)), ".png");
    EXPECT_NE(errorOf("cut.png", png.substr(0, png.size() / 2)).find("corrupt or truncated"),
              std::string::npos);
    EXPECT_NE(errorOf("stub.png", png.substr(0, 12)).find("truncated PNG"), std::string::npos);
    EXPECT_NE(errorOf("stub.jpg", "\xff\xd8\xff").find("JPEG"), std::string::npos);
    std::ofstream(m_dir / "empty.png").close();
    EXPECT_NE(loadImage(m_dir / "empty.png").error().message.find("empty"), std::string::npos);
    EXPECT_NE(loadImage(m_dir.path()).error().message.find("is a folder"), std::string::npos);
}

// The header guard reads what the decoder will read (issue 14's reproducers, rebuilt here).
TEST_F(ImageFiles, TheGuardReadsWhatTheDecoderReads)
{
    // A WebP header that libwebp refuses, with "DICM" at byte 128: OpenCV would hand it to
    // its DICOM reader, which aborts. Refused before OpenCV sees it.
    std::string dicom("RIFF\x7f\0\0\0WEBPVP8L\x0a\0\0\0\x2f\0\0\0\0", 25);
    dicom.resize(128, '\0');
    dicom += "DICM\x01\x02\x03";
    ASSERT_EQ(dicom.size(), 135u);
    EXPECT_NE(errorOf("webp-dicom.webp", dicom).find("DICOM signature"), std::string::npos);

    // PNM: the character after a number ends it, as in OpenCV's reader, so "3#7" is 3 then 7
    // (the guard once read 3, skipped "#7" as a comment, and took the next number).
    Expected<ImageInfo> pnm = peekImage(std::string("P5\n3#7\n1\n255\n", 14), "p.pgm");
    ASSERT_TRUE(pnm.ok()) << pnm.error().message;
    EXPECT_EQ(pnm->width, 3);
    EXPECT_EQ(pnm->height, 7);
    Expected<ImageInfo> commented = peekImage("P5\n# a comment\r2 4\n255\n", "c.pgm");
    ASSERT_TRUE(commented.ok());
    EXPECT_EQ(commented->width, 2);
    EXPECT_EQ(commented->height, 4);

    // JPEG: 0xFF 0x00 after SOI is a stuffed zero that libjpeg skips; then an APP1 segment
    // whose payload holds a fake 1×1 frame header, then the real one, 30000×30000.
    std::string jpeg("\xff\xd8\xff\x00", 4);
    jpeg += std::string("\xff\xe1\x00\x0d", 4)
            + std::string("\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01", 11);
    jpeg += std::string("\xff\xc0\x00\x0b\x08\x75\x30\x75\x30\x01\x01\x11\x00", 13);
    Expected<ImageInfo> frame = peekImage(jpeg, "j.jpg");
    ASSERT_TRUE(frame.ok()) << frame.error().message;
    EXPECT_EQ(frame->width, 30000);
    EXPECT_EQ(frame->height, 30000);
    EXPECT_NE(errorOf("fake-frame.jpg", jpeg).find("more than the 25000000"), std::string::npos);

    // WebP: a lossy header of exactly 30 bytes is read within them (ASan watches this one).
    std::string lossy("RIFF\x16\0\0\0WEBPVP8 \x0a\0\0\0\0\0\0\x9d\x01\x2a\x05\0\x07\0", 30);
    Expected<ImageInfo> vp8 = peekImage(lossy, "l.webp");
    ASSERT_TRUE(vp8.ok()) << vp8.error().message;
    EXPECT_EQ(vp8->width, 5);
    EXPECT_EQ(vp8->height, 7);
}

TEST_F(ImageFiles, NpyInputsKeepTheirShape)
{
    ASSERT_TRUE(writeFileAtomically(m_dir / "a.npy", encodeNpy(std::vector<std::int64_t>{2, 3},
                                                               std::vector<float>{1, 2, 3, 4, 5, 6}))
                    .ok());
    Expected<TensorFile> plane = loadTensorFile(m_dir / "a.npy", ColorMode::Auto);
    ASSERT_TRUE(plane.ok());
    EXPECT_EQ(plane->tensor.shape(), (Shape{1, 1, 2, 3}));
    EXPECT_FALSE(plane->batched);
    ASSERT_TRUE(writeFileAtomically(m_dir / "b.npy", encodeNpy(std::vector<std::int64_t>{2, 1, 1, 2},
                                                               std::vector<float>{1, 2, 3, 4}))
                    .ok());
    Expected<TensorFile> batch = loadTensorFile(m_dir / "b.npy", ColorMode::Auto);
    ASSERT_TRUE(batch.ok());
    EXPECT_TRUE(batch->batched);
    EXPECT_EQ(encodeTensorNpy(batch->tensor, true),
              encodeNpy(std::vector<std::int64_t>{2, 1, 1, 2}, batch->tensor.values()));
    ASSERT_TRUE(writeFileAtomically(m_dir / "c.npy", encodeNpy(std::vector<std::int64_t>{4},
                                                               std::vector<float>{1, 2, 3, 4}))
                    .ok());
    EXPECT_FALSE(loadTensorFile(m_dir / "c.npy", ColorMode::Auto).ok());
    ASSERT_TRUE(writeFileAtomically(m_dir / "d.npy", encodeNpy(std::vector<std::int64_t>{0, 3},
                                                               std::vector<float>{}))
                    .ok());
    EXPECT_NE(loadTensorFile(m_dir / "d.npy", ColorMode::Auto).error().message.find("empty"),
              std::string::npos);
}

// The CLI and the window decode an array by the same code: NaN and infinities are refused with
// the place of the first one, and colour modes convert arrays as they convert images.
TEST(TensorFiles, ArraysAreFiniteAndConvertLikeImages)
{
    const float nan = std::numeric_limits<float>::quiet_NaN();
    Expected<TensorFile> holed = decodeTensorFile(encodeNpy(std::vector<std::int64_t>{2, 2},
                                                            std::vector<float>{1, 2, nan, 4}),
                                                  "h.npy", ColorMode::Auto);
    ASSERT_FALSE(holed.ok());
    EXPECT_NE(holed.error().message.find("h.npy: value 2 of the array is nan"), std::string::npos)
        << holed.error().message;
    const std::string gray = encodeNpy(std::vector<std::int64_t>{1, 1, 2},
                                       std::vector<float>{0.25f, 0.5f});
    Expected<TensorFile> rgb = decodeTensorFile(gray, "g.npy", ColorMode::Rgb);
    ASSERT_TRUE(rgb.ok()) << rgb.error().message;
    EXPECT_EQ(rgb->tensor.shape(), (Shape{1, 3, 1, 2}));
    EXPECT_EQ(rgb->tensor.values(), (std::vector<float>{0.25f, 0.5f, 0.25f, 0.5f, 0.25f, 0.5f}));
    Expected<TensorFile> back = decodeTensorFile(encodeTensorNpy(rgb->tensor, false), "c.npy",
                                                 ColorMode::Gray);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->tensor.shape(), (Shape{1, 1, 1, 2}));
    EXPECT_NEAR(back->tensor.values()[0], 0.25f, 1e-6f);
    EXPECT_NEAR(back->tensor.values()[1], 0.5f, 1e-6f);
    Expected<TensorFile> png
        = decodeTensorFile(readFile(std::string(CONVSCOPE_SAMPLES) + "/camera.png", 1 << 24).value(),
                           "camera.png", ColorMode::Rgb);
    ASSERT_TRUE(png.ok());
    EXPECT_EQ(png->tensor.shape(), (Shape{1, 3, 512, 512}));
}

// The CLI's PNGs and the window's gray colormap scale a map by the same code.
TEST(Render, GreyLevelsAreTheWindowsGrayColormap)
{
    std::mt19937 rng(3);
    std::normal_distribution<float> value(0.2f, 2.0f);
    Tensor t(Shape{1, 1, 7, 9});
    for (float &v : t.values())
        v = value(rng);
    for (ValueScale scale : kValueScales) {
        const ValueRange range = valueRange(t.values(), scale);
        std::vector<std::uint32_t> colours(t.values().size());
        colorize(t.values(), range, Colormap::Gray, colours.data());
        const Image8 grey = renderTensor(t, 0, scale);
        for (size_t i = 0; i < colours.size(); ++i) {
            // colorize quantises positions to 1,024 levels before the 256 grey levels.
            EXPECT_NEAR(int(colours[i] & 0xff), int(grey.pixels[i]), 1)
                << valueScaleName(scale) << " value " << t.values()[i];
        }
    }
}

TEST(Render, MinMaxClampAndGrids)
{
    Tensor t = test::tensorOf(Shape{1, 1, 1, 3}, {-1, 0, 1});
    EXPECT_EQ(renderTensor(t, 0, ValueScale::MinMax).pixels,
              (std::vector<std::uint8_t>{0, 128, 255}));
    EXPECT_EQ(renderTensor(t, 0, ValueScale::Clamp).pixels, (std::vector<std::uint8_t>{0, 0, 255}));
    Tensor zeros(Shape{1, 1, 2, 2});
    EXPECT_EQ(renderTensor(zeros, 0, ValueScale::MinMax).pixels,
              (std::vector<std::uint8_t>{0, 0, 0, 0}));
    // Symmetric puts 0 in the middle whatever the range; a positive constant spans 0 to itself.
    Tensor lopsided = test::tensorOf(Shape{1, 1, 1, 3}, {-1, 0, 3});
    EXPECT_EQ(renderTensor(lopsided, 0, ValueScale::Symmetric).pixels,
              (std::vector<std::uint8_t>{85, 128, 255}));
    EXPECT_EQ(renderTensor(Tensor(Shape{1, 1, 1, 2}, 0.5f), 0, ValueScale::MinMax).pixels,
              (std::vector<std::uint8_t>{255, 255}));
    const Image8 grid = renderTensor(Tensor(Shape{1, 5, 4, 6}), 0, ValueScale::MinMax);
    EXPECT_EQ(grid.channels, 1);
    EXPECT_EQ(grid.width, 3 * 6 + 2 * 2);
    EXPECT_EQ(grid.height, 2 * 4 + 2);
    const Image8 rgb = renderTensor(Tensor(Shape{1, 3, 4, 6}, 0.5f), 0, ValueScale::Clamp);
    EXPECT_EQ(rgb.channels, 3);
    EXPECT_EQ(rgb.pixels[0], 128);
    Expected<std::string> png = encodePng(rgb);
    ASSERT_TRUE(png.ok());
    Expected<ImageInfo> info = peekImage(*png, "rgb");
    EXPECT_EQ(info->width, 6);
}

} // namespace
} // namespace convscope
