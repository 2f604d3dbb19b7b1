#include "ui/explorer/kerneleditor.h"

#include "core/explorer/colormap.h"
#include "core/explorer/kernels.h"
#include "ui/common/coretext.h"
#include "ui/common/style.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace convscope::ui {

namespace {

const char *const kLecture = "lecture";
const char *const kCustom = "custom";
constexpr int kGridWidth = 264;
// New filters of a bank start as the classic edge, blob and sharpening detectors.
const QStringList kBankOrder = {"sobel-x", "sobel-y", "laplacian", "gaussian",
                                "sharpen", "emboss",  "outline",   "box"};

QString weightText(float v)
{
    return QString::number(double(v), 'g', 4);
}

} // namespace

KernelEditor::KernelEditor(QWidget *parent)
    : QWidget(parent)
    , m_preset(new QComboBox(this))
    , m_sizeSpin(new QSpinBox(this))
    , m_countSpin(new QSpinBox(this))
    , m_filterCombo(new QComboBox(this))
    , m_channelCombo(new QComboBox(this))
    , m_grid(new QTableWidget(this))
    , m_bias(new QDoubleSpinBox(this))
    , m_flip(new QCheckBox(tr("Flip the kernel (true convolution)"), this))
    , m_depthwise(new QCheckBox(tr("Depthwise: one output per channel"), this))
    , m_parameters(new QLabel(this))
    , m_message(new QLabel(this))
{
    for (const std::string &name : kernelPresetNames())
        m_preset->addItem(QString::fromStdString(name));
    m_preset->addItem(kLecture);
    m_preset->addItem(kCustom);
    m_preset->setToolTip(tr("Put a classic kernel into the selected filter"));
    m_sizeSpin->setRange(1, kMaxSize);
    m_sizeSpin->setToolTip(tr("Kernel size K: the filter is K×K"));
    m_countSpin->setRange(1, kMaxFilters);
    m_countSpin->setToolTip(tr("Filters C_out: the output has one channel per filter"));
    m_bias->setRange(-kMaxBias, kMaxBias);
    m_bias->setDecimals(3);
    m_bias->setSingleStep(0.1);
    m_bias->setToolTip(tr("Bias b, added to every output value of the selected filter"));
    m_flip->setToolTip(tr("Deep-learning libraries slide the kernel as it is "
                          "(cross-correlation); mathematics flips it first."));
    m_depthwise->setToolTip(tr("Each sub-filter sees only its own input channel and gives its "
                               "own output channel (groups = C_in)"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(style::errorTextStyle());
    m_message->hide();
    m_parameters->setWordWrap(true);
    m_grid->horizontalHeader()->hide();
    m_grid->verticalHeader()->hide();
    m_grid->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_grid->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_grid->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    buildLayout();

    m_weights = Tensor(Shape{1, 1, m_size, m_size});
    m_biases = {0.0f};
    m_names = {QString()};
    applyPreset("sobel-x");

    connect(m_preset, &QComboBox::activated, this, [this] { applyPreset(m_preset->currentText()); });
    connect(m_sizeSpin, &QSpinBox::valueChanged, this, &KernelEditor::setKernelSize);
    connect(m_countSpin, &QSpinBox::valueChanged, this, &KernelEditor::setFilterCount);
    connect(m_filterCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_filter = std::max(index, 0);
        refreshGrid();
    });
    connect(m_channelCombo, &QComboBox::currentIndexChanged, this, &KernelEditor::refreshGrid);
    connect(m_grid, &QTableWidget::cellChanged, this, &KernelEditor::cellEdited);
    connect(m_bias, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        if (m_refreshing)
            return;
        m_biases[size_t(m_filter)] = float(value);
        emit changed();
    });
    connect(m_flip, &QCheckBox::toggled, this, &KernelEditor::changed);
    connect(m_depthwise, &QCheckBox::toggled, this, [this] {
        refreshSummary();
        emit changed();
    });
}

