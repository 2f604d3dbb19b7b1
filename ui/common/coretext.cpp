#include "ui/common/coretext.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace convscope::ui {

namespace {

// lupdate reads this list; the tests check that the core writes nothing else.
const char *const kPhrases[] = {
    // The quiz's kinds of question
    QT_TRANSLATE_NOOP("convscope::core", "output size"),
    QT_TRANSLATE_NOOP("convscope::core", "parameters"),
    QT_TRANSLATE_NOOP("convscope::core", "multiply-adds"),
    QT_TRANSLATE_NOOP("convscope::core", "receptive field"),
    QT_TRANSLATE_NOOP("convscope::core", "pooled size"),
    // What a quiz answer is typed as
    QT_TRANSLATE_NOOP("convscope::core", "C×H×W"),
    QT_TRANSLATE_NOOP("convscope::core", "a number"),
    // The quiz's questions (the receptive-field one is the window's own)
    QT_TRANSLATE_NOOP("convscope::core", "%1 filters of %2×%3×%4 slide over a %5×%6×%7 input with "
                                         "stride %8. What is the output's size?"),
    QT_TRANSLATE_NOOP("convscope::core", "%1 filters of %2×%3×%4 slide over a %5×%6×%7 input with "
                                         "stride %8, dilation %9. What is the output's size?"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "A convolutional layer has %1 filters of %2×%3 on a %4-channel input, each "
                      "with a bias. How many parameters does it learn?"),
    QT_TRANSLATE_NOOP("convscope::core", "A %1×%2×%3 feature map is max-pooled with a %4×%5 "
                                         "window, stride %6. What is the output's size?"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "A convolution with %1 filters of %2×%3 runs over a %4×%5×%6 input with "
                      "stride %7. How many multiply-adds does it take for one image?"),
    QT_TRANSLATE_NOOP("convscope::core", "One filter of %1×%2×%3 slide over a %4×%5×%6 input with "
                                         "stride %7, zero padding %8. What is the output's size?"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "A convolution with one filter of %1×%2 runs over a %3×%4×%5 input with "
                      "stride %6. How many multiply-adds does it take for one image?"),
    QT_TRANSLATE_NOOP("convscope::core", "A dense layer maps %1 inputs to %2 outputs, each with a "
                                         "bias. How many parameters does it learn?"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "A convolution with %1 filters of %2×%3 runs over a %4×%5×%6 input with stride %7, zero "
        "padding %8. How many multiply-adds does it take for one image?"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "A %1×%2×%3 feature map is max-pooled with a %4×%5 window, stride %6, zero padding %7 and "
        "ceil_mode on (as GoogLeNet does). What is the output's size?"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "A convolution with one filter of %1×%2 runs over a %3×%4×%5 input with stride %6, zero "
        "padding %7. How many multiply-adds does it take for one image?"),
    QT_TRANSLATE_NOOP("convscope::core", "%1 filters of %2×%3×%4 slide over a %5×%6×%7 input with "
                                         "stride %8, zero padding %9. What is the output's size?"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "A convolutional layer has %1 filters of %2×%3 on a %4-channel input, "
                      "without biases. How many parameters does it learn?"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "A %1×%2×%3 feature map is max-pooled with a %4×%5 window, stride %6, zero "
                      "padding %7. What is the output's size?"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "A %1×%2×%3 feature map is max-pooled with a %4×%5 window, stride %6 and "
                      "ceil_mode on (as GoogLeNet does). What is the output's size?"),
    QT_TRANSLATE_NOOP("convscope::core", "One filter of %1×%2×%3 slide over a %4×%5×%6 input with "
                                         "stride %7. What is the output's size?"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "%1 filters of %2×%3×%4 slide over a %5×%6×%7 input with stride %8, zero "
                      "padding %9, dilation %10. What is the output's size?"),
    QT_TRANSLATE_NOOP("convscope::core", "One filter of %1×%2×%3 slide over a %4×%5×%6 input with "
                                         "stride %7, dilation %8. What is the output's size?"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "One filter of %1×%2×%3 slide over a %4×%5×%6 input with stride %7, zero "
                      "padding %8, dilation %9. What is the output's size?"),
    // How a quiz answer is worked out
    QT_TRANSLATE_NOOP("convscope::core",
                      "O_h = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "O_w = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10"),
    QT_TRANSLATE_NOOP("convscope::core", "C_out = %1: one channel per filter, each filter %2×%3×%4 "
                                         "spanning all the input's channels"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "the input's height and width do not matter: the filters are shared across the image"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "each filter has C_in·K_h·K_w = %1·%2·%3 = %4 weights and one bias"),
    QT_TRANSLATE_NOOP("convscope::core", "F·(C_in·K_h·K_w + %1) = %2·(%3 + %4) = %5"),
    QT_TRANSLATE_NOOP("convscope::core", "pooling works on each channel alone: C stays %1"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "each output value is a dot product of C_in·K_h·K_w = %1·%2·%3 = %4 multiply-adds"),
    QT_TRANSLATE_NOOP("convscope::core", "C_out·H_out·W_out·C_in·K_h·K_w = %1·%2·%3·%4·%5·%6 = %7"),
    QT_TRANSLATE_NOOP("convscope::core", "start from one input pixel: r₀ = %1, jump j₀ = %2"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "layer %1, conv %2×%3 (stride %4): r%5 = r%6 + D·(K−%7)·j%8 = %9 + "
                      "%10·%11·%12 = %13, j%14 = j%15·S = %16·%17 = %18"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "layer %1, conv %2×%3 (stride %4, dilation %5): r%6 = r%7 + D·(K−%8)·j%9 = "
                      "%10 + %11·%12·%13 = %14, j%15 = j%16·S = %17·%18 = %19"),
    QT_TRANSLATE_NOOP("convscope::core", "one weight for every input of every output, and a bias "
                                         "per output: in·out + out = %1·%2 + %3 = %4"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "O_h = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "O_w = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = %10"),
    QT_TRANSLATE_NOOP("convscope::core", "each filter has C_in·K_h·K_w = %1·%2·%3 = %4 weights"),
    QT_TRANSLATE_NOOP("convscope::core", "F·C_in·K_h·K_w = %1·%2 = %3"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "layer %1, max pool %2×%3 (stride %4): r%5 = r%6 + D·(K−%7)·j%8 = %9 + "
                      "%10·%11·%12 = %13, j%14 = j%15·S = %16·%17 = %18"),
    QT_TRANSLATE_NOOP("convscope::core", "O_h = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 − "
                                         "%10 = %11 (the last window would start in the padding)"),
    QT_TRANSLATE_NOOP("convscope::core", "O_w = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 − "
                                         "%10 = %11 (the last window would start in the padding)"),
    // How a typed answer is marked
    QT_TRANSLATE_NOOP("convscope::core", "Right: %1×%2×%3."),
    QT_TRANSLATE_NOOP("convscope::core", "Type three numbers, C×H×W, e.g. %1×%2×%3."),
    QT_TRANSLATE_NOOP("convscope::core",
                      "The height and width %1×%2 are right: write the channels too, C×H×W."),
    QT_TRANSLATE_NOOP("convscope::core", "Right: %1."),
    QT_TRANSLATE_NOOP("convscope::core", "Not quite: the answer is %1."),
    QT_TRANSLATE_NOOP("convscope::core", "Type one number, e.g. %1."),
    // The output size on the Convolution and Pooling pages, where it is undefined
    QT_TRANSLATE_NOOP("convscope::core",
                      "O_h = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "O_w = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined (stride %8)"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "O_w = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined (stride %8)"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "O_w = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "O_h = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = undefined (stride %10)"),
    QT_TRANSLATE_NOOP("convscope::core", "O_w = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 − "
                                         "%10 = %11 (the last window would start in the padding)"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "O_h = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = undefined (stride %10)"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "O_h = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined"),
    QT_TRANSLATE_NOOP("convscope::core", "O_h = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 − "
                                         "%10 = %11 (the last window would start in the padding)"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "O_w = floor((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = undefined (stride %10)"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "O_h = floor((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined (stride %8)"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "O_h = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined (stride %8)"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "O_w = ceil((%1 + ? + ? − %2·(%3−%4) − %5) / %6) + %7 = undefined"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "O_w = ceil((%1 + %2 + %3 − %4·(%5−%6) − %7) / %8) + %9 = undefined (stride %10)"),
    // Why a convolution or a pool cannot run
    QT_TRANSLATE_NOOP("convscope::core", "dilation %1 on the height: a dilation must be at least "
                                         "%2 (%3 is an ordinary, hole-free kernel)"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "the output would be %1×%2 = %3 pixels per channel, more than the %4 "
                      "ConvScope computes: use less padding, a larger stride or a smaller input"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "the input width is %1: an image needs at least %2×%3 pixels"),
    QT_TRANSLATE_NOOP("convscope::core", "padding %1 at the right: padding cannot be negative"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "kernel height %1: a kernel needs at least %2 row and %3 column"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "the input height is %1: an image needs at least %2×%3 pixels"),
    QT_TRANSLATE_NOOP("convscope::core", "stride %1 on the height: a stride must be at least %2 "
                                         "(%3 visits every position, %4 every other)"),
    QT_TRANSLATE_NOOP("convscope::core", "stride %1 on the width: a stride must be at least %2 (%3 "
                                         "visits every position, %4 every other)"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "kernel width %1: a kernel needs at least %2 row and %3 column"),
    QT_TRANSLATE_NOOP("convscope::core", "padding %1 at the bottom: padding cannot be negative"),
    QT_TRANSLATE_NOOP("convscope::core", "dilation %1 on the width: a dilation must be at least %2 "
                                         "(%3 is an ordinary, hole-free kernel)"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "reflect padding %1 at the left needs an input width of at least %2, but it "
                      "is %3: use a padding of at most %4, or pad with zero or replicate"),
    QT_TRANSLATE_NOOP("convscope::core", "padding %1 at the top: padding cannot be negative"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "padded input %1×%2 is smaller than the dilated kernel %3×%4: on the width add at least %5 "
        "padding, or use a smaller kernel or dilation, or a larger input"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "reflect padding %1 at the top needs an input height of at least %2, but it "
                      "is %3: use a padding of at most %4, or pad with zero or replicate"),
    QT_TRANSLATE_NOOP("convscope::core", "padding %1 at the left: padding cannot be negative"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "padded input %1×%2 is smaller than the dilated kernel %3×%4: on the height add at least "
        "%5 padding, or use a smaller kernel or dilation, or a larger input"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "reflect padding %1 at the right needs an input width of at least %2, but it "
                      "is %3: use a padding of at most %4, or pad with zero or replicate"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "padded input %1×%2 is smaller than the kernel %3×%4: on the height add at "
                      "least %5 padding, or use a smaller kernel or dilation, or a larger input"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "padded input %1×%2 is smaller than the kernel %3×%4: on the width add at "
                      "least %5 padding, or use a smaller kernel or dilation, or a larger input"),
    QT_TRANSLATE_NOOP("convscope::core",
                      "reflect padding %1 at the bottom needs an input height of at least %2, but "
                      "it is %3: use a padding of at most %4, or pad with zero or replicate"),
    // The colour maps and value scales
    QT_TRANSLATE_NOOP("convscope::core", "diverging"),
    QT_TRANSLATE_NOOP("convscope::core", "gray"),
    QT_TRANSLATE_NOOP("convscope::core", "viridis"),
    QT_TRANSLATE_NOOP("convscope::core", "min-max"),
    QT_TRANSLATE_NOOP("convscope::core", "symmetric"),
    QT_TRANSLATE_NOOP("convscope::core", "clamp"),
    // The receptive field's rule of each layer
    QT_TRANSLATE_NOOP("convscope::core",
                      "the largest field over the block's paths: r = %1, j = %2"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "r = r′ + D·(K−%1)·j′ = %2 + %3·(%4−%5)·%6 = %7, j = j′·S = %8·%9 = %10, start = %11"),
    QT_TRANSLATE_NOOP(
        "convscope::core",
        "every value of its input, which already sees the whole image: r = %1, j = %2"),
    QT_TRANSLATE_NOOP("convscope::core", "every value of its input: r = %1, j = %2"),
    QT_TRANSLATE_NOOP("convscope::core", "unchanged: it works on each value where it is"),
    // An activation that is none, the trainer's states, and the presets' titles
    QT_TRANSLATE_NOOP("convscope::core", "none"),
    QT_TRANSLATE_NOOP("convscope::core", "ready"),
    QT_TRANSLATE_NOOP("convscope::core", "running"),
    QT_TRANSLATE_NOOP("convscope::core", "paused"),
    QT_TRANSLATE_NOOP("convscope::core", "finished"),
    QT_TRANSLATE_NOOP("convscope::core", "stopped"),
    QT_TRANSLATE_NOOP("convscope::core", "failed"),
    QT_TRANSLATE_NOOP("convscope::core", "tiny CNN"),
    QT_TRANSLATE_NOOP("convscope::core", "MLP (no convolution)"),
    QT_TRANSLATE_NOOP("convscope::core", "Mini VGG"),
    QT_TRANSLATE_NOOP("convscope::core", "Mini Inception"),
    QT_TRANSLATE_NOOP("convscope::core", "Mini ResNet"),
    QT_TRANSLATE_NOOP("convscope::core", "Lecture CNN"),
};

} // namespace

QString coreShape(const QString &english, QStringList *pieces)
{
    // A quote after a letter is an apostrophe ("the network's"), not the start of a name.
    static const QRegularExpression piece(
        R"((?<![A-Za-z])'[^']+'(?![A-Za-z])|-?\d+(?:,\d{3})*(?:\.\d+)?)");
    QString shape;
    qsizetype last = 0;
    for (const QRegularExpressionMatch &m : piece.globalMatch(english)) {
        pieces->append(m.captured());
        shape += english.mid(last, m.capturedStart() - last) + '%'
                 + QString::number(pieces->size());
        last = m.capturedEnd();
    }
    return shape + english.mid(last);
}

QString coreText(std::string_view english)
{
    const QString text = QString::fromUtf8(english.data(), qsizetype(english.size()));
    QStringList pieces;
    const QString shape = coreShape(text, &pieces);
    const QString translated = QCoreApplication::translate("convscope::core",
                                                           shape.toUtf8().constData());
    if (translated == shape)
        return text;
    // By hand rather than with QString::arg, which would also fill a %N inside a piece.
    static const QRegularExpression slot("%(\\d+)");
    QString out;
    qsizetype last = 0;
    for (const QRegularExpressionMatch &m : slot.globalMatch(translated)) {
        out += translated.mid(last, m.capturedStart() - last);
        out += pieces.value(m.captured(1).toInt() - 1);
        last = m.capturedEnd();
    }
    return out + translated.mid(last);
}

QString capitalised(QString words)
{
    if (!words.isEmpty())
        words[0] = words[0].toUpper();
    return words;
}

QStringList corePhrases()
{
    QStringList phrases;
    for (const char *phrase : kPhrases)
        phrases.append(QString::fromUtf8(phrase));
    return phrases;
}

} // namespace convscope::ui
