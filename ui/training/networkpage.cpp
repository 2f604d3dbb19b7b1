#include "ui/training/networkpage.h"

#include "core/nn/digit_input.h"
#include "core/nn/network.h"
#include "ui/common/latestrunner.h"
#include "ui/common/style.h"
#include "ui/training/trainingsession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

#include <numeric>
#include <random>

namespace convscope::ui {

namespace {

enum Column { KindColumn, SettingsColumn, OutputColumn, ParamsColumn, MacsColumn, StatusColumn };

const QStringList kKinds{"conv",    "maxpool", "avgpool", "relu",  "leakyrelu",
                         "sigmoid", "tanh",    "flatten", "dense", "dropout"};
const QStringList kPresets{"lenet5", "tiny", "mlp"};
constexpr int kSampleColumns = 8;
constexpr int kSampleRows = 2;
constexpr int kSampleCell = 44; // pixels per digit, gap included
constexpr int kLabelHeight = 14;

QString defaultSettings(const QString &kind)
{
    if (kind == "conv")
        return "8 3x3 pad 1";
    if (kind == "maxpool" || kind == "avgpool")
        return "2";
    if (kind == "dense")
        return "10";
    if (kind == "dropout")
        return "0.5";
    return {};
}

QString count(std::int64_t value)
{
    return QLocale(QLocale::English).toString(qlonglong(value));
}

// Digits of a set as one picture, enlarged, with their labels.
QPixmap digitGrid(const ImageSet &set, const std::vector<Tensor> &images,
                  const std::vector<int> &labels)
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
                         Qt::AlignCenter, QString::number(labels[i]));
    }
    return grid;
}

} // namespace

