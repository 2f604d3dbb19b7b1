#include "ui/training/networkpage.h"

#include "core/nn/dataset.h"
#include "core/nn/digit_input.h"
#include "core/nn/network.h"
#include "ui/common/ask.h"
#include "ui/common/coretext.h"
#include "ui/common/numbering.h"
#include "ui/common/style.h"
#include "ui/training/datapanel.h"
#include "ui/training/trainingsession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
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

enum Column {
    KindColumn,
    SettingsColumn,
    OutputColumn,
    ParamsColumn,
    MacsColumn,
    FieldColumn,
    StatusColumn
};

QString text(std::string_view words)
{
    return QString::fromUtf8(words.data(), qsizetype(words.size()));
}

// A new row's settings: the core's example of its kind without the kind's word.
// What follows a layer's word in its text: "8 3x3 pad 1", or a block's "( … ; … )".
QString settingsOf(const QString &layer, const QString &kind)
{
    return layer.mid(kind.size()).trimmed();
}

QString defaultSettings(const QString &kind)
{
    return settingsOf(text(layerExample(kind.toStdString())), kind);
}

} // namespace

NetworkPage::NetworkPage(TrainingSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_input(kDigitShape)
    , m_data(new DataPanel(session, this))
{
    auto *layout = new QVBoxLayout(this);
    // The table gets what the data panel does not need: on a projector, every row it can show.
    layout->addWidget(buildNetworkBox(), 1);
    layout->addWidget(m_data, 0);
    setSpec("lenet5");
    // A loaded model brings its own network; the table's own changes are already shown.
    connect(session, &TrainingSession::architectureChanged, this, [this] {
        if (!m_applying)
            setSpec(QString::fromStdString(m_session->architecture().toString()));
    });
    connect(session, &TrainingSession::dataChanged, this, &NetworkPage::dataChanged);
    connect(session, &TrainingSession::stateChanged, this, &NetworkPage::refresh);
}

QWidget *NetworkPage::buildNetworkBox()
{
    auto *box = new QGroupBox(this);
    m_box = box;
    m_box->setTitle(tr("Network (%1 classes)").arg(m_session->classCount()));
    m_preset = new QComboBox(box);
    for (const Preset &preset : presets()) {
        if (preset.trainable()) // the ImageNet ones are described, not trained, here
            m_preset->addItem(coreText(preset.title), text(preset.name));
    }
    m_preset->addItem(tr("custom"), QString()); // a network of the user's own
    m_table = new QTableWidget(0, StatusColumn + 1, box);
    m_table->setHorizontalHeaderLabels({tr("Layer"), tr("Settings"), tr("Output C×H×W"),
                                        tr("Parameters"), tr("Mult-adds"), tr("Field"),
                                        tr("Status")});
    m_table->horizontalHeaderItem(FieldColumn)
        ->setToolTip(tr("The receptive field: how many input pixels one unit of the layer sees"));
    // The figures' columns as wide as their numbers at any font size; the status takes the rest.
    for (int column : {KindColumn, OutputColumn, ParamsColumn, MacsColumn, FieldColumn})
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setColumnWidth(SettingsColumn, 220);
    m_table->setToolTip(tr("Settings in the spec's words, e.g. conv: '6 5x5 pad 2 stride 1', "
                           "maxpool: '2', dense: '120', dropout: '0.5'"));
    m_spec = new QLineEdit(box);
    m_spec->setToolTip(tr("The whole network as one line, as convscope-cli train --model takes "
                          "it; edit and press Return"));
    m_inputField = new QLineEdit(QString::fromStdString(kDigitShape.imageString()), box);
    m_inputField->setObjectName("inputShape");
    m_inputField->setToolTip(
        tr("The input shape the figures are worked out for, C×H×W: try 3x32x32 or 3x224x224 "
           "to see what a network would do with other images. Training always takes the "
           "data set's images; press Return to apply"));
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
    auto *load = new QPushButton(tr("Load model…"), box);
    load->setToolTip(tr("A trained model with its weights: a .csm saved by ConvScope or an .onnx "
                        "digit model from PyTorch"));
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
    specRow->addSpacing(8);
    specRow->addWidget(new QLabel(tr("Input C×H×W"), box));
    specRow->addWidget(m_inputField);
    specRow->addWidget(load);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(specRow);
    layout->addWidget(m_totals);
    layout->addWidget(m_problemLabel);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &NetworkPage::presetChosen);
    connect(m_spec, &QLineEdit::returnPressed, this, &NetworkPage::specEdited);
    connect(m_inputField, &QLineEdit::editingFinished, this, &NetworkPage::inputEdited);
    connect(m_table, &QTableWidget::cellChanged, this, &NetworkPage::tableEdited);
    connect(add, &QPushButton::clicked, this, &NetworkPage::addLayer);
    connect(load, &QPushButton::clicked, this, &NetworkPage::loadModelAsked);
    connect(remove, &QPushButton::clicked, this, &NetworkPage::removeLayer);
    connect(up, &QPushButton::clicked, this, [this] { moveLayer(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveLayer(1); });
    fitToFont();
    return box;
}

bool NetworkPage::setSpec(const QString &spec)
{
    Expected<Architecture> architecture = parseArchitecture(spec.toStdString());
    if (!architecture)
        return false;
    // A preset gives the data set's classes, as torchvision's num_classes does.
    if (findPreset(spec.trimmed().toStdString()))
        *architecture = withClasses(std::move(*architecture), m_session->classCount());
    m_updating = true;
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(0);
        for (const LayerSpec &layer : architecture->layers) {
            const QString kind = text(layer.kindName());
            addRow(m_table->rowCount(), kind, settingsOf(text(layer.toString()), kind));
        }
    }
    // The preset whose network this is, or custom.
    QString preset;
    for (const Preset &known : presets()) {
        Expected<Architecture> own = parseArchitecture(known.spec);
        if (known.trainable() && own
            && withClasses(*own, m_session->classCount()).toString() == architecture->toString())
            preset = text(known.name);
    }
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentIndex(m_preset->findData(preset));
    m_updating = false;
    refresh();
    return true;
}

