#include "ui/lessons/receptivefieldpage.h"

#include "core/explorer/colormap.h"
#include "core/nn/architecture.h"
#include "core/nn/digit_input.h"
#include "ui/common/fieldcanvas.h"
#include "ui/common/numbering.h"
#include "ui/common/planeimages.h"
#include "ui/common/style.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace convscope::ui {

namespace {

const char *const kSessionSource = "session";

// The digit presets whose fields are worth drawing: the MLP's first layer already sees it all.
constexpr const char *kPresets[] = {"lenet5", "tiny", "mini-vgg", "mini-inception", "mini-resnet"};

QString text(const std::string &words)
{
    return QString::fromStdString(words);
}

QRect rectOf(const FieldRect &f)
{
    return QRect(int(f.left), int(f.top), int(f.width), int(f.height));
}

QLabel *caption(const QString &words, QWidget *parent)
{
    auto *label = new QLabel(words, parent);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignHCenter);
    return label;
}

} // namespace

ReceptiveFieldPage::ReceptiveFieldPage(QWidget *parent)
    : QWidget(parent)
    , m_source(new QComboBox(this))
    , m_layer(new QComboBox(this))
    , m_channel(new QSpinBox(this))
    , m_row(new QSpinBox(this))
    , m_column(new QSpinBox(this))
    , m_image(new QSpinBox(this))
    , m_imageNote(new QLabel(this))
    , m_input(new FieldCanvas(this))
    , m_field(new FieldCanvas(this))
    , m_map(new FieldCanvas(this))
    , m_mapTitle(caption(QString(), this))
    , m_summary(new QLabel(this))
    , m_steps(new QTableWidget(0, 5, this))
{
    auto *views = new QGridLayout;
    views->addWidget(caption(tr("The input and the unit's theoretical field"), this), 0, 0);
    views->addWidget(caption(tr("Its effective field: |∂ unit / ∂ pixel|"), this), 0, 1);
    views->addWidget(m_mapTitle, 0, 2);
    views->addWidget(m_input, 1, 0);
    views->addWidget(m_field, 1, 1);
    views->addWidget(m_map, 1, 2);
    for (int column = 0; column < 3; ++column)
        views->setColumnStretch(column, 1);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_steps->setHorizontalHeaderLabels(
        {tr("Layer"), tr("Field r"), tr("Jump j"), tr("Start"), tr("How the field grows")});
    m_steps->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_steps->horizontalHeader()->setStretchLastSection(true);
    m_steps->verticalHeader()->setVisible(false);
    m_steps->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_steps->setTextElideMode(Qt::ElideMiddle);
    m_steps->setToolTip(tr("r′ and j′ are the field and jump of the layer's input: each layer "
                           "adds D·(K−1)·j′ pixels, and a stride multiplies the jump"));
    auto *teaching = new QLabel(
        tr("A unit of a deep layer sees a patch of the input: each layer adds D·(K−1)·j′ "
           "pixels to it, j′ being how far apart its input's units are on the image, and each "
           "stride or pool multiplies that distance. That is the theoretical field (orange). "
           "The gradient shows how much each pixel really moves the unit: deep in a stack the "
           "effective field is smaller than the theoretical one and strongest in its middle "
           "(try mini-resnet's last layers); two layers in, as in LeNet-5's conv2, it still "
           "fills most of it. Click the feature map to pick another unit."),
        this);
    teaching->setWordWrap(true);
    auto *right = new QVBoxLayout;
    right->addLayout(views, 3);
    right->addWidget(m_summary);
    right->addWidget(teaching);
    right->addWidget(m_steps, 2);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(buildSettings());
    layout->addLayout(right, 1);

    connect(m_map, &FieldCanvas::pixelClicked, this, [this](int y, int x) {
        Unit u = m_unit;
        u.y = y;
        u.x = x;
        setUnit(u);
    });
    setNetwork(kPresets[0]);
}

