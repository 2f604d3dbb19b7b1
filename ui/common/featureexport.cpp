#include "ui/common/featureexport.h"

#include "core/file_io.h"
#include "core/io/npy.h"
#include "ui/common/colorbar.h"
#include "ui/common/planeimages.h"

#include <QDir>
#include <QFont>
#include <QPainter>
#include <QSaveFile>

#include <cmath>

namespace convscope::ui {

namespace {

constexpr int kGap = 4;
constexpr int kMinLegendPixels = 14;

QString settingsText(const FeatureMaps &maps)
{
    QString text;
    for (const auto &[key, value] : maps.settings)
        text += QString::fromStdString(key) + ": " + QString::fromStdString(value) + "\n";
    text += QString("colormap: %1, range %2 to %3\n")
                .arg(QString::fromUtf8(colormapName(maps.colormap).data()))
                .arg(double(maps.range.low))
                .arg(double(maps.range.high));
    return text;
}

QString writeBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

Tensor channelOf(const Tensor &values, int channel)
{
    const Shape &s = values.shape();
    Tensor one(Shape{1, 1, s.h, s.w});
    std::copy_n(values.plane(0, channel), s.planeSize(), one.data());
    return one;
}

} // namespace

QImage exportImage(const FeatureMaps &maps, const ExportChoice &choice)
{
    if (maps.tiles.isEmpty())
        return {};
    const int factor = std::max(1, choice.factor);
    const auto tile = [&](int c) {
        const QImage large = enlarged(maps.tiles[c], factor);
        return choice.numbers && maps.values ? withNumbers(large, *maps.values, c, factor) : large;
    };
    QImage picture;
    if (choice.channel >= 0 && choice.channel < maps.tiles.size()) {
        picture = tile(choice.channel);
    } else {
        QList<QImage> tiles;
        for (int c = 0; c < maps.tiles.size(); ++c)
            tiles.append(tile(c));
        const int columns = int(std::ceil(std::sqrt(double(tiles.size()))));
        picture = tileGrid(tiles, columns, kGap, QColor(40, 40, 40));
    }
    if (!choice.colorBar)
        return picture;
    ColorBar bar;
    bar.setScale(maps.colormap, maps.range);
    // Labels a class reads from the back row: at least 14 px, a twelfth of the map's height.
    QFont font;
    font.setPixelSize(std::clamp(picture.height() / 12, kMinLegendPixels, 32));
    const QImage legend = bar.render(std::max(picture.height(), 6 * kMinLegendPixels), font);
    QImage combined(picture.width() + 8 + legend.width(),
                    std::max(picture.height(), legend.height()), QImage::Format_RGB32);
    combined.fill(Qt::white);
    QPainter painter(&combined);
    painter.drawImage(0, 0, picture);
    painter.drawImage(picture.width() + 8, 0, legend);
    return combined;
}

QString writeExportPng(const QString &path, const FeatureMaps &maps, const ExportChoice &choice)
{
    QImage image = exportImage(maps, choice);
    if (image.isNull())
        return QObject::tr("There is no feature map to export yet.");
    for (const auto &[key, value] : maps.settings)
        image.setText(QString::fromStdString(key), QString::fromStdString(value));
    image.setText("Software", "ConvScope");
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QString writeExportNpy(const QString &path, const FeatureMaps &maps, int channel)
{
    if (!maps.values)
        return QObject::tr("There is no feature map to export yet.");
    const Tensor values = channel >= 0 ? channelOf(*maps.values, channel) : *maps.values;
    const Shape &s = values.shape();
    // (C, H, W), the layout of one image in PyTorch.
    const std::vector<std::int64_t> shape = {s.c, s.h, s.w};
    const std::string bytes = encodeNpy(shape, values.values());
    QString error = writeBytes(path, QByteArray(bytes.data(), qsizetype(bytes.size())));
    if (error.isEmpty())
        error = writeBytes(path + ".txt", settingsText(maps).toUtf8());
    return error;
}

QString writeAllChannels(const QString &folder, const FeatureMaps &maps, const ExportChoice &choice,
                         int *written)
{
    *written = 0;
    if (!QDir().mkpath(folder))
        return QObject::tr("Cannot create the folder %1").arg(folder);
    const QDir dir(folder);
    for (int c = 0; c < maps.tiles.size(); ++c) {
        ExportChoice one = choice;
        one.channel = c;
        const QString error = writeExportPng(dir.filePath(
                                                 QString("%1_c%2.png").arg(maps.stem).arg(c)),
                                             maps, one);
        if (!error.isEmpty())
            return error;
        ++*written;
    }
    const QString error = writeExportNpy(dir.filePath(maps.stem + ".npy"), maps, -1);
    if (error.isEmpty())
        *written += 2;
    return error;
}

} // namespace convscope::ui