void KernelEditor::buildLayout()
{
    auto *randomiseButton = new QPushButton(tr("Randomise"), this);
    randomiseButton->setToolTip(tr("Uniform weights in [−1, 1] for the selected filter"));
    auto *normaliseButton = new QPushButton(tr("Normalise"), this);
    normaliseButton->setToolTip(tr("Scale the selected filter so that its weights sum to 1 "
                                   "(a blur keeps the brightness); a filter that sums to 0, like "
                                   "an edge detector, so that its magnitudes sum to 1"));
    connect(randomiseButton, &QPushButton::clicked, this, &KernelEditor::randomise);
    connect(normaliseButton, &QPushButton::clicked, this, &KernelEditor::normalise);

    auto *form = new QFormLayout;
    m_form = form;
    form->setContentsMargins(0, 0, 0, 0);
    auto *sizes = new QHBoxLayout;
    sizes->addWidget(m_sizeSpin);
    sizes->addWidget(new QLabel(tr("filters"), this));
    sizes->addWidget(m_countSpin);
    sizes->addStretch(1);
    form->addRow(tr("Size K"), sizes);
    form->addRow(tr("Edit"), m_filterCombo);
    form->addRow(tr("Channel"), m_channelCombo);
    form->addRow(tr("Preset"), m_preset);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(randomiseButton);
    buttons->addWidget(normaliseButton);
    auto *bias = new QFormLayout;
    bias->addRow(tr("Bias"), m_bias);

    auto *flipNote = new QLabel(tr("<small>Off: PyTorch's cross-correlation. On: the "
                                   "mathematical convolution, kernel turned 180°.</small>"),
                                this);
    flipNote->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_grid, 0, Qt::AlignHCenter);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    layout->addLayout(bias);
    layout->addWidget(m_flip);
    layout->addWidget(flipNote);
    layout->addWidget(m_depthwise);
    layout->addWidget(m_parameters);
}

FilterSet KernelEditor::filters() const
{
    QStringList distinct;
    for (const QString &name : m_names) {
        if (!distinct.contains(name))
            distinct.append(name);
    }
    return FilterSet{m_weights, m_biases, distinct.join('+').toStdString()};
}

bool KernelEditor::flip() const
{
    return m_flip->isChecked();
}

bool KernelEditor::depthwise() const
{
    return m_depthwise->isChecked();
}

Tensor KernelEditor::presetKernel(const QString &name, int size, QString *error) const
{
    Expected<KernelBank> bank = makeError(tr("unknown kernel %1").arg(name).toStdString());
    if (name == kLecture) {
        QFile file(":/samples/lecture-kernel.txt");
        if (file.open(QIODevice::ReadOnly))
            bank = parseKernelGrid(file.readAll().toStdString(), "lecture-kernel.txt");
    } else if (name == "identity" || name == "box" || name == "gaussian") {
        bank = kernelPreset(QString("%1:%2").arg(name).arg(size).toStdString());
        if (!bank)
            bank = kernelPreset(name.toStdString());
    } else {
        bank = kernelPreset(name.toStdString());
    }
    if (!bank) {
        *error = coreText(bank.error().message);
        return {};
    }
    // A fixed 3×3 kernel sits centred in a larger K×K (zeros around) or is cropped to a
    // smaller one, so that the size knob always does what it says.
    const Shape &s = bank->weights.shape();
    Tensor kernel(Shape{1, 1, size, size});
    const int dy = (size - s.h) / 2, dx = (size - s.w) / 2;
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            const int sy = y - dy, sx = x - dx;
            if (sy >= 0 && sy < s.h && sx >= 0 && sx < s.w)
                kernel.at(0, 0, y, x) = bank->weights.at(0, 0, sy, sx);
        }
    }
    return kernel;
}

void KernelEditor::placeKernel(int filter, const Tensor &kernel, const QString &name)
{
    for (int c = 0; c < m_channels; ++c)
        std::copy(kernel.values().begin(), kernel.values().end(), m_weights.plane(filter, c));
    m_names[filter] = name;
}

void KernelEditor::applyPreset(const QString &name)
{
    if (name == kCustom)
        return;
    QString error;
    const Tensor kernel = presetKernel(name, m_size, &error);
    if (kernel.size() == 0) {
        m_message->setText(error);
        m_message->show();
        return;
    }
    m_message->hide();
    placeKernel(m_filter, kernel, name);
    refreshGrid();
    emit changed();
}

void KernelEditor::setInputChannels(int channels)
{
    if (channels == m_channels)
        return;
    const Shape &s = m_weights.shape();
    Tensor weights(Shape{s.n, channels, s.h, s.w});
    // A new channel starts with the first channel's sub-filter, so a grey filter stays the same
    // filter on colour input.
    for (int f = 0; f < s.n; ++f)
        for (int c = 0; c < channels; ++c)
            std::copy_n(m_weights.plane(f, std::min(c, s.c - 1)), s.h * s.w, weights.plane(f, c));
    m_weights = std::move(weights);
    m_channels = channels;
    refreshGrid();
}

void KernelEditor::setKernelSize(int size)
{
    size = std::clamp(size, 1, kMaxSize);
    if (size == m_size)
        return;
    resizeBank(size);
    refreshGrid();
    emit changed();
}