NetworkPage::NetworkPage(TrainingSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_loader(new LatestRunner(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildNetworkBox(), 3);
    layout->addWidget(buildDataBox(), 2);
    setSpec("lenet5");
    // A loaded model brings its own network; the table's own changes are already shown.
    connect(session, &TrainingSession::architectureChanged, this, [this] {
        if (!m_applying)
            setSpec(QString::fromStdString(m_session->architecture().toString()));
    });
    connect(session, &TrainingSession::stateChanged, this, &NetworkPage::refresh);
}

QWidget *NetworkPage::buildNetworkBox()
{
    auto *box = new QGroupBox(tr("Network (input 1×28×28, 10 classes)"), this);
    m_preset = new QComboBox(box);
    m_preset->addItems({tr("LeNet-5"), tr("tiny CNN"), tr("MLP (no convolution)"), tr("custom")});
    m_table = new QTableWidget(0, 6, box);
    m_table->setHorizontalHeaderLabels({tr("Layer"), tr("Settings"), tr("Output C×H×W"),
                                        tr("Parameters"), tr("Mult-adds"), tr("Status")});
    m_table->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setColumnWidth(SettingsColumn, 220);
    m_table->setToolTip(tr("Settings in the spec's words, e.g. conv: '6 5x5 pad 2 stride 1', "
                           "maxpool: '2', dense: '120', dropout: '0.5'"));
    m_spec = new QLineEdit(box);
    m_spec->setToolTip(tr("The whole network as one line, as convscope-cli train --model takes "
                          "it; edit and press Return"));
    m_totals = new QLabel(box);
    m_totals->setWordWrap(true);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problemLabel = new QLabel(box);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(style::errorTextStyle());

    auto *add = new QPushButton(tr("Add layer"), box);
    auto *remove = new QPushButton(tr("Remove"), box);
    auto *up = new QPushButton(tr("Move up"), box);
    auto *down = new QPushButton(tr("Move down"), box);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Preset"), box));
    top->addWidget(m_preset);
    top->addSpacing(16);
    for (QPushButton *button : {add, remove, up, down})
        top->addWidget(button);
    top->addStretch(1);
    auto *specRow = new QHBoxLayout;
    specRow->addWidget(new QLabel(tr("Spec"), box));
    specRow->addWidget(m_spec, 1);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(specRow);
    layout->addWidget(m_totals);
    layout->addWidget(m_problemLabel);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &NetworkPage::presetChosen);
    connect(m_spec, &QLineEdit::returnPressed, this, &NetworkPage::specEdited);
    connect(m_table, &QTableWidget::cellChanged, this, &NetworkPage::tableEdited);
    connect(add, &QPushButton::clicked, this, &NetworkPage::addLayer);
    connect(remove, &QPushButton::clicked, this, &NetworkPage::removeLayer);
    connect(up, &QPushButton::clicked, this, [this] { moveLayer(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveLayer(1); });
    return box;
}

QWidget *NetworkPage::buildDataBox()
{
    auto *box = new QGroupBox(tr("Data"), this);
    m_dataBox = new QComboBox(box);
    m_dataBox->addItems({tr("MNIST digits (prepared by scripts/setup)"), tr("Fashion-MNIST"),
                         tr("Folder of IDX files…")});
    m_dataInfo = new QLabel(box);
    m_dataInfo->setWordWrap(true);
    m_samples = new QLabel(box);
    m_augment = new QCheckBox(tr("Augment: random shifts (±2 px), rotations (±10°) and scaling "
                                 "(±10 %) each time a digit is drawn"),
                              box);
    m_augmented = new QLabel(box);
    // Sized before any digit arrives, so the page is laid out once and right.
    for (QLabel *grid : {m_samples, m_augmented})
        grid->setFixedSize(kSampleColumns * kSampleCell, kSampleRows * (kSampleCell + kLabelHeight));
    auto *form = new QFormLayout;
    form->addRow(tr("Data set"), m_dataBox);
    form->addRow(QString(), m_dataInfo);
    auto *pictures = new QHBoxLayout;
    auto *plain = new QVBoxLayout;
    plain->addWidget(new QLabel(tr("Test digits"), box));
    plain->addWidget(m_samples);
    auto *augmented = new QVBoxLayout;
    augmented->addWidget(new QLabel(tr("The same, as augmentation shows them to the network"), box));
    augmented->addWidget(m_augmented);
    pictures->addLayout(plain);
    pictures->addLayout(augmented);
    pictures->addStretch(1);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(form);
    layout->addWidget(m_augment);
    layout->addLayout(pictures);
    layout->addStretch(1);
    connect(m_dataBox, &QComboBox::activated, this, &NetworkPage::dataChosen);
    connect(m_augment, &QCheckBox::toggled, this, [this](bool on) {
        TrainingSettings settings = m_session->settings();
        settings.augmentation.enabled = on;
        m_session->setSettings(settings);
        showSamples();
    });
    return box;
}

bool NetworkPage::setSpec(const QString &spec)
{
    Expected<Architecture> architecture = parseArchitecture(spec.toStdString());
    if (!architecture)
        return false;
    m_updating = true;
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(0);
        for (const LayerSpec &layer : architecture->layers) {
            const QString text = QString::fromStdString(layer.toString());
            addRow(m_table->rowCount(), text.section(' ', 0, 0), text.section(' ', 1));
        }
    }
    const int preset = int(kPresets.indexOf(spec.trimmed()));
    const QString canonical = QString::fromStdString(architecture->toString());
    int match = 3;
    for (int i = 0; i < kPresets.size(); ++i) {
        if (QString::fromUtf8(presetSpec(kPresets[i].toStdString()).data()) == canonical)
            match = i;
    }
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentIndex(preset >= 0 ? preset : match);
    m_updating = false;
    refresh();
    return true;
}

QString NetworkPage::totalsText() const
{
    return m_totals->text();
}

void NetworkPage::addRow(int at, const QString &kind, const QString &settings)
{
    const QSignalBlocker block(m_table);
    m_table->insertRow(at);
    auto *kindBox = new QComboBox(m_table);
    kindBox->addItems(kKinds);
    kindBox->setCurrentText(kind);
    m_table->setCellWidget(at, KindColumn, kindBox);
    m_table->setItem(at, SettingsColumn, new QTableWidgetItem(settings));
    for (int column = OutputColumn; column <= StatusColumn; ++column) {
        auto *item = new QTableWidgetItem;
        item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        if (column != StatusColumn)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(at, column, item);
    }
    connect(kindBox, &QComboBox::currentTextChanged, this, [this, kindBox](const QString &kind) {
        for (int row = 0; row < m_table->rowCount(); ++row) {
            if (m_table->cellWidget(row, KindColumn) == kindBox)
                m_table->item(row, SettingsColumn)->setText(defaultSettings(kind));
        }
        tableEdited();
    });
}

