#include "core/nn/digit_input.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace convscope {

namespace {

constexpr int kBox = 20;
constexpr float kInkFraction = 0.2f;

cv::Mat grayOf(const Tensor &image)
{
    const Shape &s = image.shape();
    cv::Mat gray(s.h, s.w, CV_32F);
    for (int y = 0; y < s.h; ++y) {
        for (int x = 0; x < s.w; ++x) {
            gray.at<float>(y, x) = s.c == 1 ? image.at(0, 0, y, x)
                                            : 0.299f * image.at(0, 0, y, x)
                                                  + 0.587f * image.at(0, 1, y, x)
                                                  + 0.114f * image.at(0, 2, y, x);
        }
    }
    return gray;
}

double borderMean(const cv::Mat &gray)
{
    double sum = 0.0;
    int count = 0;
    for (int y = 0; y < gray.rows; ++y) {
        for (int x = 0; x < gray.cols; ++x) {
            if (y == 0 || x == 0 || y == gray.rows - 1 || x == gray.cols - 1) {
                sum += gray.at<float>(y, x);
                ++count;
            }
        }
    }
    return sum / std::max(count, 1);
}

Tensor toTensor(const cv::Mat &field)
{
    Tensor digit({1, 1, kDigitSize, kDigitSize});
    for (int y = 0; y < kDigitSize; ++y) {
        for (int x = 0; x < kDigitSize; ++x)
            digit.at(0, 0, y, x) = std::clamp(field.at<float>(y, x), 0.0f, 1.0f);
    }
    return digit;
}

// Scales the ink's box to fit 20×20 and centres its mass in a 28×28 field.
cv::Mat centredField(const cv::Mat &gray, const cv::Rect &box)
{
    const double scale = double(kBox) / std::max(box.width, box.height);
    const int w = std::max(1, int(std::lround(box.width * scale)));
    const int h = std::max(1, int(std::lround(box.height * scale)));
    cv::Mat scaled;
    cv::resize(gray(box), scaled, cv::Size(w, h), 0, 0,
               scale < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat field = cv::Mat::zeros(kDigitSize, kDigitSize, CV_32F);
    const cv::Moments m = cv::moments(scaled);
    const double cx = m.m00 > 0 ? m.m10 / m.m00 : 0.5 * (w - 1);
    const double cy = m.m00 > 0 ? m.m01 / m.m00 : 0.5 * (h - 1);
    const double centre = 0.5 * (kDigitSize - 1);
    const int left = std::clamp(int(std::lround(centre - cx)), 0, kDigitSize - w);
    const int top = std::clamp(int(std::lround(centre - cy)), 0, kDigitSize - h);
    scaled.copyTo(field(cv::Rect(left, top, w, h)));
    return field;
}

} // namespace

Expected<Tensor> mnistStyleDigit(const Tensor &image)
{
    const Shape &s = image.shape();
    if (s.n != 1)
        return makeError("the input holds ", s.n, " images; give one digit");
    if (s.c != 1 && s.c != 3)
        return makeError("the input has ", s.c, " channels; a digit is grayscale (1) or colour (3)");
    cv::Mat gray = grayOf(image);
    if (borderMean(gray) > 0.5)
        gray = 1.0 - gray;
    cv::patchNaNs(gray, 0.0);
    if (s.h == kDigitSize && s.w == kDigitSize)
        return toTensor(gray);
    double lowest = 0.0, brightest = 0.0;
    cv::minMaxLoc(gray, &lowest, &brightest);
    if (brightest - lowest < 0.05)
        return makeError("the input ", s.w, "×", s.h, " is blank: it has no digit to recognise");
    cv::Mat ink;
    cv::threshold(gray, ink, lowest + kInkFraction * (brightest - lowest), 1.0, cv::THRESH_BINARY);
    ink.convertTo(ink, CV_8U);
    const cv::Rect box = cv::boundingRect(ink);
    return toTensor(centredField(gray - lowest, box));
}

} // namespace convscope