void KernelEditor::resizeBank(int size)
{
    const Shape s = m_weights.shape();
    Tensor weights(Shape{s.n, s.c, size, size});
    for (int f = 0; f < s.n; ++f) {
        QString error;
        const Tensor preset = m_names[f] == kCustom ? Tensor()
                                                    : presetKernel(m_names[f], size, &error);
        for (int c = 0; c < s.c; ++c) {
            if (preset.size() > 0) {
                std::copy(preset.values().begin(), preset.values().end(), weights.plane(f, c));
                continue;
            }
            const int dy = (size - s.h) / 2, dx = (size - s.w) / 2;
            for (int y = 0; y < size; ++y)
                for (int x = 0; x < size; ++x)
                    if (y - dy >= 0 && y - dy < s.h && x - dx >= 0 && x - dx < s.w)
                        weights.at(f, c, y, x) = m_weights.at(f, c, y - dy, x - dx);
        }
    }
    m_weights = std::move(weights);
    m_size = size;
}

void KernelEditor::setFilterCount(int count)
{
    count = std::clamp(count, 1, kMaxFilters);
    const Shape s = m_weights.shape();
    if (count == s.n)
        return;
    Tensor weights(Shape{count, s.c, s.h, s.w});
    std::copy_n(m_weights.data(), std::min(count, s.n) * s.c * s.h * s.w, weights.data());
    m_weights = std::move(weights);
    m_biases.resize(size_t(count), 0.0f);
    m_names.resize(count);
    for (int f = s.n; f < count; ++f) {
        const QString name = kBankOrder[f % kBankOrder.size()];
        QString error;
        placeKernel(f, presetKernel(name, m_size, &error), name);
    }
    m_filter = std::min(m_filter, count - 1);
    refreshGrid();
    emit changed();
}

QList<int> KernelEditor::editedChannels() const
{
    const int choice = m_channelCombo->currentIndex();
    if (choice <= 0 || choice > m_channels) {
        QList<int> all;
        for (int c = 0; c < m_channels; ++c)
            all.append(c);
        return all;
    }
    return {choice - 1};
}

void KernelEditor::setWeight(int ky, int kx, float value)
{
    if (ky < 0 || ky >= m_size || kx < 0 || kx >= m_size)
        return;
    for (int c : editedChannels())
        m_weights.at(m_filter, c, ky, kx) = value;
    m_names[m_filter] = kCustom;
    refreshGrid();
    emit changed();
}

void KernelEditor::cellEdited(int row, int column)
{
    if (m_refreshing)
        return;
    QTableWidgetItem *item = m_grid->item(row, column);
    bool ok = false;
    const float value = QLocale().toFloat(item->text().trimmed(), &ok);
    if (!ok || !std::isfinite(value) || std::abs(value) > kMaxWeight) {
        m_message->setText(
            tr("“%1” is not a number; the weight stays %2.")
                .arg(item->text(),
                     weightText(m_weights.at(m_filter, editedChannels().first(), row, column))));
        m_message->show();
        refreshGrid();
        return;
    }
    m_message->hide();
    setWeight(row, column, value);
}

void KernelEditor::randomise()
{
    QRandomGenerator *random = QRandomGenerator::global();
    for (int y = 0; y < m_size; ++y) {
        for (int x = 0; x < m_size; ++x) {
            const float value = float(std::round((random->generateDouble() * 2 - 1) * 100) / 100);
            for (int c : editedChannels())
                m_weights.at(m_filter, c, y, x) = value;
        }
    }
    m_names[m_filter] = "random";
    refreshGrid();
    emit changed();
}

void KernelEditor::normalise()
{
    double sum = 0, magnitude = 0;
    const QList<int> channels = editedChannels();
    for (int c : channels) {
        for (int i = 0; i < m_size * m_size; ++i) {
            sum += m_weights.plane(m_filter, c)[i];
            magnitude += std::abs(m_weights.plane(m_filter, c)[i]);
        }
    }
    const double by = std::abs(sum) > 1e-6 * magnitude ? sum : magnitude;
    if (by == 0)
        return;
    for (int c : channels)
        for (int i = 0; i < m_size * m_size; ++i)
            m_weights.plane(m_filter, c)[i] = float(m_weights.plane(m_filter, c)[i] / by);
    refreshGrid();
    emit changed();
}