QString NetworkPage::totalsText() const
{
    return m_totals->text();
}

void NetworkPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitToFont();
}

// The shape field as wide as the largest shape, and the table tall enough for a network's
// first stages also when presentation mode enlarges the font and the page has to scroll.
void NetworkPage::fitToFont()
{
    m_inputField->setFixedWidth(fontMetrics().horizontalAdvance("0000×0000×0000") + 16);
    const int row = std::max(m_table->verticalHeader()->defaultSectionSize(),
                             QComboBox().sizeHint().height());
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() + 7 * row);
}

QString NetworkPage::problemText() const
{
    return m_problemLabel->text();
}

bool NetworkPage::setInputShape(const QString &text)
{
    Expected<Shape> shape = parseImageShape(text.trimmed().toStdString());
    if (!shape)
        return false;
    m_input = *shape;
    m_inputField->setText(QString::fromStdString(m_input.imageString()));
    m_inputField->setStyleSheet(QString());
    refresh();
    return true;
}

// A text that is not a shape stays in the field, marked, with the reason; the figures keep
// the last shape.
void NetworkPage::inputEdited()
{
    if (setInputShape(m_inputField->text()))
        return;
    const QString why = QString::fromStdString(
        parseImageShape(m_inputField->text().trimmed().toStdString()).error().message);
    m_inputField->setStyleSheet(
        QString("QLineEdit { background: %1; }").arg(style::kErrorBackground.name()));
    showProblem(tr("Input %1; the figures are for %2.")
                    .arg(why, QString::fromStdString(m_input.imageString())));
}

