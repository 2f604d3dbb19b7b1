#include "ui/training/datapanel.h"

#include "ui/common/ask.h"
#include "ui/common/fittinglabel.h"
#include "ui/common/latestrunner.h"
#include "ui/common/numbering.h"
#include "ui/common/style.h"
#include "ui/training/trainingsession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSettings>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <numeric>
#include <random>

namespace convscope::ui {

namespace {

constexpr int kSampleColumns = 8;
constexpr int kSampleRows = 2;
constexpr int kSampleCell = 44; // pixels per digit, gap included
constexpr int kLabelHeight = 14;

// Images of a set as one picture, enlarged, with their class names.
QPixmap digitGrid(const ImageSet &set, const std::vector<Tensor> &images,
                  const std::vector<int> &labels, const QStringList &names)
{
    const int cell = kSampleCell;
    QPixmap grid(kSampleColumns * cell, kSampleRows * (cell + kLabelHeight));
    grid.fill(Qt::white);
    QPainter painter(&grid);
    for (size_t i = 0; i < images.size(); ++i) {
        QImage image(set.cols, set.rows, QImage::Format_Grayscale8);
        for (int y = 0; y < set.rows; ++y)
            for (int x = 0; x < set.cols; ++x)
                image.scanLine(y)[x] = uchar(
                    std::clamp(images[i].data()[y * set.cols + x], 0.0f, 1.0f) * 255.0f);
        const int col = int(i) % kSampleColumns, row = int(i) / kSampleColumns;
        painter.drawImage(QRect(col * cell, row * (cell + kLabelHeight), cell - 4, cell - 4), image);
        painter.drawText(QRect(col * cell, row * (cell + kLabelHeight) + cell - 4, cell - 4,
                               kLabelHeight),
                         Qt::AlignCenter,
                         painter.fontMetrics().elidedText(names.value(labels[i]), Qt::ElideRight,
                                                          cell - 2));
    }
    return grid;
}

} // namespace

DataPanel::DataPanel(TrainingSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_dataBox(new QComboBox(this))
    , m_dataInfo(new QLabel(this))
    , m_samples(new QLabel(this))
    , m_augment(new QCheckBox(tr("Augment"), this))
    , m_augmented(new QLabel(this))
    , m_samplesTitle(new QLabel(tr("Test digits"), this))
    , m_loader(new LatestRunner(this))
{
    m_dataBox->addItem(tr("MNIST digits (prepared by scripts/setup)"), int(Source::Mnist));
    m_dataBox->addItem(tr("Fashion-MNIST"), int(Source::Fashion));
    m_dataBox->addItem(tr("Folder of IDX files…"), int(Source::Folder));
    m_dataInfo->setWordWrap(true);
    // Sized before any digit arrives, so the page is laid out once and right.
    for (QLabel *grid : {m_samples, m_augmented})
        grid->setFixedSize(kSampleColumns * kSampleCell, kSampleRows * (kSampleCell + kLabelHeight));
    auto *form = new QFormLayout;
    form->addRow(tr("Data set"), m_dataBox);
    form->addRow(QString(), m_dataInfo);
    auto *plain = new QVBoxLayout;
    plain->addWidget(m_samplesTitle);
    plain->addWidget(m_samples);
    auto *augmented = new QVBoxLayout;
    auto *augmentedTitle = new FittingLabel(this);
    augmentedTitle->setText(tr("The same, as augmentation shows them to the network"));
    augmented->addWidget(augmentedTitle);
    augmented->addWidget(m_augmented);
    auto *pictures = new QHBoxLayout;
    pictures->addLayout(plain);
    pictures->addLayout(augmented);
    pictures->addStretch(1);
    auto *box = new QGroupBox(tr("Data"), this);
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->addLayout(form);
    // The box's words are short so that a large font never widens the window; the rest wraps.
    auto *augmentRow = new QHBoxLayout;
    auto *augmentNote = new FittingLabel(this);
    augmentNote->setText(tr("random shifts (±2 px), rotations (±10°) and scaling (±10 %) each "
                            "time an image is drawn"));
    augmentRow->addWidget(m_augment);
    augmentRow->addWidget(augmentNote, 1);
    boxLayout->addLayout(augmentRow);
    boxLayout->addLayout(pictures);
    boxLayout->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);

    connect(m_dataBox, &QComboBox::activated, this, &DataPanel::sourceChosen);
    connect(m_augment, &QCheckBox::toggled, this, [this](bool on) {
        TrainingSettings settings = m_session->settings();
        settings.augmentation.enabled = on;
        m_session->setSettings(settings);
        showSamples();
    });
}

void DataPanel::sourceChosen(int index)
{
    QString name;
    switch (Source(m_dataBox->itemData(index).toInt())) {
    case Source::Mnist:
        name = "mnist";
        break;
    case Source::Fashion:
        name = "fashion";
        break;
    case Source::Folder:
        name = QFileDialog::getExistingDirectory(
            this, tr("Folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                     "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte"));
        break;
    }
    const std::optional<TrainingSession::DataChange> change = name.isEmpty() ? std::nullopt
                                                                             : askAboutWeights();
    if (change) {
        loadData(name, *change);
        return;
    }
    // Nothing changes: the box shows the data set that is loaded.
    const QSignalBlocker block(m_dataBox);
    m_dataBox->setCurrentIndex(m_dataBox->findData(int(sourceOf(m_dataSource))));
}

std::optional<TrainingSession::DataChange> DataPanel::askAboutWeights()
{
    const std::int64_t unsaved = m_session->unsavedSteps();
    const std::optional<LoadedModel> &loaded = m_session->loadedModel();
    if (unsaved == 0 && !loaded)
        return TrainingSession::DataChange::Restart;
    const QString weights = unsaved > 0 ? tr("The network has trained %1 steps that are not saved.")
                                              .arg(unsaved)
                                        : tr("The network holds the model loaded from %1.")
                                              .arg(QFileInfo(loaded->path).fileName());
    const QMessageBox::StandardButton answer
        = ask(this, tr("Change the data set"),
              tr("%1\n\nKeep its weights on the new data set (Yes), or start afresh with new "
                 "random weights (No)?")
                  .arg(weights),
              QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        return TrainingSession::DataChange::KeepWeights;
    if (answer == QMessageBox::No)
        return TrainingSession::DataChange::Restart;
    return std::nullopt;
}

void DataPanel::loadData(const QString &nameOrFolder, TrainingSession::DataChange change)
{
    if (m_session->isActive()) {
        m_dataInfo->setText(tr("Stop training before changing the data."));
        return;
    }
    m_dataInfo->setText(tr("Loading %1…").arg(nameOrFolder));
    const std::string name = nameOrFolder.toStdString();
    m_loader->submit([this, name, change]() -> LatestRunner::Finish {
        auto data = std::make_shared<Expected<DataSet>>(loadDataSet(name));
        return [this, data, name, change] {
            if (!*data) {
                m_dataError = QString::fromStdString(data->error().message);
                m_dataInfo->setText(m_dataError);
                m_dataInfo->setStyleSheet(style::errorTextStyle());
                return;
            }
            m_session->setData(std::make_shared<const DataSet>(std::move(**data)), change);
            loaded(QString::fromStdString(name));
        };
    });
}

// The session has the new set: the box, the augmentation that the set's size calls for, the
// text and the pictures follow it.
void DataPanel::loaded(const QString &name)
{
    m_dataInfo->setStyleSheet({});
    m_dataError.clear();
    m_dataSource = name;
    {
        const QSignalBlocker block(m_dataBox);
        m_dataBox->setCurrentIndex(m_dataBox->findData(int(sourceOf(name))));
    }
    TrainingSettings settings = m_session->settings();
    settings.augmentation.enabled = m_session->data()->train.count() < kAugmentBelow;
    m_session->setSettings(settings);
    {
        const QSignalBlocker block(m_augment);
        m_augment->setChecked(settings.augmentation.enabled);
    }
    m_dataInfo->setText(dataText());
    m_samplesTitle->setText(m_session->digits() ? tr("Test digits") : tr("Test images"));
    showSamples();
    emit dataLoaded();
}

DataPanel::Source DataPanel::sourceOf(const QString &name)
{
    return name == "mnist" ? Source::Mnist : name == "fashion" ? Source::Fashion : Source::Folder;
}

void DataPanel::save(QSettings &settings) const
{
    settings.setValue("data", m_dataSource);
}

void DataPanel::restore(QSettings &settings)
{
    m_dataSource = settings.value("data", m_dataSource).toString();
}

QString DataPanel::infoText() const
{
    return m_dataInfo->text();
}

bool DataPanel::isIdle() const
{
    return m_loader->isIdle();
}

QString DataPanel::dataText() const
{
    const DataSet *data = m_session->data();
    if (!data)
        return m_dataError.isEmpty() ? tr("no data set") : m_dataError;
    return tr("%1: %2 training and %3 test images of %4×%5 (%6)")
        .arg(QString::fromStdString(data->name))
        .arg(grouped(data->train.count()))
        .arg(grouped(data->test.count()))
        .arg(data->train.rows)
        .arg(data->train.cols)
        .arg(QString::fromStdString(data->folder.string()));
}

void DataPanel::showSamples()
{
    const DataSet *data = m_session->data();
    if (!data || data->test.count() == 0)
        return;
    const ImageSet &test = data->test;
    const int shown = std::min(kSampleColumns * kSampleRows, test.count());
    std::vector<int> indices(static_cast<size_t>(shown));
    std::iota(indices.begin(), indices.end(), 0);
    std::vector<Tensor> plain, augmented;
    std::vector<int> labels;
    const PixelNormalization identity; // mean 0, deviation 1: values stay in [0, 1]
    Augmentation augmentation = m_session->settings().augmentation;
    augmentation.enabled = true;
    // A fixed stream so that the preview does not flicker between redraws.
    std::mt19937_64 rng(7);
    Tensor batch;
    std::vector<std::uint8_t> batchLabels;
    fillBatch(test, indices, identity, {}, rng, batch, batchLabels);
    Tensor moved;
    fillBatch(test, indices, identity, augmentation, rng, moved, batchLabels);
    for (int i = 0; i < shown; ++i) {
        Tensor one({1, 1, test.rows, test.cols}), other({1, 1, test.rows, test.cols});
        std::copy_n(batch.plane(i, 0), one.size(), one.data());
        std::copy_n(moved.plane(i, 0), other.size(), other.data());
        plain.push_back(std::move(one));
        augmented.push_back(std::move(other));
        labels.push_back(test.labels[size_t(i)]);
    }
    const QStringList names = m_session->classNames();
    m_samples->setPixmap(digitGrid(test, plain, labels, names));
    m_augmented->setPixmap(digitGrid(test, augmented, labels, names));
    m_augmented->setEnabled(m_augment->isChecked());
}

} // namespace convscope::ui