QWidget *ReceptiveFieldPage::buildSettings()
{
    auto *box = new QGroupBox(tr("Receptive field"), this);
    box->setObjectName(style::kSettingsColumn);
    m_source->addItem(tr("Training page"), QString(kSessionSource));
    for (const char *name : kPresets) {
        const Preset *preset = findPreset(name);
        m_source->addItem(tr("%1, random").arg(text(std::string(preset->title))), QString(name));
    }
    m_source->setToolTip(tr("A preset with fresh random weights, or the network the Training "
                            "page trains, with its weights as they are now"));
    for (QSpinBox *spin : {m_channel, m_row, m_column})
        spin->setMinimum(1);
    for (QComboBox *combo : {m_source, m_layer}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(15);
    }
    m_image->setMinimum(1);
    m_imageNote->setWordWrap(true);
    // Labels above their fields: the column stays narrow and the names fit whole.
    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->addRow(tr("Network"), m_source);
    form->addRow(tr("Layer"), m_layer);
    form->addRow(tr("Channel"), m_channel);
    form->addRow(tr("Unit row"), m_row);
    form->addRow(tr("Unit column"), m_column);
    form->addRow(tr("Test image"), m_image);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(form);
    layout->addWidget(m_imageNote);
    layout->addStretch(1);
    m_settings = box;
    fitSettings();

    connect(m_source, &QComboBox::currentIndexChanged, this, &ReceptiveFieldPage::rebuildNetwork);
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this](int row) {
        Unit u = m_unit;
        u.row = row;
        setUnit(u);
    });
    for (QSpinBox *spin : {m_channel, m_row, m_column}) {
        connect(spin, &QSpinBox::valueChanged, this, [this] {
            setUnit({m_unit.row, m_channel->value() - 1, m_row->value() - 1, m_column->value() - 1});
        });
    }
    connect(m_image, &QSpinBox::valueChanged, this, &ReceptiveFieldPage::refresh);
    return box;
}

void ReceptiveFieldPage::setSnapshotSource(std::function<NetworkSnapshot()> source)
{
    m_snapshots = std::move(source);
    rebuildNetwork();
}

void ReceptiveFieldPage::sessionChanged()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    rebuildNetwork();
}

// The settings column as wide as its longest choices at the current font: presentation mode
// widens it instead of cutting the network's name.
void ReceptiveFieldPage::fitSettings()
{
    if (m_settings)
        m_settings->setMaximumWidth(fontMetrics().horizontalAdvance(QString(24, 'x')));
}

void ReceptiveFieldPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitSettings();
}

void ReceptiveFieldPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        rebuildNetwork();
}

bool ReceptiveFieldPage::setNetwork(const QString &source)
{
    const int index = m_source->findData(source);
    if (index < 0)
        return false;
    if (index == m_source->currentIndex())
        rebuildNetwork();
    else
        m_source->setCurrentIndex(index);
    return true;
}

QString ReceptiveFieldPage::networkSource() const
{
    return m_source->currentData().toString();
}

// A copy of the chosen network: the page's gradients never touch the one that trains.
void ReceptiveFieldPage::rebuildNetwork()
{
    m_stale = false;
    m_snapshot = m_snapshots ? m_snapshots() : NetworkSnapshot{};
    const QString source = networkSource();
    const bool session = source == kSessionSource && !m_snapshot.architecture.layers.empty();
    const Architecture architecture = session ? m_snapshot.architecture
                                              : *parseArchitecture(source == kSessionSource
                                                                       ? std::string(kPresets[0])
                                                                       : source.toStdString());
    Expected<Network> network = Network::create(architecture, kDigitShape);
    if (!network)
        return;
    m_network = std::make_unique<Network>(std::move(*network));
    if (!session || !m_network->setWeights(m_snapshot.weights))
        m_network->initialize(1);
    fillLayers();
}

