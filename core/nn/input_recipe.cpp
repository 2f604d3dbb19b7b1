#include "core/nn/input_recipe.h"

#include "core/file_io.h"
#include "core/io/image_io.h"
#include "core/nn/digit_input.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace convscope {

namespace {

std::vector<std::string_view> words(std::string_view text)
{
    std::vector<std::string_view> out;
    size_t at = 0;
    while (at < text.size()) {
        const size_t begin = text.find_first_not_of(" \t\r\n", at);
        if (begin == std::string_view::npos)
            break;
        const size_t end = std::min(text.find_first_of(" \t\r\n", begin), text.size());
        out.push_back(text.substr(begin, end - begin));
        at = end;
    }
    return out;
}

std::string number(float value)
{
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, end);
}

std::string list(const std::vector<float> &values)
{
    std::string out;
    for (size_t i = 0; i < values.size(); ++i) {
        if (i)
            out += ',';
        out += number(values[i]);
    }
    return out;
}

Expected<std::vector<float>> parseList(std::string_view text, const char *what)
{
    std::vector<float> values;
    for (size_t at = 0; at <= text.size() && values.size() < 4;) {
        const size_t comma = std::min(text.find(',', at), text.size());
        const std::string_view item = text.substr(at, comma - at);
        float value = 0;
        const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), value);
        if (item.empty() || error != std::errc() || end != item.data() + item.size()
            || !std::isfinite(value))
            return makeError(what, " wants numbers separated by commas, not '", text, "'");
        values.push_back(value);
        at = comma + 1;
    }
    if (values.size() != 1 && values.size() != 3)
        return makeError(what, " takes one value or three (red, green, blue), not '", text, "'");
    return values;
}

// The picture as the network's channels in [0, 1], before normalisation.
Tensor channelsFor(const Tensor &picture, int channels, bool bgr)
{
    const Shape &s = picture.shape();
    Tensor out(Shape{1, channels, s.h, s.w});
    for (int y = 0; y < s.h; ++y) {
        for (int x = 0; x < s.w; ++x) {
            float grey = 0;
            if (s.c == 3) {
                grey = 0.299f * picture.at(0, 0, y, x) + 0.587f * picture.at(0, 1, y, x)
                       + 0.114f * picture.at(0, 2, y, x);
            } else {
                for (int c = 0; c < s.c; ++c)
                    grey += picture.at(0, c, y, x) / float(s.c);
            }
            for (int c = 0; c < channels; ++c) {
                const int from = bgr ? 2 - c : c;
                out.at(0, c, y, x) = channels == 3 && s.c == 3 ? picture.at(0, from, y, x) : grey;
            }
        }
    }
    return out;
}

Tensor cropped(const Tensor &image, int top, int left, int height, int width)
{
    const Shape &s = image.shape();
    Tensor out(Shape{1, s.c, height, width});
    for (int c = 0; c < s.c; ++c) {
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x)
                out.at(0, c, y, x) = image.at(0, c, top + y, left + x);
        }
    }
    return out;
}

// torchvision's Resize(R) then CenterCrop(H, W); without R, the largest centred crop of the
// input's aspect, resized.
Tensor resizedAndCropped(const Tensor &image, const Shape &input, int resize)
{
    const Shape &s = image.shape();
    if (resize == 0) {
        // The crop's height over width equals the input's: compare h·W with w·H in integers.
        const std::int64_t tall = std::int64_t(s.h) * input.w, wide = std::int64_t(s.w) * input.h;
        const int cropH = std::max(tall > wide ? int(wide / input.w) : s.h, 1);
        const int cropW = std::max(tall > wide ? s.w : int(tall / input.h), 1);
        return resizeImage(cropped(image, (s.h - cropH) / 2, (s.w - cropW) / 2, cropH, cropW),
                           input.h, input.w);
    }
    const double scale = double(resize) / std::min(s.h, s.w);
    const int h = s.h <= s.w ? resize : int(std::lround(s.h * scale));
    const int w = s.w <= s.h ? resize : int(std::lround(s.w * scale));
    const Tensor sized = resizeImage(image, h, w);
    const int top = int(std::lround((h - input.h) / 2.0));
    const int left = int(std::lround((w - input.w) / 2.0));
    return cropped(sized, top, left, input.h, input.w);
}

