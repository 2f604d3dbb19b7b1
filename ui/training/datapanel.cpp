#include "ui/training/datapanel.h"

#include "core/file_io.h"
#include "core/nn/data_download.h"
#include "ui/common/ask.h"
#include "ui/common/coretext.h"
#include "ui/common/fittinglabel.h"
#include "ui/common/latestrunner.h"
#include "ui/common/numbering.h"
#include "ui/common/planeimages.h"
#include "ui/common/style.h"
#include "ui/training/classpreview.h"
#include "ui/training/downloaddialog.h"
#include "ui/training/folderdialog.h"
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
#include <QPushButton>
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
QPixmap digitGrid(const std::vector<Tensor> &images, const std::vector<int> &labels,
                  const QStringList &names)
{
    const int cell = kSampleCell;
    QPixmap grid(kSampleColumns * cell, kSampleRows * (cell + kLabelHeight));
    grid.fill(Qt::white);
    QPainter painter(&grid);
    for (size_t i = 0; i < images.size(); ++i) {
        const QImage image = naturalImage(images[i]);
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

// The first test images of each class in turn, so that a split stored class by class (an
// image folder's) shows every class.
std::vector<int> sampleIndices(const ImageSet &test, int wanted)
{
    std::vector<std::vector<int>> byClass;
    for (int i = 0; i < test.count(); ++i) {
        const size_t label = test.labels[size_t(i)];
        if (byClass.size() <= label)
            byClass.resize(label + 1);
        byClass[label].push_back(i);
    }
    std::vector<int> indices;
    for (size_t round = 0; int(indices.size()) < std::min(wanted, test.count()); ++round) {
        for (const std::vector<int> &members : byClass) {
            if (round < members.size() && int(indices.size()) < wanted)
                indices.push_back(members[round]);
        }
    }
    return indices;
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
    , m_classes(new QPushButton(tr("Classes…"), this))
    , m_loader(new LatestRunner(this))
{
    m_dataBox->addItem(tr("MNIST digits (prepared by scripts/setup)"), int(Source::Mnist));
    m_dataBox->addItem(tr("Fashion-MNIST"), int(Source::Fashion));
    m_dataBox->addItem(tr("Full MNIST, 70,000 digits (download)"), int(Source::MnistFull));
    m_dataBox->addItem(tr("CIFAR-10, 60,000 colour images (download)"), int(Source::Cifar));
    m_dataBox->addItem(tr("Folder of pictures or IDX files…"), int(Source::Folder));
    m_dataBox->setToolTip(tr("A folder of pictures has one subfolder per class (apple/, banana/, "
                             "…), optionally under train/ and test/"));
    m_classes->setToolTip(tr("Every class with its first images and how many it has"));
    // A school's own copy of the published files is tried first (README, "Full MNIST and
    // CIFAR-10").
    if (const QString mirror = qEnvironmentVariable("CONVSCOPE_MIRROR"); !mirror.isEmpty())
        m_downloadSettings.mirrors.push_back(mirror.toStdString());
    m_dataInfo->setWordWrap(true);
    // Sized before any digit arrives, so the page is laid out once and right.
    for (QLabel *grid : {m_samples, m_augmented})
        grid->setFixedSize(kSampleColumns * kSampleCell, kSampleRows * (kSampleCell + kLabelHeight));
    auto *form = new QFormLayout;
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_dataBox, 1);
    sourceRow->addWidget(m_classes);
    form->addRow(tr("Data set"), sourceRow);
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
    connect(m_classes, &QPushButton::clicked, this, [this] {
        if (const DataSet *data = m_session->data()) {
            auto *preview = new ClassPreviewDialog(*data, this);
            preview->setAttribute(Qt::WA_DeleteOnClose);
            preview->open();
        }
    });
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
    std::optional<FolderOptions> options;
    switch (Source(m_dataBox->itemData(index).toInt())) {
    case Source::Mnist:
        name = "mnist";
        break;
    case Source::Fashion:
        name = "fashion";
        break;
    case Source::MnistFull:
        name = "mnist-full";
        break;
    case Source::Cifar:
        name = "cifar10";
        break;
    case Source::Folder:
        name = QFileDialog::getExistingDirectory(
            this, tr("Choose a data set folder (a subfolder of pictures per class, MNIST's IDX "
                     "files or CIFAR-10's batches)"));
        if (!name.isEmpty() && dataLayoutOf(name.toStdString()) == DataLayout::Images) {
            options = askFolderOptions(name);
            if (!options)
                name.clear();
        }
        break;
    }
    const std::optional<TrainingSession::DataChange> change = name.isEmpty() ? std::nullopt
                                                                             : askAboutWeights();
    if (change && (name == "mnist-full" || name == "cifar10")
        && !resolveDataFolder(name.toStdString())) {
        offerDownload(name, *change);
        return;
    }
    if (change) {
        loadData(name, *change, options.value_or(m_folderOptions));
        return;
    }
    showLoadedSource();
}

void DataPanel::showLoadedSource()
{
    const QSignalBlocker block(m_dataBox);
    m_dataBox->setCurrentIndex(m_dataBox->findData(int(sourceOf(m_dataSource))));
}

std::optional<FolderOptions> DataPanel::askFolderOptions(const QString &folder)
{
    Expected<FolderClasses> classes = scanImageFolder(folder.toStdString());
    if (!classes) {
        m_dataInfo->setText(coreText(classes.error().message));
        m_dataInfo->setStyleSheet(style::errorTextStyle());
        return std::nullopt;
    }
    FolderDialog dialog(folder, *classes, m_folderOptions, this);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.options();
}

// The full MNIST and CIFAR-10 are fetched once, into the folder where loadDataSet finds them.
void DataPanel::offerDownload(const QString &name, TrainingSession::DataChange change)
{
    const std::string download = name == "cifar10" ? "cifar10" : "mnist";
    Expected<DownloadManifest> manifest = findDownload(download);
    std::int64_t bytes = 0;
    for (const PublishedFile &file : manifest->files)
        bytes += file.bytes;
    const std::filesystem::path out = dataDownloadFolder(name.toStdString());
    const QString title = m_dataBox->itemText(m_dataBox->findData(int(sourceOf(name))));
    const QMessageBox::StandardButton answer
        = ask(this, tr("Download"),
              tr("%1 is not on this computer yet. Download it now (%2, into %3)?")
                  .arg(title.left(title.indexOf(" (")))
                  .arg(QString::fromStdString(formatBytes(bytes)))
                  .arg(QString::fromStdString(out.string())),
              QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    showLoadedSource();
    if (answer != QMessageBox::Yes)
        return;
    auto *dialog = new DownloadDialog(*manifest, out, m_downloadSettings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DownloadDialog::downloaded, this,
            [this, change](const QString &loaded) { loadData(loaded, change); });
    dialog->open();
    dialog->start();
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

void DataPanel::loadData(const QString &nameOrFolder, TrainingSession::DataChange change,
                         std::optional<FolderOptions> options)
{
    if (m_session->isActive()) {
        m_dataInfo->setText(tr("Stop training before changing the data."));
        return;
    }
    m_dataInfo->setText(tr("Loading %1…").arg(nameOrFolder));
    m_dataInfo->setStyleSheet({});
    const std::string name = nameOrFolder.toStdString();
    // Weights kept on a folder of pictures: made the size and colour their network takes.
    FolderOptions folder = options.value_or(m_folderOptions);
    if (!options && change == TrainingSession::DataChange::KeepWeights) {
        const Shape in = m_session->inputShape();
        folder.imageSize = std::clamp(in.h, kMinFolderImageSize, kMaxFolderImageSize);
        folder.color = in.c == 3 ? FolderOptions::Color::Rgb : FolderOptions::Color::Gray;
    }
    m_loader->submit([this, name, change, folder]() -> LatestRunner::Finish {
        auto data = std::make_shared<Expected<DataSet>>(loadDataSet(name, folder));
        return [this, data, name, change, folder] {
            if (!*data) {
                m_dataError = coreText(data->error().message);
                m_dataInfo->setText(m_dataError);
                m_dataInfo->setStyleSheet(style::errorTextStyle());
                return;
            }
            m_folderOptions = folder;
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
    const std::vector<std::string> &skipped = m_session->data()->skipped;
    QStringList unread;
    for (size_t i = 0; i < skipped.size() && i < 30; ++i)
        unread.append(QString::fromStdString(skipped[i]));
    if (skipped.size() > 30)
        unread.append(tr("and %1 more").arg(skipped.size() - 30));
    m_dataInfo->setToolTip(unread.join('\n'));
    m_classes->setEnabled(true);
    m_samplesTitle->setText(m_session->digits() ? tr("Test digits") : tr("Test images"));
    showSamples();
    emit dataLoaded();
}

DataPanel::Source DataPanel::sourceOf(const QString &name)
{
    return name == "mnist"        ? Source::Mnist
           : name == "fashion"    ? Source::Fashion
           : name == "mnist-full" ? Source::MnistFull
           : name == "cifar10"    ? Source::Cifar
                                  : Source::Folder;
}

void DataPanel::save(QSettings &settings) const
{
    settings.setValue("data", m_dataSource);
    settings.setValue("dataImageSize", m_folderOptions.imageSize);
    settings.setValue("dataColor", int(m_folderOptions.color));
}

void DataPanel::restore(QSettings &settings)
{
    m_dataSource = settings.value("data", m_dataSource).toString();
    m_folderOptions.imageSize = std::clamp(settings.value("dataImageSize", 28).toInt(),
                                           kMinFolderImageSize, kMaxFolderImageSize);
    const int color = settings.value("dataColor", 0).toInt();
    m_folderOptions.color = color >= 0 && color <= 2 ? FolderOptions::Color(color)
                                                     : FolderOptions::Color::Auto;
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
    const size_t skipped = data->skipped.size();
    const QString unread = skipped == 0   ? QString()
                           : skipped == 1 ? tr("; 1 file could not be read (hover for it)")
                                          : tr("; %1 files could not be read (hover for the list)")
                                                .arg(grouped(std::int64_t(skipped)));
    const QString name = QString::fromStdString(data->name);
    const QString folder = QString::fromStdString(data->folder.string());
    return tr("%1: %2 training and %3 test images of %4 in %5 classes%6%7")
        .arg(name)
        .arg(grouped(data->train.count()))
        .arg(grouped(data->test.count()))
        .arg(QString::fromStdString(data->inputShape().imageString()))
        .arg(data->classCount())
        .arg(folder == name ? QString() : QString(" (%1)").arg(folder))
        .arg(unread);
}

void DataPanel::showSamples()
{
    const DataSet *data = m_session->data();
    if (!data || data->test.count() == 0)
        return;
    const ImageSet &test = data->test;
    const std::vector<int> indices = sampleIndices(test, kSampleColumns * kSampleRows);
    const int shown = int(indices.size());
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
        Tensor one(test.shape()), other(test.shape());
        std::copy_n(batch.plane(i, 0), one.size(), one.data());
        std::copy_n(moved.plane(i, 0), other.size(), other.data());
        plain.push_back(std::move(one));
        augmented.push_back(std::move(other));
        labels.push_back(test.labels[size_t(indices[size_t(i)])]);
    }
    const QStringList names = m_session->classNames();
    m_samples->setPixmap(digitGrid(plain, labels, names));
    m_augmented->setPixmap(digitGrid(augmented, labels, names));
    m_augmented->setEnabled(m_augment->isChecked());
}

} // namespace convscope::ui