// The rows of the network, and the unit kept where it still exists; a new network starts at
// its second convolution (conv2 of LeNet-5, whose field the lecture works out), or its last.
void ReceptiveFieldPage::fillLayers()
{
    const std::vector<LayerDescription> &rows = m_network->describe();
    const QSignalBlocker block(m_layer);
    const QString previous = m_layer->currentText().section(' ', 0, 0);
    m_layer->clear();
    int chosen = -1, convolutions = 0, secondConv = -1;
    for (int i = 0; i < int(rows.size()); ++i) {
        const LayerDescription &row = rows[size_t(i)];
        const QString name = text(row.name);
        m_layer->addItem(QString("%1 · %2").arg(name, text(row.output.imageString())));
        if (name == previous)
            chosen = i;
        if (name.startsWith("conv") && ++convolutions == 2)
            secondConv = i;
    }
    if (chosen < 0)
        chosen = secondConv >= 0 ? secondConv : int(rows.size()) - 1;
    const Shape out = rows[size_t(chosen)].output;
    const bool kept = chosen == m_unit.row || text(rows[size_t(chosen)].name) == previous;
    setUnit(kept ? Unit{chosen, m_unit.channel, m_unit.y, m_unit.x}
                 : Unit{chosen, 0, out.h / 2, out.w / 2});
}

void ReceptiveFieldPage::setUnit(const Unit &unit)
{
    const std::vector<LayerDescription> &rows = m_network->describe();
    Unit u = unit;
    u.row = std::clamp(u.row, 0, int(rows.size()) - 1);
    const Shape out = rows[size_t(u.row)].output;
    u.channel = std::clamp(u.channel, 0, out.c - 1);
    u.y = std::clamp(u.y, 0, out.h - 1);
    u.x = std::clamp(u.x, 0, out.w - 1);
    m_unit = u;
    {
        const QSignalBlocker a(m_layer), b(m_channel), c(m_row), d(m_column);
        m_layer->setCurrentIndex(u.row);
        m_channel->setMaximum(out.c);
        m_row->setMaximum(out.h);
        m_column->setMaximum(out.w);
        m_channel->setValue(ordinal(u.channel));
        m_row->setValue(ordinal(u.y));
        m_column->setValue(ordinal(u.x));
    }
    refresh();
}

// The chosen test image (in [0, 1], and as the network reads it), or a blank one without data.
Tensor ReceptiveFieldPage::inputImage(Tensor *unitImage) const
{
    const DataSet *data = m_snapshot.data.get();
    Tensor unit(kDigitShape, 0.0f);
    if (data && data->test.count() > 0 && data->test.rows == kDigitSize
        && data->test.cols == kDigitSize) {
        unit = convscope::unitImage(data->test, std::min(m_image->value(), data->test.count()) - 1);
    }
    *unitImage = unit;
    return normalizedImage(unit.data(), kDigitSize, kDigitSize, m_snapshot.normalization);
}