void normalize(Tensor &image, const InputRecipe &recipe)
{
    const Shape &s = image.shape();
    for (int c = 0; c < s.c; ++c) {
        const float mean = recipe.mean[recipe.mean.size() == 1 ? 0 : size_t(c)];
        const float deviation = recipe.deviation[recipe.deviation.size() == 1 ? 0 : size_t(c)];
        for (int y = 0; y < s.h; ++y) {
            for (int x = 0; x < s.w; ++x)
                image.at(0, c, y, x) = (image.at(0, c, y, x) - mean) / deviation;
        }
    }
}

} // namespace

InputRecipe InputRecipe::imagenet(const Shape &input)
{
    InputRecipe recipe;
    recipe.resize = int(std::lround(std::max(input.h, input.w) * 256.0 / 224.0));
    recipe.mean = {0.485f, 0.456f, 0.406f};
    recipe.deviation = {0.229f, 0.224f, 0.225f};
    if (input.c != 3) {
        recipe.mean = {0.449f};
        recipe.deviation = {0.226f};
    }
    return recipe;
}

InputRecipe InputRecipe::defaultFor(const Shape &input, const PixelNormalization &norm)
{
    InputRecipe recipe;
    if (input.c == 1 && input.h == kDigitSize && input.w == kDigitSize)
        recipe.fit = Fit::Digit;
    recipe.mean = {norm.mean};
    recipe.deviation = {norm.deviation};
    return recipe;
}

Expected<InputRecipe> InputRecipe::parse(std::string_view text)
{
    const std::vector<std::string_view> w = words(text);
    if (w.empty() || (w[0] != "digit" && w[0] != "crop"))
        return makeError("a picture recipe starts with 'digit' or 'crop', not '", text, "'");
    InputRecipe recipe;
    recipe.fit = w[0] == "digit" ? Fit::Digit : Fit::Crop;
    for (size_t i = 1; i < w.size(); ++i) {
        const bool hasValue = i + 1 < w.size();
        if (w[i] == "rgb" || w[i] == "bgr") {
            recipe.bgr = w[i] == "bgr";
        } else if ((w[i] == "mean" || w[i] == "std") && hasValue) {
            Expected<std::vector<float>> values = parseList(w[i + 1],
                                                            w[i] == "mean" ? "mean" : "std");
            if (!values)
                return values.error();
            (w[i] == "mean" ? recipe.mean : recipe.deviation) = *values;
            ++i;
        } else if (w[i] == "resize" && hasValue) {
            const std::string_view v = w[++i];
            int value = 0;
            const auto [end, error] = std::from_chars(v.data(), v.data() + v.size(), value);
            if (error != std::errc() || end != v.data() + v.size() || value < 1
                || value > kMaxRecipeResize)
                return makeError("resize takes a side from 1 to ", kMaxRecipeResize, ", not '", v,
                                 "'");
            recipe.resize = value;
        } else {
            return makeError("unknown word '", w[i], "' in the picture recipe '", text,
                             "' (resize R, rgb, bgr, mean M, std S)");
        }
    }
    if (recipe.fit == Fit::Digit && (recipe.resize || recipe.bgr))
        return makeError("the digit recipe takes only mean and std, not '", text, "'");
    for (float d : recipe.deviation) {
        if (!(d > 0))
            return makeError("std must be above 0, not ", number(d));
    }
    return recipe;
}

std::string InputRecipe::toString() const
{
    std::string out = fit == Fit::Digit ? "digit" : "crop";
    if (fit == Fit::Crop) {
        if (resize)
            out += " resize " + std::to_string(resize);
        out += bgr ? " bgr" : " rgb";
    }
    return out + " mean " + list(mean) + " std " + list(deviation);
}

