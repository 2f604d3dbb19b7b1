#include "ui/lessons/receptivefieldpage.h"

#include "core/explorer/colormap.h"
#include "core/nn/architecture.h"
#include "core/nn/digit_input.h"
#include "ui/common/coretext.h"
#include "ui/common/fieldcanvas.h"
#include "ui/common/latestrunner.h"
#include "ui/common/numbering.h"
#include "ui/common/planeimages.h"
#include "ui/common/style.h"
#include "ui/lessons/fieldnetwork.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace convscope::ui {

namespace {

// Up to this many multiply-adds (every digit network) the gradient is worked out at once;
// an ImageNet network's takes a second or more, off the GUI thread.
constexpr std::int64_t kAtOnceMultiplyAdds = 50'000'000;

// The lecture's kind of stack: 3×3 convolutions and pools, each adding to the field.
const char *const kDefaultStack
    = "conv 8 3x3 | relu | conv 8 3x3 | relu | maxpool 2 | conv 16 3x3 | relu | conv 16 3x3";
const char *const kDefaultStackInput = "1x28x28";

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
    , m_runner(new LatestRunner(this))
    , m_source(new QComboBox(this))
    , m_stackSpec(new QPlainTextEdit(kDefaultStack, this))
    , m_stackInput(new QLineEdit(kDefaultStackInput, this))
    , m_stackError(new QLabel(this))
    , m_networkNote(new QLabel(this))
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
           "fills most of it. Click the feature map to pick another unit, or write your own "
           "stack."),
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
    setNetwork("lenet5");
}

ReceptiveFieldPage::~ReceptiveFieldPage()
{
    m_runner->waitForDone();
}