QString NetworkPage::layerText(int row) const
{
    const auto *kind = static_cast<QComboBox *>(m_table->cellWidget(row, KindColumn));
    const QString settings = m_table->item(row, SettingsColumn)->text().trimmed();
    return settings.isEmpty() ? kind->currentText() : kind->currentText() + ' ' + settings;
}

QString NetworkPage::specText() const
{
    QStringList layers;
    for (int row = 0; row < m_table->rowCount(); ++row)
        layers.append(layerText(row));
    return layers.join(" | ");
}

void NetworkPage::addLayer()
{
    const int at = m_table->currentRow() >= 0 ? m_table->currentRow() + 1 : m_table->rowCount();
    addRow(at, "conv", defaultSettings("conv"));
    m_table->selectRow(at);
    tableEdited();
}

void NetworkPage::removeLayer()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    tableEdited();
}

void NetworkPage::moveLayer(int by)
{
    const int row = m_table->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_table->rowCount())
        return;
    const auto *kind = static_cast<QComboBox *>(m_table->cellWidget(row, KindColumn));
    const QString kindText = kind->currentText();
    const QString settings = m_table->item(row, SettingsColumn)->text();
    {
        const QSignalBlocker block(m_table);
        m_table->removeRow(row);
    }
    addRow(to, kindText, settings);
    m_table->selectRow(to);
    tableEdited();
}

void NetworkPage::presetChosen(int index)
{
    if (index >= 0 && index < kPresets.size())
        setSpec(kPresets[index]);
}

void NetworkPage::specEdited()
{
    const QString text = m_spec->text();
    if (!setSpec(text)) {
        Expected<Architecture> architecture = parseArchitecture(text.toStdString());
        m_problem = QString::fromStdString(architecture.error().message);
        m_problemLabel->setText(m_problem);
        emit problemChanged(m_problem);
    }
}

void NetworkPage::tableEdited()
{
    if (m_updating)
        return;
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentIndex(3);
    refresh();
}

// Every row's figures from core/geometry; the first bad row says why; a valid network goes to
// the session (unless a run is active, which keeps its own).
void NetworkPage::refresh()
{
    const QSignalBlocker block(m_table);
    std::vector<std::string> rowErrors(size_t(m_table->rowCount()));
    Architecture architecture;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        Expected<Architecture> one = parseArchitecture(layerText(row).toStdString());
        if (one)
            architecture.layers.push_back(one->layers.front());
        else
            rowErrors[size_t(row)] = one.error().message;
    }
    const auto firstSyntax = std::find_if(rowErrors.begin(), rowErrors.end(),
                                          [](const std::string &e) { return !e.empty(); });
    const ArchitectureTable table = tabulate(architecture, kDigitShape);
    int badRow = -1;
    QString problem;
    if (firstSyntax != rowErrors.end()) {
        badRow = int(firstSyntax - rowErrors.begin());
        problem = tr("layer %1: %2").arg(badRow + 1).arg(QString::fromStdString(*firstSyntax));
    } else if (!table.error.empty()) {
        badRow = table.badLayer;
        problem = QString::fromStdString(table.error);
    }
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const bool known = badRow < 0 ? row < int(table.rows.size())
                                      : row < badRow && row < int(table.rows.size());
        const LayerDescription *d = known ? &table.rows[size_t(row)] : nullptr;
        m_table->item(row, OutputColumn)
            ->setText(d ? QString::fromStdString(d->output.imageString()) : QString("—"));
        m_table->item(row, ParamsColumn)->setText(d ? count(d->parameters) : QString("—"));
        m_table->item(row, MacsColumn)->setText(d ? count(d->multiplyAdds) : QString("—"));
        QTableWidgetItem *status = m_table->item(row, StatusColumn);
        const bool bad = row == badRow;
        status->setText(bad ? problem : d ? tr("ok") : tr("after the bad layer"));
        status->setToolTip(bad ? problem : QString());
        status->setForeground(bad ? style::kError : palette().color(QPalette::Text));
        for (int column : {SettingsColumn, StatusColumn})
            m_table->item(row, column)->setBackground(bad ? style::kErrorBackground : QBrush());
    }
    m_spec->setText(specText());

    const Architecture mlp = mlpCounterpart(architecture);
    const ArchitectureTable mlpTable = tabulate(mlp, kDigitShape);
    m_totals->setText(
        problem.isEmpty()
            ? tr("<b>Total: %1 parameters, %2 multiply-adds per image.</b> An MLP with the same "
                 "hidden sizes (%3): %4 parameters, %5 multiply-adds — convolutions share their "
                 "weights across the image.")
                  .arg(count(table.parameters()))
                  .arg(count(table.multiplyAdds()))
                  .arg(QString::fromStdString(mlp.toString()).toHtmlEscaped())
                  .arg(count(mlpTable.parameters()))
                  .arg(count(mlpTable.multiplyAdds()))
            : QString());
    if (problem.isEmpty() && m_session->isActive())
        problem = tr("training is running: stop it to use this network");
    else if (problem.isEmpty() && m_session->architecture().toString() != architecture.toString()) {
        m_applying = true;
        if (Expected<void> ok = m_session->setArchitecture(architecture); !ok)
            problem = QString::fromStdString(ok.error().message);
        m_applying = false;
    }
    if (problem != m_problem) {
        m_problem = problem;
        emit problemChanged(problem);
    }
    m_problemLabel->setText(problem);
}