Expected<void> InputRecipe::check(const Shape &input) const
{
    if (fit == Fit::Digit && (input.c != 1 || input.h != kDigitSize || input.w != kDigitSize))
        return makeError("the digit recipe makes 1×28×28 inputs; the model takes ",
                         input.imageString());
    for (const std::vector<float> *values : {&mean, &deviation}) {
        if (values->size() != 1 && int(values->size()) != input.c)
            return makeError("the recipe's ", values == &mean ? "mean" : "std", " has ",
                             values->size(), " values for ", input.c, " channels");
    }
    if (resize && resize < std::max(input.h, input.w))
        return makeError("resize ", resize, " is smaller than the input ", input.h, "×", input.w,
                         ": the centre crop would leave the picture");
    return {};
}

Expected<Tensor> fitPicture(const Tensor &picture, const Shape &input, const InputRecipe &recipe)
{
    if (Expected<void> fits = recipe.check(input); !fits)
        return fits.error();
    if (picture.shape().h < 1 || picture.shape().w < 1 || picture.shape().c < 1)
        return makeError("the picture is empty");
    if (recipe.fit == InputRecipe::Fit::Digit)
        return mnistStyleDigit(channelsFor(picture, 1, false));
    return channelsFor(resizedAndCropped(picture, input, recipe.resize), input.c, recipe.bgr);
}

Tensor normalizePicture(Tensor fitted, const InputRecipe &recipe)
{
    normalize(fitted, recipe);
    return fitted;
}

Expected<Tensor> prepareInput(const Tensor &picture, const Shape &input, const InputRecipe &recipe)
{
    Expected<Tensor> fitted = fitPicture(picture, input, recipe);
    if (!fitted)
        return fitted.error();
    return normalizePicture(std::move(*fitted), recipe);
}

Expected<std::vector<std::string>> parseLabels(std::string_view text, int classes,
                                               const std::string &source)
{
    if (classes < 1)
        return makeError(source, ": the model has no classes to label");
    std::vector<std::string> labels;
    for (size_t at = 0; at < text.size();) {
        const size_t end = std::min(text.find('\n', at), text.size());
        std::string_view line = text.substr(at, end - at);
        at = end + 1;
        const size_t first = line.find_first_not_of(" \t\r");
        line = first == std::string_view::npos
                   ? std::string_view()
                   : line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
        if (int(labels.size()) >= classes) {
            if (!line.empty())
                return makeError(source, " has more lines than the ", classes,
                                 " classes: one label a line");
            continue;
        }
        if (line.size() > size_t(kMaxLabelLength))
            return makeError(source, ": line ", labels.size() + 1, " is longer than ",
                             kMaxLabelLength, " characters");
        if (std::any_of(line.begin(), line.end(), [](char ch) {
                return static_cast<unsigned char>(ch) < 0x20 && ch != '\t';
            }))
            return makeError(source, ": line ", labels.size() + 1, " holds a control character");
        if (line.empty())
            return makeError(source, ": line ", labels.size() + 1, " is empty");
        labels.emplace_back(line);
    }
    if (int(labels.size()) != classes)
        return makeError(source, " has ", labels.size(), " labels for the ", classes,
                         " classes: one label a line");
    return labels;
}

Expected<std::vector<std::string>> loadLabels(const std::filesystem::path &path, int classes)
{
    Expected<std::string> bytes = readFile(path, kMaxLabelFileBytes);
    if (!bytes)
        return bytes.error();
    return parseLabels(*bytes, classes, path.string());
}

std::string trainedRecipe(const DataSet &data, const PixelNormalization &norm)
{
    Expected<InputRecipe> recipe = InputRecipe::parse(data.recipe);
    if (data.recipe.empty() || !recipe)
        return {};
    recipe->mean = {norm.mean};
    recipe->deviation = {norm.deviation};
    return recipe->toString();
}

} // namespace convscope