void KernelEditor::refreshGrid()
{
    m_refreshing = true;
    {
        const QSignalBlocker blockCount(m_countSpin), blockSize(m_sizeSpin),
            blockFilter(m_filterCombo), blockChannel(m_channelCombo);
        m_countSpin->setValue(m_weights.shape().n);
        m_sizeSpin->setValue(m_size);
        m_filterCombo->clear();
        for (int f = 0; f < m_weights.shape().n; ++f)
            m_filterCombo->addItem(tr("Filter %1: %2").arg(f + 1).arg(m_names[f]));
        m_filterCombo->setCurrentIndex(m_filter);
        const int channel = m_channelCombo->currentIndex();
        m_channelCombo->clear();
        m_channelCombo->addItem(m_channels == 1 ? tr("1 channel") : tr("all channels"));
        if (m_channels == 3)
            m_channelCombo->addItems({tr("R sub-filter"), tr("G sub-filter"), tr("B sub-filter")});
        m_channelCombo->setCurrentIndex(std::clamp(channel, 0, m_channelCombo->count() - 1));
        m_form->setRowVisible(m_channelCombo, m_channels > 1); // a gray input has no choice
        const int preset = m_preset->findText(m_names[m_filter]);
        m_preset->setCurrentIndex(preset >= 0 ? preset : m_preset->findText(kCustom));
        m_bias->setValue(m_biases[size_t(m_filter)]);
    }
    const int channel = editedChannels().first();
    float largest = 0;
    for (int i = 0; i < m_size * m_size; ++i)
        largest = std::max(largest, std::abs(m_weights.plane(m_filter, channel)[i]));
    const int cell = std::clamp(kGridWidth / m_size, 17, 48);
    m_grid->setRowCount(m_size);
    m_grid->setColumnCount(m_size);
    QFont font = m_grid->font();
    font.setPixelSize(std::clamp(cell / 3, 8, 14));
    for (int y = 0; y < m_size; ++y) {
        m_grid->setRowHeight(y, cell);
        for (int x = 0; x < m_size; ++x) {
            m_grid->setColumnWidth(x, cell);
            const float w = m_weights.at(m_filter, channel, y, x);
            auto *item = new QTableWidgetItem(weightText(w));
            item->setTextAlignment(Qt::AlignCenter);
            item->setFont(font);
            const auto rgb = colormapColor(Colormap::Diverging,
                                           largest > 0 ? 0.5 + 0.5 * w / largest : 0.5);
            item->setBackground(QColor(rgb[0], rgb[1], rgb[2]));
            item->setForeground(Qt::black);
            m_grid->setItem(y, x, item);
        }
    }
    m_grid->setFixedSize(cell * m_size + 2 * m_grid->frameWidth(),
                         cell * m_size + 2 * m_grid->frameWidth());
    m_refreshing = false;
    refreshSummary();
}

void KernelEditor::refreshSummary()
{
    const ParameterCount count = parameterCount(m_weights.shape(), depthwise(), m_channels);
    m_parameters->setText(
        tr("Parameters K·K·C<sub>in</sub>·C<sub>out</sub> + C<sub>out</sub><br><b>%1</b>")
            .arg(QString::fromStdString(count.formula)));
}

void KernelEditor::save(QSettings &settings) const
{
    QList<QVariant> weights;
    for (float w : m_weights.values())
        weights.append(w);
    QList<QVariant> biases;
    for (float b : m_biases)
        biases.append(b);
    const Shape &s = m_weights.shape();
    settings.setValue("shape", QList<QVariant>{s.n, s.c, s.h, s.w});
    settings.setValue("weights", weights);
    settings.setValue("biases", biases);
    settings.setValue("names", m_names);
    settings.setValue("flip", flip());
    settings.setValue("depthwise", depthwise());
}

void KernelEditor::restore(const QSettings &settings)
{
    const QList<QVariant> shape = settings.value("shape").toList();
    const QList<QVariant> weights = settings.value("weights").toList();
    const QList<QVariant> biases = settings.value("biases").toList();
    const QStringList names = settings.value("names").toStringList();
    // A hand-edited or damaged file: every number must be one the editor could have made.
    const auto within = [](const QList<QVariant> &values, float limit) {
        return std::all_of(values.begin(), values.end(), [limit](const QVariant &v) {
            bool ok = false;
            const float f = v.toFloat(&ok);
            return ok && std::isfinite(f) && std::abs(f) <= limit;
        });
    };
    if (shape.size() == 4) {
        const Shape s{shape[0].toInt(), shape[1].toInt(), shape[2].toInt(), shape[3].toInt()};
        const bool sane = s.n >= 1 && s.n <= kMaxFilters && (s.c == 1 || s.c == 3) && s.h >= 1
                          && s.h <= kMaxSize && s.w == s.h && weights.size() == s.count()
                          && biases.size() == s.n && names.size() == s.n
                          && within(weights, kMaxWeight) && within(biases, kMaxBias);
        if (sane) {
            m_weights = Tensor(s);
            for (qsizetype i = 0; i < weights.size(); ++i)
                m_weights.values()[size_t(i)] = weights[i].toFloat();
            m_biases.assign(size_t(s.n), 0.0f);
            for (int f = 0; f < s.n; ++f)
                m_biases[size_t(f)] = biases[f].toFloat();
            m_names = names;
            m_size = s.h;
            m_channels = s.c;
            m_filter = 0;
        }
    }
    m_flip->setChecked(settings.value("flip", false).toBool());
    m_depthwise->setChecked(settings.value("depthwise", false).toBool());
    refreshGrid();
    emit changed();
}

} // namespace convscope::ui
