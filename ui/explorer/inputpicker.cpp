#include "ui/explorer/inputpicker.h"

#include "core/io/image_io.h"
#include "core/io/tensor_io.h"
#include "ui/common/choices.h"
#include "ui/explorer/samplecatalog.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>

namespace convscope::ui {

namespace {

const QList<int> kTeachingSides = {0, 7, 16, 28, 64, 128, 256, 512};

// The explorer shows one image of 1 or 3 channels; the CLI also takes batches and more planes.
Expected<Tensor> explorerInput(const std::string &bytes, const std::string &source, ColorMode mode)
{
    Expected<TensorFile> file = decodeTensorFile(bytes, source, mode);
    if (!file)
        return file.error();
    const Shape &s = file->tensor.shape();
    if (s.n != 1 || (s.c != 1 && s.c != 3))
        return makeError(InputPicker::tr("%1: the explorer takes one image of 1 or 3 channels, an "
                                         "array of shape (H, W), (C, H, W) or (1, C, H, W); this "
                                         "one is %2×%3×%4×%5")
                             .arg(QString::fromStdString(source))
                             .arg(s.n)
                             .arg(s.c)
                             .arg(s.h)
                             .arg(s.w)
                             .toStdString());
    return std::move(file->tensor);
}

} // namespace

Expected<SourceImage> loadSourceImage(const QString &path, ColorMode mode)
{
    const std::string source = QFileInfo(path).fileName().toStdString();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            InputPicker::tr("%1: cannot open (%2)").arg(path, file.errorString()).toStdString());
    if (file.size() > kMaxImageFileBytes)
        return makeError(
            InputPicker::tr("%1: the file is %2 MiB; ConvScope opens images up to %3 MiB")
                .arg(QString::fromStdString(source))
                .arg(file.size() >> 20)
                .arg(kMaxImageFileBytes >> 20)
                .toStdString());
    const QByteArray bytes = file.readAll();
    const std::string data(bytes.constData(), size_t(bytes.size()));
    Expected<Tensor> pixels = explorerInput(data, source, mode);
    if (!pixels)
        return pixels.error();
    SourceImage image{std::move(*pixels), QFileInfo(path).completeBaseName(), {}};
    const Shape &s = image.pixels.shape();
    if (std::max(s.h, s.w) > kMaxWorkingSide) {
        image.note = QObject::tr("downscaled from %1×%2").arg(s.w).arg(s.h);
        image.pixels = teachingSized(image.pixels, kMaxWorkingSide);
    }
    return image;
}

Tensor teachingSized(const Tensor &image, int side)
{
    const Shape &s = image.shape();
    if (side <= 0 || std::max(s.h, s.w) == side)
        return image;
    const double scale = double(side) / std::max(s.h, s.w);
    const int h = std::max(1, int(std::lround(s.h * scale)));
    const int w = std::max(1, int(std::lround(s.w * scale)));
    return resizeImage(image, h, w);
}

InputPicker::InputPicker(QWidget *parent)
    : QWidget(parent)
    , m_sample(new QComboBox(this))
    , m_size(new QComboBox(this))
    , m_color(new QComboBox(this))
{
    for (const SampleInfo &sample : sampleCatalog()) {
        // The lecture patterns come with their exact values (0 to 3) as .npy beside the PNG.
        QString resource = sample.resource;
        const QString exact = QString(resource).replace(".png", ".npy");
        m_sample->addItem(sample.title, QFile::exists(exact) ? exact : resource);
    }
    m_sample->setToolTip(tr("A built-in image; File ▸ Open or drop a file for your own"));
    for (int side : kTeachingSides)
        m_size->addItem(side == 0 ? tr("original") : tr("%1 px").arg(side), side);
    m_size->setToolTip(tr("Resize the input so that its longer side has this many pixels; "
                          "inputs up to 16×16 show a number in every cell"));
    m_color->addItem(tr("as the file"), int(ColorMode::Auto));
    m_color->addItem(tr("grayscale (1 channel)"), int(ColorMode::Gray));
    m_color->addItem(tr("RGB (3 channels)"), int(ColorMode::Rgb));
    auto *open = new QPushButton(tr("Open…"), this);
    open->setToolTip(tr("Open an image or a .npy array (Ctrl+O)"));

    auto *sampleRow = new QHBoxLayout;
    sampleRow->addWidget(m_sample, 1);
    sampleRow->addWidget(open);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Image"), sampleRow);
    form->addRow(tr("Size"), m_size);
    form->addRow(tr("Colour"), m_color);

    m_source = m_sample->currentData().toString();
    connect(m_sample, &QComboBox::activated, this, [this] {
        const QString resource = m_sample->currentData().toString();
        if (!resource.isEmpty())
            setSource(resource);
    });
    connect(open, &QPushButton::clicked, this, &InputPicker::openRequested);
    connect(m_size, &QComboBox::currentIndexChanged, this, &InputPicker::sizeChanged);
    connect(m_color, &QComboBox::currentIndexChanged, this, &InputPicker::sourceChanged);
}

int InputPicker::teachingSide() const
{
    return m_size->currentData().toInt();
}

ColorMode InputPicker::colorMode() const
{
    return ColorMode(m_color->currentData().toInt());
}

void InputPicker::setSource(const QString &path)
{
    showSource(path);
    emit sourceChanged();
}

void InputPicker::showSource(const QString &path)
{
    const QSignalBlocker block(m_sample);
    int index = m_sample->findData(path);
    if (index < 0)
        index = m_sample->findData(QString(path).replace(".png", ".npy"));
    if (index < 0) {
        // A file: shown at the end of the list under its name, replacing an earlier file.
        if (m_sample->count() > sampleCatalog().size())
            m_sample->removeItem(m_sample->count() - 1);
        m_sample->addItem(QFileInfo(path).fileName(), path);
        index = m_sample->count() - 1;
    }
    m_sample->setCurrentIndex(index);
    m_source = m_sample->currentData().toString();
}

QString InputPicker::shownName() const
{
    return m_sample->currentText();
}

void InputPicker::setTeachingSide(int side)
{
    const int index = m_size->findData(side);
    m_size->setCurrentIndex(index >= 0 ? index : 0);
}

void InputPicker::setColorMode(ColorMode mode)
{
    m_color->setCurrentIndex(std::max(0, m_color->findData(int(mode))));
}

void InputPicker::save(QSettings &settings) const
{
    settings.setValue("source", m_source);
    settings.setValue("size", teachingSide());
    settings.setValue("color", int(colorMode()));
}

void InputPicker::restore(const QSettings &settings)
{
    const QSignalBlocker block(this);
    setTeachingSide(settings.value("size", 0).toInt());
    setColorMode(ColorMode(storedChoice(m_color, settings, "color").value_or(int(ColorMode::Auto))));
    const QString source = settings.value("source").toString();
    if (!source.isEmpty() && QFile::exists(source))
        setSource(source);
}

} // namespace convscope::ui
