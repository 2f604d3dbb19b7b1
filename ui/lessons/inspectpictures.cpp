#include "ui/lessons/inspectpictures.h"

#include "ui/common/planeimages.h"

#include <algorithm>
#include <cmath>

namespace convscope::ui {

Tensor channelPlane(const Tensor &maps, int channel)
{
    const Shape &s = maps.shape();
    Tensor plane(Shape{1, 1, s.h, s.w});
    std::copy(maps.plane(0, channel), maps.plane(0, channel) + s.h * s.w, plane.data());
    return plane;
}

std::pair<Colormap, ValueRange> mapScale(const Tensor &maps)
{
    const bool signedValues = std::any_of(maps.values().begin(), maps.values().end(),
                                          [](float v) { return v < 0; });
    return signedValues
               ? std::pair{Colormap::Diverging, valueRange(maps.values(), ValueScale::Symmetric)}
               : std::pair{Colormap::Viridis, valueRange(maps.values(), ValueScale::MinMax)};
}

QImage filterTile(const Tensor &filters, int k)
{
    const Shape &s = filters.shape();
    const float *first = filters.data() + std::int64_t(k) * s.c * s.h * s.w;
    const auto [lo, hi] = std::minmax_element(first, first + std::int64_t(s.c) * s.h * s.w);
    const float span = *hi > *lo ? *hi - *lo : 1.0f;
    QImage tile(s.w, s.h, QImage::Format_RGB32);
    for (int y = 0; y < s.h; ++y) {
        for (int x = 0; x < s.w; ++x) {
            int rgb[3];
            for (int c = 0; c < 3; ++c) {
                const int from = s.c == 3 ? c : 0;
                rgb[c] = int(std::lround(255.0f * (filters.at(k, from, y, x) - *lo) / span));
            }
            tile.setPixel(x, y, qRgb(rgb[0], rgb[1], rgb[2]));
        }
    }
    return tile;
}

Tensor filterMeans(const Tensor &filters)
{
    const Shape &s = filters.shape();
    Tensor mean(Shape{1, s.n, s.h, s.w});
    for (int k = 0; k < s.n; ++k) {
        for (int y = 0; y < s.h; ++y) {
            for (int x = 0; x < s.w; ++x) {
                float sum = 0;
                for (int c = 0; c < s.c; ++c)
                    sum += filters.at(k, c, y, x);
                mean.at(0, k, y, x) = sum / float(s.c);
            }
        }
    }
    return mean;
}

QImage filterGrid(const Tensor &filters)
{
    QList<QImage> tiles;
    const int factor = std::max(1, 48 / std::max(filters.shape().h, 1));
    for (int k = 0; k < filters.shape().n; ++k)
        tiles.append(enlarged(filterTile(filters, k), factor));
    const int columns = int(std::ceil(std::sqrt(double(tiles.size()))));
    return tileGrid(tiles, columns, 2, Qt::white);
}

} // namespace convscope::ui
