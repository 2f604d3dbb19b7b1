#include "ui/common/planeimages.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace convscope::ui {

QList<QImage> colorPlanes(const Tensor &tensor, const ValueRange &range, Colormap colormap, int n)
{
    const Shape &s = tensor.shape();
    QList<QImage> planes;
    planes.reserve(s.c);
    for (int c = 0; c < s.c; ++c) {
        QImage image(s.w, s.h, QImage::Format_RGB32);
        // RGB32 rows are exactly 4·W bytes, so the pixels are one run that colorize fills.
        colorize({tensor.plane(n, c), size_t(s.planeSize())}, range, colormap,
                 reinterpret_cast<std::uint32_t *>(image.bits()));
        planes.append(image);
    }
    return planes;
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

} // namespace convscope::ui
