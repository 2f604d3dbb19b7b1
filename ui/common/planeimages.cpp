#include "ui/common/planeimages.h"

#include "core/parallel.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <vector>

namespace convscope::ui {

namespace {

// Planes are coloured on the pool from this many pixels a thread, as valueRange splits its
// values: one after another, the explorer's 8 maps of 512×512 took about 2 ms of its update,
// while the Training page's small maps stay on the calling thread and never take the pool.
constexpr std::int64_t kMinPixelsPerThread = std::int64_t(1) << 16;

} // namespace

QList<QImage> colorPlanes(const Tensor &tensor, const ValueRange &range, Colormap colormap, int n)
{
    const Shape &s = tensor.shape();
    QList<QImage> planes;
    std::vector<std::uint32_t *> pixels;
    for (int c = 0; c < s.c; ++c) {
        planes.append(QImage(s.w, s.h, QImage::Format_RGB32));
        // RGB32 rows are exactly 4·W bytes, so the pixels are one run that colorize fills.
        pixels.push_back(reinterpret_cast<std::uint32_t *>(planes.back().bits()));
    }
    parallelFor(s.c, kMinPixelsPerThread / std::max<std::int64_t>(s.planeSize(), 1) + 1,
                [&](std::int64_t first, std::int64_t end) {
                    for (std::int64_t c = first; c < end; ++c)
                        colorize({tensor.plane(n, int(c)), size_t(s.planeSize())}, range, colormap,
                                 pixels[size_t(c)]);
                });
    return planes;
}

Tensor drawableMaps(const Tensor &activation)
{
    const Shape &s = activation.shape();
    if (s.h > 1 || s.w > 1) {
        Tensor first({1, s.c, s.h, s.w});
        std::copy_n(activation.data(), first.size(), first.data());
        return first;
    }
    Tensor strip({1, 1, 1, s.c});
    std::copy_n(activation.data(), strip.size(), strip.data());
    return strip;
}

QImage naturalImage(const Tensor &tensor, int n)
{
    const Shape &s = tensor.shape();
    QImage image(s.w, s.h, QImage::Format_RGB32);
    const bool rgb = s.c == 3;
    auto byte = [](float v) {
        return int(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
    };
    for (int y = 0; y < s.h; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < s.w; ++x) {
            const int r = byte(tensor.at(n, 0, y, x));
            line[x] = rgb ? qRgb(r, byte(tensor.at(n, 1, y, x)), byte(tensor.at(n, 2, y, x)))
                          : qRgb(r, r, r);
        }
    }
    return image;
}

QImage setImage(const ImageSet &set, int index)
{
    return naturalImage(unitImage(set, index));
}

Tensor imageTensor(const QImage &image, int channels)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    Tensor tensor(Shape{1, channels, rgb.height(), rgb.width()});
    for (int y = 0; y < rgb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const float r = float(qRed(line[x])) / 255.0f, g = float(qGreen(line[x])) / 255.0f,
                        b = float(qBlue(line[x])) / 255.0f;
            if (channels == 3) {
                tensor.at(0, 0, y, x) = r;
                tensor.at(0, 1, y, x) = g;
                tensor.at(0, 2, y, x) = b;
            } else {
                tensor.at(0, 0, y, x) = 0.299f * r + 0.587f * g + 0.114f * b;
            }
        }
    }
    return tensor;
}

QImage reducedFrame(const QImage &frame)
{
    if (std::max(frame.width(), frame.height()) <= kFrameSide)
        return frame;
    return frame.scaled(kFrameSide, kFrameSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

QImage tileGrid(const QList<QImage> &tiles, int columns, int gap, QColor background)
{
    if (tiles.isEmpty())
        return {};
    columns = std::clamp(columns, 1, int(tiles.size()));
    const int rows = int((tiles.size() + columns - 1) / columns);
    const QSize tile = tiles.first().size();
    QImage grid(columns * tile.width() + (columns - 1) * gap,
                rows * tile.height() + (rows - 1) * gap, QImage::Format_RGB32);
    grid.fill(background);
    QPainter painter(&grid);
    for (int i = 0; i < tiles.size(); ++i)
        painter.drawImage(QPoint(i % columns * (tile.width() + gap),
                                 i / columns * (tile.height() + gap)),
                          tiles[i]);
    return grid;
}

QImage enlarged(const QImage &image, int factor)
{
    if (factor <= 1)
        return image;
    return image.scaled(image.size() * factor, Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

QString cellText(float value, double cell)
{
    if (std::isnan(value))
        return QStringLiteral("NaN");
    const bool whole = value == std::round(value) && std::abs(value) < 1000;
    const QString magnitude = whole ? QString::number(std::abs(int(value)))
                                    : QString::number(std::abs(value), 'f', cell >= 44 ? 2 : 1);
    const bool shownAsZero = std::isfinite(value) && magnitude.toDouble() == 0.0;
    return value < 0 && !shownAsZero ? QChar(0x2212) + magnitude : magnitude;
}

bool isDark(QRgb colour)
{
    return 0.299 * qRed(colour) + 0.587 * qGreen(colour) + 0.114 * qBlue(colour) < 128;
}

QImage withNumbers(const QImage &enlargedTile, const Tensor &values, int channel, int factor)
{
    QImage picture = enlargedTile.convertToFormat(QImage::Format_RGB32);
    const Shape &s = values.shape();
    if (factor < kNumbersFromPixels || picture.width() != s.w * factor)
        return picture;
    QPainter painter(&picture);
    QFont font;
    font.setPixelSize(int(factor * 0.32));
    painter.setFont(font);
    for (int y = 0; y < s.h; ++y) {
        for (int x = 0; x < s.w; ++x) {
            const QRect cell(x * factor, y * factor, factor, factor);
            painter.setPen(isDark(picture.pixel(cell.center())) ? Qt::white : Qt::black);
            painter.drawText(cell, Qt::AlignCenter,
                             cellText(values.at(0, channel, y, x), double(factor)));
        }
    }
    return picture;
}

} // namespace convscope::ui