void ReceptiveFieldPage::refresh()
{
    if (!m_network)
        return;
    const DataSet *data = m_snapshot.data.get();
    m_image->setMaximum(data ? std::max(data->test.count(), 1) : 1);
    m_imageNote->setText(data ? tr("Test image %1 of %2 (%3)")
                                    .arg(m_image->value())
                                    .arg(data->test.count())
                                    .arg(text(data->name))
                              : tr("No data set is loaded (the Network page loads one): the "
                                   "input is blank."));
    Tensor unitImage;
    const Tensor input = inputImage(&unitImage);
    const std::vector<LayerDescription> &rows = m_network->describe();
    const LayerDescription &row = rows[size_t(m_unit.row)];
    m_effective = effectiveField(*m_network, input, m_unit).value();
    m_theoretical = theoreticalField(row, m_unit.y, m_unit.x);
    const EffectiveExtent extent = effectiveExtent(m_effective);

    const QRect field = rectOf(m_theoretical);
    const int margin = int(
        std::clamp<std::int64_t>(std::max({-m_theoretical.top, -m_theoretical.left,
                                           m_theoretical.top + m_theoretical.height - kDigitSize,
                                           m_theoretical.left + m_theoretical.width - kDigitSize,
                                           std::int64_t(0)}),
                                 0, 16));
    m_input->showImage(naturalImage(unitImage), {{field, style::kWindowMark, Qt::SolidLine}},
                       margin);
    float strongest = 0;
    for (float v : m_effective.values())
        strongest = std::max(strongest, v);
    const QImage heat = colorPlanes(m_effective, {0.0f, strongest > 0 ? strongest : 1.0f},
                                    Colormap::Viridis)
                            .front();
    QList<FieldCanvas::Mark> marks{{field, style::kWindowMark, Qt::DashLine}};
    if (extent.side > 0) {
        const int half = (extent.side - 1) / 2;
        marks.append({QRect(int(std::lround(extent.centreX)) - half,
                            int(std::lround(extent.centreY)) - half, extent.side, extent.side),
                      style::kSameMark, Qt::SolidLine});
    }
    m_field->showImage(heat, marks, margin);

    const Tensor &map = m_network->activations()[size_t(m_unit.row) + 1];
    Tensor plane(Shape{1, 1, map.shape().h, map.shape().w});
    for (int y = 0; y < map.shape().h; ++y) {
        for (int x = 0; x < map.shape().w; ++x)
            plane.at(0, 0, y, x) = map.at(0, m_unit.channel, y, x);
    }
    m_map->showImage(colorPlanes(plane, valueRange(plane.values(), ValueScale::Symmetric),
                                 Colormap::Diverging)
                         .front(),
                     {{QRect(m_unit.x, m_unit.y, 1, 1), style::kFocusMark, Qt::SolidLine}});
    m_mapTitle->setText(tr("%1, channel %2 of %3: the unit at row %4, column %5")
                            .arg(text(row.name))
                            .arg(ordinal(m_unit.channel))
                            .arg(row.output.c)
                            .arg(ordinal(m_unit.y))
                            .arg(ordinal(m_unit.x)));

    QString summary = tr("One unit of <b>%1</b> sees <b>%2×%3</b> input pixels: rows %4 to %5, "
                         "columns %6 to %7 (from 1; a field that starts before 1 or ends after "
                         "28 reaches into the padding).")
                          .arg(text(row.name))
                          .arg(m_theoretical.height)
                          .arg(m_theoretical.width)
                          .arg(m_theoretical.top + 1)
                          .arg(m_theoretical.top + m_theoretical.height)
                          .arg(m_theoretical.left + 1)
                          .arg(m_theoretical.left + m_theoretical.width);
    summary += extent.side > 0
                   ? tr(" On this image 90 % of its gradient lies in a <b>%1×%1</b> square about "
                        "row %2, column %3 (green): the effective field is %4 the theoretical "
                        "one.")
                         .arg(extent.side)
                         .arg(extent.centreY + 1, 0, 'f', 1)
                         .arg(extent.centreX + 1, 0, 'f', 1)
                         .arg(extent.side < std::min(m_theoretical.height, m_theoretical.width)
                                  ? tr("smaller than")
                                  : tr("as large as"))
                   : tr(" On this image its gradient is zero everywhere: a ReLU on the way is "
                        "off for it. Pick another unit or image.");
    m_summary->setText(summary);
    showSteps();
    emit statusChanged(tr("Receptive field: %1 sees %2×%3 pixels")
                           .arg(text(row.name))
                           .arg(m_theoretical.height)
                           .arg(m_theoretical.width));
}

void ReceptiveFieldPage::showSteps()
{
    const std::vector<FieldStep> steps = fieldSteps(m_network->describe(), m_unit.row);
    m_steps->setRowCount(int(steps.size()));
    for (int i = 0; i < int(steps.size()); ++i) {
        const FieldStep &step = steps[size_t(i)];
        const QStringList cells{text(step.layer), QString::number(step.after.size),
                                QString::number(step.after.jump), QString::number(step.after.start),
                                text(step.rule)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setToolTip(text(step.rule)); // whole, where a narrow window elides it
            if (column >= 1 && column <= 3)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_steps->setItem(i, column, item);
        }
    }
    m_steps->selectRow(int(steps.size()) - 1);
    m_steps->scrollToBottom();
}

QString ReceptiveFieldPage::summaryText() const
{
    return m_summary->text();
}

} // namespace convscope::ui