void NetworkPage::addRow(int at, const QString &kind, const QString &settings)
{
    const QSignalBlocker block(m_table);
    m_table->insertRow(at);
    auto *kindBox = new QComboBox(m_table);
    for (std::string_view word : layerWords())
        kindBox->addItem(text(word));
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
    if (settings.isEmpty())
        return kind->currentText();
    // A block's paths follow its word directly, as the spec writes it: "concat( … ; … )".
    return kind->currentText() + (settings.startsWith('(') ? "" : " ") + settings;
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

// The figures follow the data set's images unless a what-if input was typed; a preset's last
// layer, its classes.
void NetworkPage::dataChanged()
{
    m_box->setTitle(tr("Network (%1 classes)").arg(m_session->classCount()));
    const Shape data = m_session->inputShape();
    if (m_input == m_dataShape && data != m_dataShape) {
        m_input = data;
        m_inputField->setText(QString::fromStdString(m_input.imageString()));
    }
    m_dataShape = data;
    setSpec(QString::fromStdString(m_session->architecture().toString()));
}

void NetworkPage::presetChosen(int index)
{
    const QString preset = m_preset->itemData(index).toString();
    if (!preset.isEmpty())
        setSpec(preset);
}

void NetworkPage::specEdited()
{
    const QString text = m_spec->text();
    if (const std::string refusal = trainingRefusal(text.trimmed().toStdString());
        !refusal.empty()) {
        m_problem = QString::fromStdString(refusal);
        showProblem(m_problem);
        emit problemChanged(m_problem);
        return;
    }
    if (!setSpec(text)) {
        Expected<Architecture> architecture = parseArchitecture(text.toStdString());
        m_problem = coreText(architecture.error().message);
        showProblem(m_problem);
        emit problemChanged(m_problem);
    }
}

void NetworkPage::tableEdited()
{
    if (m_updating)
        return;
    const QSignalBlocker block(m_preset);
    m_preset->setCurrentIndex(m_preset->findData(QString()));
    refresh();
}

// The totals and, for a network with convolutions, its MLP counterpart (a dense layer as
// large as each stage's output): the comparison that shows what sharing weights saves.
QString NetworkPage::totalsHtml(const Architecture &architecture, const ArchitectureTable &table,
                                const Shape &input) const
{
    const QString total = tr("<b>Total: %1 parameters, %2 multiply-adds per image.</b>")
                              .arg(grouped(table.parameters()))
                              .arg(grouped(table.multiplyAdds()));
    const bool convolves = std::any_of(architecture.layers.begin(), architecture.layers.end(),
                                       [](const LayerSpec &layer) {
                                           return layer.kind == LayerKind::Conv || layer.isBlock();
                                       });
    if (!convolves)
        return total
               + tr(" No convolution: every weight of the first dense layer looks at one "
                    "pixel of the whole image, and nothing is shared.");
    const Architecture mlp = mlpOfStages(architecture, input, m_session->classCount());
    return total
           + tr(" An MLP with a dense layer as large as each stage's output (%1) would have %2 "
                "parameters: convolutions share their weights across the image.")
                 .arg(QString::fromStdString(mlp.toString()).toHtmlEscaped())
                 .arg(grouped(mlpParameterCount(mlp, input.count())));
}

// A new network starts afresh: steps trained and not saved are lost, so the user says whether
// that is meant. False keeps the session's network.
bool NetworkPage::keepsTraining()
{
    const std::int64_t unsaved = m_session->unsavedSteps();
    if (unsaved == 0)
        return true;
    return ask(this, tr("Change the network"),
               tr("A new network starts with fresh random weights: the %1 steps trained since "
                  "the weights were last saved are lost.\n\nChange the network?")
                   .arg(unsaved),
               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
           == QMessageBox::Yes;
}

// Every row's figures from core/ops/geometry; the first bad row says why; a valid network goes to
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
    const Shape data = m_session->inputShape();
    const int classes = m_session->classCount();
    const ArchitectureTable table = tabulate(architecture, m_input, classes);
    const bool whatIf = m_input != data;
    int badRow = -1;
    QString problem;
    if (firstSyntax != rowErrors.end()) {
        badRow = int(firstSyntax - rowErrors.begin());
        problem = tr("layer %1: %2").arg(badRow + 1).arg(QString::fromStdString(*firstSyntax));
    } else if (!table.error.empty()) {
        badRow = table.badLayer;
        problem = QString::fromStdString(table.error);
    }
    // What the rows show is worked out for the what-if input; what training needs, for the
    // data's.
    const QString rowProblem = problem;
    QString shown = problem;
    if (whatIf && firstSyntax == rowErrors.end()) {
        const ArchitectureTable own = tabulate(architecture, data, classes);
        problem = own.error.empty() ? QString()
                                    : tr("with the data's %1 input: %2")
                                          .arg(QString::fromStdString(data.imageString()))
                                          .arg(QString::fromStdString(own.error));
        if (!shown.isEmpty())
            shown = tr("with a %1 input: %2")
                        .arg(QString::fromStdString(m_input.imageString()), shown);
        if (!problem.isEmpty())
            shown += (shown.isEmpty() ? "" : "\n") + problem;
    }
    const std::vector<LayerDescription> rows = table.topLevelRows();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const bool known = badRow < 0 ? row < int(rows.size())
                                      : row < badRow && row < int(rows.size());
        const LayerDescription *d = known ? &rows[size_t(row)] : nullptr;
        m_table->item(row, OutputColumn)
            ->setText(d ? QString::fromStdString(d->output.imageString()) : QString("—"));
        m_table->item(row, ParamsColumn)->setText(d ? grouped(d->parameters) : QString("—"));
        m_table->item(row, MacsColumn)->setText(d ? grouped(d->multiplyAdds) : QString("—"));
        m_table->item(row, FieldColumn)
            ->setText(d ? QString("%1×%2").arg(d->field.h.size).arg(d->field.w.size) : QString("—"));
        QTableWidgetItem *status = m_table->item(row, StatusColumn);
        const bool bad = row == badRow;
        status->setText(bad ? rowProblem : d ? tr("ok") : tr("after the bad layer"));
        status->setToolTip(bad ? rowProblem : QString());
        status->setForeground(bad ? style::kError : palette().color(QPalette::Text));
        for (int column : {SettingsColumn, StatusColumn})
            m_table->item(row, column)->setBackground(bad ? style::kErrorBackground : QBrush());
    }
    m_spec->setText(specText());

    m_totals->setText(!table.error.empty() || firstSyntax != rowErrors.end()
                          ? QString()
                          : (whatIf ? tr("<i>What if the input were %1:</i> ")
                                          .arg(QString::fromStdString(m_input.imageString()))
                                    : QString())
                                + totalsHtml(architecture, table, m_input));
    if (problem.isEmpty() && m_session->isActive())
        problem = tr("training is running: stop it to use this network");
    else if (problem.isEmpty() && m_session->architecture().toString() != architecture.toString()) {
        if (!keepsTraining()) {
            // Not changed after all: the table shows the session's network again.
            setSpec(QString::fromStdString(m_session->architecture().toString()));
            return;
        }
        m_applying = true;
        if (Expected<void> ok = m_session->setArchitecture(architecture); !ok)
            problem = coreText(ok.error().message);
        m_applying = false;
    }
    if (problem != m_problem) {
        m_problem = problem;
        emit problemChanged(problem);
    }
    if (!problem.isEmpty() && !shown.contains(problem))
        shown += (shown.isEmpty() ? "" : "\n") + problem;
    showProblem(shown);
}

void NetworkPage::showProblem(const QString &text)
{
    m_problemLabel->setText(text);
    m_problemLabel->setVisible(!text.isEmpty());
}

void NetworkPage::save(QSettings &settings) const
{
    settings.setValue("spec", specText());
    settings.setValue("input", QString::fromStdString(m_input.imageString()));
    m_data->save(settings);
}

void NetworkPage::restore(QSettings &settings)
{
    // A spec this version cannot read (edited by hand, or from a newer one) keeps the preset.
    setSpec(settings.value("spec", specText()).toString());
    setInputShape(settings.value("input", QString::fromStdString(m_input.imageString())).toString());
    m_data->restore(settings);
}

} // namespace convscope::ui