QWidget *ReceptiveFieldPage::buildSettings()
{
    auto *box = new QGroupBox(tr("Receptive field"), this);
    box->setObjectName(style::kSettingsColumn);
    for (const auto &[title, name] : fieldSources())
        m_source->addItem(title, name);
    m_source->setToolTip(tr("The network the Training page trains, with its weights as they "
                            "are now; a preset with fresh random weights, on its own input "
                            "size; or a stack of layers you write"));
    m_stackSpec->setToolTip(tr("Layers as on the Network page, such as conv 8 3x3 stride 2 | "
                               "maxpool 2 | conv 16 3x3 dilation 2; no classifier is needed"));
    m_stackInput->setToolTip(tr("The input's channels, height and width, such as 3x64x64"));
    m_stackSpec->setTabChangesFocus(true);
    for (QLabel *label : {m_stackError, m_networkNote, m_imageNote}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_stackError->setStyleSheet(style::errorTextStyle());
    for (QSpinBox *spin : {m_channel, m_row, m_column})
        spin->setMinimum(1);
    for (QComboBox *combo : {m_source, m_layer}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(15);
    }
    m_image->setMinimum(1);
    // Labels above their fields: the column stays narrow and the names fit whole.
    // Wrapped notes outside the forms, which would not give them their height.
    m_form = new QFormLayout;
    m_form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    m_form->addRow(tr("Network"), m_source);
    m_form->addRow(tr("Layers of your stack"), m_stackSpec);
    m_form->addRow(tr("Its input C×H×W"), m_stackInput);
    m_unitForm = new QFormLayout;
    m_unitForm->setRowWrapPolicy(QFormLayout::WrapAllRows);
    m_unitForm->addRow(tr("Layer"), m_layer);
    m_unitForm->addRow(tr("Channel"), m_channel);
    m_unitForm->addRow(tr("Unit row"), m_row);
    m_unitForm->addRow(tr("Unit column"), m_column);
    m_unitForm->addRow(tr("Test image"), m_image);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(m_form);
    layout->addWidget(m_stackError);
    layout->addWidget(m_networkNote);
    layout->addLayout(m_unitForm);
    layout->addWidget(m_imageNote);
    layout->addStretch(1);
    m_settings = box;
    fitSettings();

    connect(m_source, &QComboBox::currentIndexChanged, this, &ReceptiveFieldPage::rebuildNetwork);
    connect(m_stackSpec, &QPlainTextEdit::textChanged, this, &ReceptiveFieldPage::rebuildNetwork);
    connect(m_stackInput, &QLineEdit::textEdited, this, &ReceptiveFieldPage::rebuildNetwork);
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
    if (networkSource() == kSessionField) {
        rebuildNetwork();
        return;
    }
    // A preset's or a stack's network is the page's own: a run's weights leave it alone (a
    // ResNet-50 rebuilt four times a second would take the run's cores), and only a new data
    // set changes what it draws, its test image.
    const std::shared_ptr<const DataSet> before = m_snapshot.data;
    m_snapshot = m_snapshots ? m_snapshots() : NetworkSnapshot{};
    if (m_digits && m_snapshot.data != before)
        refresh();
}

// The settings column as wide as its longest choices at the current font (presentation mode
// widens it instead of cutting the network's name), the stack's box as tall as five lines.
void ReceptiveFieldPage::fitSettings()
{
    if (m_settings)
        m_settings->setMaximumWidth(fontMetrics().horizontalAdvance(QString(24, 'x')));
    // Five lines: the stack of a lecture slide reads whole in the narrow column.
    m_stackSpec->setFixedHeight(fontMetrics().lineSpacing() * 5 + 2 * m_stackSpec->frameWidth() + 8);
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

void ReceptiveFieldPage::setStack(const QString &spec, const QString &input)
{
    {
        const QSignalBlocker block(m_stackSpec);
        m_stackSpec->setPlainText(spec);
    }
    m_stackInput->setText(input);
    if (!setNetwork(kOwnStackField))
        rebuildNetwork();
}

QString ReceptiveFieldPage::stackError() const
{
    return m_stackError->text();
}

QString ReceptiveFieldPage::networkNote() const
{
    return m_networkNote->text();
}

bool ReceptiveFieldPage::showRow(const QString &source, int row)
{
    if (!setNetwork(source))
        return false;
    if (row < 0)
        return true;
    const std::vector<LayerDescription> &rows = m_network->describe();
    const int chosen = std::clamp(row, 0, int(rows.size()) - 1);
    const Shape out = rows[size_t(chosen)].output;
    setUnit({chosen, 0, out.h / 2, out.w / 2});
    return true;
}

// A copy of the chosen network: the page's gradients never touch the one that trains. A
// stack that does not build says why and leaves the last one that did on the page.
void ReceptiveFieldPage::rebuildNetwork()
{
    m_stale = false;
    m_snapshot = m_snapshots ? m_snapshots() : NetworkSnapshot{};
    const QString source = networkSource();
    const bool stack = source == kOwnStackField;
    m_form->setRowVisible(m_stackSpec, stack);
    m_form->setRowVisible(m_stackInput, stack);
    // A line break is a space: the layers are the spec's, separated by |.
    const QString spec = m_stackSpec->toPlainText().replace('\n', ' ');
    Expected<FieldNetwork> built = buildFieldNetwork(source, m_snapshot, spec, m_stackInput->text());
    m_stackError->setText(built ? QString()
                                : tr("%1. The views show the last stack that was built.")
                                      .arg(coreText(built.error().message)));
    m_stackError->setVisible(!built);
    if (!built)
        return;
    m_network = built->network;
    m_digits = built->digits;
    m_networkNote->setText(built->note);
    m_unitForm->setRowVisible(m_image, m_digits);
    fillLayers(source == m_shownSource);
    m_shownSource = source;
}

// The rows of the network, and for the same source the unit kept where it still is. A new
// network starts at its second convolution (conv2 of LeNet-5, whose field the lecture works
// out); one of a large input at its deepest convolution whose field is at most half the input,
// large and whole on the picture (a convolution, not a ReLU that random weights may leave off).
void ReceptiveFieldPage::fillLayers(bool sameSource)
{
    const std::vector<LayerDescription> &rows = m_network->describe();
    const QSignalBlocker block(m_layer);
    const QString previousText = sameSource ? m_layer->currentText() : QString();
    const QString previous = previousText.section(' ', 0, 0);
    m_layer->clear();
    const Shape in = m_network->inputShape();
    const bool large = std::min(in.h, in.w) > 2 * kDigitSize;
    int chosen = -1, convolutions = 0, preferred = -1;
    for (int i = 0; i < int(rows.size()); ++i) {
        const LayerDescription &row = rows[size_t(i)];
        const QString name = text(row.name);
        m_layer->addItem(QString("%1 · %2").arg(name, text(row.output.imageString())));
        if (name == previous)
            chosen = i;
        const bool conv = name.startsWith("conv");
        if (large ? conv && 2 * std::max(row.field.h.size, row.field.w.size) <= std::min(in.h, in.w)
                  : conv && ++convolutions == 2)
            preferred = i;
    }
    if (chosen < 0)
        chosen = preferred >= 0 ? preferred : int(rows.size()) - 1;
    const Shape out = rows[size_t(chosen)].output;
    // The same layer with the same output keeps its unit; a layer that changed its size (a
    // stack being edited) starts again in its middle.
    const bool kept = !previousText.isEmpty() && m_layer->itemText(chosen) == previousText;
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

void ReceptiveFieldPage::setTestImage(int index)
{
    m_image->setValue(index + 1);
}

// What the network reads, and in `picture` the image as drawn ([0, 1]): the chosen test image
// (blank without data) for a digit network, the photo for any other.
Tensor ReceptiveFieldPage::networkInput(Tensor *picture) const
{
    const Shape shape = m_network->inputShape();
    if (!m_digits) {
        // Grey but for three channels, whose picture is in colour.
        *picture = fieldPhoto(shape.c == 3 ? shape : Shape{1, 1, shape.h, shape.w});
        return fieldPhoto(shape);
    }
    const DataSet *data = m_snapshot.data.get();
    Tensor unit(shape, 0.0f);
    if (data && data->test.count() > 0 && data->inputShape() == shape)
        unit = unitImage(data->test, std::min(m_image->value(), data->test.count()) - 1);
    *picture = unit;
    return normalizedImage(unit, m_snapshot.normalization);
}

ReceptiveFieldPage::Work ReceptiveFieldPage::workOut(Network &network, const Tensor &input,
                                                     const Unit &unit)
{
    Work work{effectiveField(network, input, unit).value(), {}};
    const Tensor &map = network.activations()[size_t(unit.row) + 1];
    work.plane = Tensor(Shape{1, 1, map.shape().h, map.shape().w});
    std::copy_n(map.plane(0, unit.channel), map.shape().planeSize(), work.plane.data());
    return work;
}

// Room around the images for a field that leaves them, up to half the image.
int ReceptiveFieldPage::margin() const
{
    const Shape in = m_network->inputShape();
    const FieldRect &f = m_theoretical;
    const std::int64_t past = std::max(
        {-f.top, -f.left, f.top + f.height - in.h, f.left + f.width - in.w, std::int64_t(0)});
    return int(std::min<std::int64_t>(past, std::max({16, in.h / 2, in.w / 2})));
}

// The theoretical field and the table at once; the gradient at once for a small network, on
// a worker for a large one, the views saying so meanwhile.
void ReceptiveFieldPage::refresh()
{
    if (!m_network)
        return;
    const DataSet *data = m_snapshot.data.get();
    m_image->setMaximum(data ? std::max(data->test.count(), 1) : 1);
    m_imageNote->setText(!m_digits ? tr("The input is the Samples page's cat, cropped to %1.")
                                         .arg(text(m_network->inputShape().imageString()))
                         : data ? tr("Test image %1 of %2 (%3)")
                                      .arg(m_image->value())
                                      .arg(data->test.count())
                                      .arg(text(data->name))
                                : tr("No data set is loaded (the Network page loads one): the "
                                     "input is blank."));
    Tensor picture;
    const Tensor input = networkInput(&picture);
    const LayerDescription &row = m_network->describe()[size_t(m_unit.row)];
    m_theoretical = theoreticalField(row, m_unit.y, m_unit.x);
    m_input->showImage(naturalImage(picture),
                       {{rectOf(m_theoretical), style::kWindowMark, Qt::SolidLine}}, margin());
    m_mapTitle->setText(tr("%1, channel %2 of %3: the unit at row %4, column %5")
                            .arg(text(row.name))
                            .arg(ordinal(m_unit.channel))
                            .arg(row.output.c)
                            .arg(ordinal(m_unit.y))
                            .arg(ordinal(m_unit.x)));
    showSteps();
    emit statusChanged(tr("Receptive field: %1 sees %2×%3 pixels")
                           .arg(text(row.name))
                           .arg(m_theoretical.height)
                           .arg(m_theoretical.width));

    const int generation = ++m_generation;
    if (m_network->multiplyAdds() <= kAtOnceMultiplyAdds) {
        showWork(workOut(*m_network, input, m_unit));
        return;
    }
    m_effective = Tensor();
    QImage blank(input.shape().w, input.shape().h, QImage::Format_RGB32);
    blank.fill(palette().color(QPalette::Window));
    m_field->showImage(blank, {{rectOf(m_theoretical), style::kWindowMark, Qt::DashLine}}, margin());
    QImage map(row.output.w, row.output.h, QImage::Format_RGB32);
    map.fill(palette().color(QPalette::Window));
    showMap(map);
    m_summary->setText(tr("One unit of <b>%1</b> sees <b>%2×%3</b> input pixels. Working out "
                          "its gradient on each of the %4 input values (%5 multiply-adds "
                          "forward)…")
                           .arg(text(row.name))
                           .arg(m_theoretical.height)
                           .arg(m_theoretical.width)
                           .arg(QLocale().toString(input.size()))
                           .arg(QLocale().toString(m_network->multiplyAdds())));
    m_runner->submit([this, network = m_network, input, unit = m_unit, generation] {
        auto work = std::make_shared<Work>(workOut(*network, input, unit));
        return [this, work, generation] {
            if (generation == m_generation)
                showWork(*work);
        };
    });
}

void ReceptiveFieldPage::showMap(const QImage &map)
{
    m_map->showImage(map, {{QRect(m_unit.x, m_unit.y, 1, 1), style::kFocusMark, Qt::SolidLine}});
}

void ReceptiveFieldPage::showWork(const Work &work)
{
    m_effective = work.effective;
    const EffectiveExtent extent = effectiveExtent(m_effective);
    float strongest = 0;
    for (float v : m_effective.values())
        strongest = std::max(strongest, v);
    const QImage heat = colorPlanes(m_effective, {0.0f, strongest > 0 ? strongest : 1.0f},
                                    Colormap::Viridis)
                            .front();
    QList<FieldCanvas::Mark> marks{{rectOf(m_theoretical), style::kWindowMark, Qt::DashLine}};
    if (extent.side > 0) {
        marks.append({QRect(extent.left, extent.top, extent.side, extent.side), style::kSameMark,
                      Qt::SolidLine});
    }
    m_field->showImage(heat, marks, margin());
    showMap(colorPlanes(work.plane, valueRange(work.plane.values(), ValueScale::Symmetric),
                        Colormap::Diverging)
                .front());

    const Shape in = m_network->inputShape();
    const LayerDescription &row = m_network->describe()[size_t(m_unit.row)];
    QString summary = tr("One unit of <b>%1</b> sees <b>%2×%3</b> input pixels: rows %4 to %5, "
                         "columns %6 to %7 (from 1; a field that starts before 1 or ends after "
                         "%8×%9 reaches into the padding).")
                          .arg(text(row.name))
                          .arg(m_theoretical.height)
                          .arg(m_theoretical.width)
                          .arg(m_theoretical.top + 1)
                          .arg(m_theoretical.top + m_theoretical.height)
                          .arg(m_theoretical.left + 1)
                          .arg(m_theoretical.left + m_theoretical.width)
                          .arg(in.h)
                          .arg(in.w);
    summary += extent.side > 0
                   ? tr(" On this image 90 % of its gradient lies in a <b>%1×%1</b> square, "
                        "rows %2 to %3, columns %4 to %5 (green), about its centre of weight at "
                        "row %6, column %7: the effective field is %8 the theoretical one.")
                         .arg(extent.side)
                         .arg(extent.top + 1)
                         .arg(extent.top + extent.side)
                         .arg(extent.left + 1)
                         .arg(extent.left + extent.side)
                         .arg(extent.centreY + 1, 0, 'f', 1)
                         .arg(extent.centreX + 1, 0, 'f', 1)
                         .arg(extent.side < std::min(m_theoretical.height, m_theoretical.width)
                                  ? tr("smaller than")
                                  : tr("as large as"))
                   : tr(" On this image its gradient is zero everywhere: a ReLU on the way is "
                        "off for it. Pick another unit or image.");
    m_summary->setText(summary);
}

void ReceptiveFieldPage::waitForField()
{
    m_runner->settle();
}

bool ReceptiveFieldPage::isIdle() const
{
    return m_runner->isIdle();
}

void ReceptiveFieldPage::showSteps()
{
    const std::vector<FieldStep> steps = fieldSteps(m_network->describe(), m_unit.row);
    m_steps->setRowCount(int(steps.size()));
    for (int i = 0; i < int(steps.size()); ++i) {
        const FieldStep &step = steps[size_t(i)];
        const QStringList cells{text(step.layer), QString::number(step.after.size),
                                QString::number(step.after.jump), QString::number(step.after.start),
                                coreText(step.rule)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setToolTip(cells.last()); // whole, where a narrow window elides it
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