void NetworkPage::dataChosen(int index)
{
    if (index == 2) {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                     "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte"));
        if (!folder.isEmpty())
            loadData(folder);
        return;
    }
    loadData(index == 1 ? "fashion" : "mnist");
}

void NetworkPage::loadData(const QString &nameOrFolder)
{
    if (m_session->isActive()) {
        m_dataInfo->setText(tr("Stop training before changing the data."));
        return;
    }
    m_dataInfo->setText(tr("Loading %1…").arg(nameOrFolder));
    const std::string name = nameOrFolder.toStdString();
    m_loader->submit([this, name]() -> LatestRunner::Finish {
        auto data = std::make_shared<Expected<DataSet>>(loadDataSet(name));
        return [this, data, name] {
            if (!*data) {
                m_dataError = QString::fromStdString(data->error().message);
                m_dataInfo->setText(m_dataError);
                m_dataInfo->setStyleSheet(style::errorTextStyle());
                return;
            }
            m_dataInfo->setStyleSheet({});
            m_dataError.clear();
            m_dataSource = QString::fromStdString(name);
            {
                const QSignalBlocker block(m_dataBox);
                m_dataBox->setCurrentIndex(name == "mnist" ? 0 : name == "fashion" ? 1 : 2);
            }
            auto shared = std::make_shared<const DataSet>(std::move(**data));
            m_session->setData(shared);
            TrainingSettings settings = m_session->settings();
            settings.augmentation.enabled = shared->train.count() < kAugmentBelow;
            m_session->setSettings(settings);
            {
                const QSignalBlocker block(m_augment);
                m_augment->setChecked(settings.augmentation.enabled);
            }
            m_dataInfo->setText(dataText());
            showSamples();
            emit dataLoaded();
        };
    });
}

void NetworkPage::save(QSettings &settings) const
{
    settings.setValue("spec", specText());
    settings.setValue("data", m_dataSource);
}

void NetworkPage::restore(QSettings &settings)
{
    // A spec this version cannot read (edited by hand, or from a newer one) keeps the preset.
    setSpec(settings.value("spec", specText()).toString());
    m_dataSource = settings.value("data", m_dataSource).toString();
}

bool NetworkPage::isIdle() const
{
    return m_loader->isIdle();
}

QString NetworkPage::dataText() const
{
    const DataSet *data = m_session->data();
    if (!data)
        return m_dataError.isEmpty() ? tr("no data set") : m_dataError;
    return tr("%1: %2 training and %3 test images of %4×%5 (%6)")
        .arg(QString::fromStdString(data->name))
        .arg(count(data->train.count()))
        .arg(count(data->test.count()))
        .arg(data->train.rows)
        .arg(data->train.cols)
        .arg(QString::fromStdString(data->folder.string()));
}

void NetworkPage::showSamples()
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
    m_samples->setPixmap(digitGrid(test, plain, labels));
    m_augmented->setPixmap(digitGrid(test, augmented, labels));
    m_augmented->setEnabled(m_augment->isChecked());
}

} // namespace convscope::ui
