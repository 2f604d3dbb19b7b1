#include "ui/lessons/equivariancepage.h"

#include "core/explorer/colormap.h"
#include "core/io/image_io.h"
#include "core/nn/digit_input.h"
#include "core/nn/loss.h"
#include "core/ops/pool2d.h"
#include "core/ops/reference.h"
#include "ui/common/coretext.h"
#include "ui/common/fieldcanvas.h"
#include "ui/common/planeimages.h"
#include "ui/common/style.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace convscope::ui {

namespace {

const char *const kSessionSource = "session";
const char *const kExplorerSource = "explorer";
// The longer side of the Convolution page's image here: the naive convolution runs on every
// slider move.
constexpr int kMaxExplorerSide = 128;

QLabel *caption(const QString &words, QWidget *parent)
{
    auto *label = new QLabel(words, parent);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignHCenter);
    return label;
}

Tensor planeOf(const Tensor &t, int channel)
{
    Tensor plane(Shape{1, 1, t.shape().h, t.shape().w});
    for (int y = 0; y < t.shape().h; ++y) {
        for (int x = 0; x < t.shape().w; ++x)
            plane.at(0, 0, y, x) = t.at(0, channel, y, x);
    }
    return plane;
}

QImage picture(const Tensor &plane, const ValueRange &range, Colormap colormap)
{
    return colorPlanes(plane, range, colormap).front();
}

// One range for two maps, so that equal values get equal colours.
ValueRange sharedRange(const Tensor &a, const Tensor &b)
{
    std::vector<float> both = a.values();
    both.insert(both.end(), b.values().begin(), b.values().end());
    return valueRange(both, ValueScale::Symmetric);
}

ValueRange magnitudeRange(const Tensor &d)
{
    float largest = 0;
    for (float v : d.values())
        largest = std::max(largest, v);
    return {0.0f, largest > 0 ? largest : 1.0f};
}

// The bounding box of the mask's 1s, in a plane of the given width.
QRect boxOf(const std::vector<std::uint8_t> &mask, int width)
{
    QRect box;
    for (size_t i = 0; i < mask.size(); ++i) {
        if (mask[i])
            box |= QRect(int(i % size_t(width)), int(i / size_t(width)), 1, 1);
    }
    return box;
}

// The first convolution of a network: its weights, bias and options.
struct FirstConv
{
    Tensor weight;
    std::vector<float> bias;
    ConvOptions options;
};

std::optional<FirstConv> firstConv(Network &network)
{
    for (const NetworkNode &node : network.nodes()) {
        if (node.op != NodeOp::Layer || node.spec.kind != LayerKind::Conv)
            continue;
        const std::vector<Parameter *> parameters = node.layer->parameters();
        FirstConv conv{parameters.front()->value, {}, node.spec.conv};
        if (parameters.size() > 1)
            conv.bias = parameters[1]->value.values();
        return conv;
    }
    return std::nullopt;
}

} // namespace

EquivariancePage::EquivariancePage(QWidget *parent)
    : QWidget(parent)
    , m_source(new QComboBox(this))
    , m_sourceNote(new QLabel(this))
    , m_filter(new QSpinBox(this))
    , m_dy(new QSlider(Qt::Horizontal, this))
    , m_dx(new QSlider(Qt::Horizontal, this))
    , m_shiftLabel(new QLabel(this))
    , m_image(new QSpinBox(this))
    , m_imageNote(new QLabel(this))
    , m_convOfShift(new FieldCanvas(this))
    , m_shiftOfConv(new FieldCanvas(this))
    , m_convDifference(new FieldCanvas(this))
    , m_pooledBefore(new FieldCanvas(this))
    , m_pooledAfter(new FieldCanvas(this))
    , m_pooledDifference(new FieldCanvas(this))
    , m_summary(new QLabel(this))
    , m_plot(new QCustomPlot(this))
{
    auto *views = new QGridLayout;
    const QString captions[] = {tr("conv(shift(x))"),
                                tr("shift(conv(x))"),
                                tr("|difference|: 0 inside the green frame"),
                                tr("max pool 2×2 of conv(x)"),
                                tr("max pool 2×2 of conv(shift(x))"),
                                tr("|difference|")};
    FieldCanvas *canvases[] = {m_convOfShift,  m_shiftOfConv, m_convDifference,
                               m_pooledBefore, m_pooledAfter, m_pooledDifference};
    for (int i = 0; i < 6; ++i) {
        views->addWidget(caption(captions[i], this), (i / 3) * 2, i % 3);
        views->addWidget(canvases[i], (i / 3) * 2 + 1, i % 3);
        canvases[i]->setMinimumSize(100, 100);
    }
    for (int column = 0; column < 3; ++column)
        views->setColumnStretch(column, 1);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_plot->setMinimumHeight(170);
    m_plot->xAxis->setLabel(tr("shift of the digit (pixels)"));
    m_plot->yAxis->setLabel(tr("p(true class)"));
    m_plot->xAxis->setRange(-kMaxShift - 0.5, kMaxShift + 0.5);
    m_plot->yAxis->setRange(0, 1.05);
    // The legend in a row of its own above the curves, which it would hide inside the axes.
    m_plot->legend->setVisible(true);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    const struct
    {
        QString name;
        QColor colour;
    } graphs[] = {{tr("moved right (left below 0)"), QColor(0x1f, 0x77, 0xb4)},
                  {tr("moved down (up below 0)"), QColor(0xff, 0x7f, 0x0e)},
                  {tr("this shift"), style::kFocusMark}};
    for (const auto &g : graphs) {
        QCPGraph *graph = m_plot->addGraph();
        graph->setName(g.name);
        graph->setPen(QPen(g.colour, 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    }
    m_plot->graph(2)->setLineStyle(QCPGraph::lsNone);
    m_plot->graph(2)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 10));

    auto *teaching = new QLabel(
        tr("A convolution slides the same filter everywhere, so moving the input moves its "
           "output by as much: conv(shift(x)) = shift(conv(x)), except near the border, where "
           "pixels left the image. That is equivariance. A max pool keeps a window's largest "
           "value wherever it is inside the window: a small shift may leave it unchanged, but "
           "one that crosses a window's edge does not. That is local invariance only. The "
           "curve shows how far a trained network's answer really bears a shift. Try it on "
           "your own picture and filters too: choose the Convolution page as the source."),
        this);
    teaching->setWordWrap(true);
    auto *right = new QVBoxLayout;
    right->addLayout(views, 2);
    right->addWidget(m_summary);
    right->addWidget(teaching);
    right->addWidget(m_plot, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(buildSettings());
    layout->addLayout(right, 1);
    rebuild();
}

QWidget *EquivariancePage::buildSettings()
{
    auto *box = new QGroupBox(tr("Equivariance"), this);
    box->setObjectName(style::kSettingsColumn);
    for (QSlider *slider : {m_dy, m_dx}) {
        slider->setRange(-kMaxShift, kMaxShift);
        slider->setPageStep(1);
        slider->setTickPosition(QSlider::TicksBelow);
        connect(slider, &QSlider::valueChanged, this, &EquivariancePage::refresh);
    }
    // One pixel to the right: the border differs, and the pool keeps some values, not all.
    m_dx->setValue(1);
    m_filter->setMinimum(1);
    m_image->setMinimum(1);
    m_source->addItem(tr("Test digit, Training page"), QString(kSessionSource));
    m_source->addItem(tr("Convolution page"), QString(kExplorerSource));
    m_source->setToolTip(tr("A test digit and the first convolution of the network the "
                            "Training page trains, or the Convolution page's image and "
                            "filters"));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_source->setMinimumContentsLength(15);
    for (QLabel *label : {m_imageNote, m_shiftLabel, m_sourceNote}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    // Wrapped notes outside the form, which would not give them their height.
    auto *top = new QFormLayout;
    top->setRowWrapPolicy(QFormLayout::WrapAllRows);
    top->addRow(tr("Source"), m_source);
    m_form = new QFormLayout;
    m_form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    m_form->addRow(tr("Shift down (pixels)"), m_dy);
    m_form->addRow(tr("Shift right (pixels)"), m_dx);
    m_form->addRow(m_shiftLabel);
    m_form->addRow(tr("Filter"), m_filter);
    m_form->addRow(tr("Test image"), m_image);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(top);
    layout->addWidget(m_sourceNote);
    layout->addLayout(m_form);
    layout->addWidget(m_imageNote);
    layout->addStretch(1);
    m_settings = box;
    fitSettings();
    connect(m_filter, &QSpinBox::valueChanged, this, &EquivariancePage::refresh);
    connect(m_image, &QSpinBox::valueChanged, this, &EquivariancePage::refresh);
    connect(m_source, &QComboBox::currentIndexChanged, this, &EquivariancePage::refresh);
    return box;
}

// As wide as its longest label at the current font: presentation mode widens it.
void EquivariancePage::fitSettings()
{
    if (m_settings)
        m_settings->setMaximumWidth(fontMetrics().horizontalAdvance(QString(24, 'x')));
}

void EquivariancePage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitSettings();
}

void EquivariancePage::setSnapshotSource(std::function<NetworkSnapshot()> source)
{
    m_snapshots = std::move(source);
    rebuild();
}

void EquivariancePage::setExplorerSource(std::function<ExplorerSnapshot()> source)
{
    m_explorer = std::move(source);
    refresh();
}

void EquivariancePage::explorerChanged()
{
    if (source() != kExplorerSource)
        return;
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    refresh();
}

bool EquivariancePage::setSource(const QString &name)
{
    const int index = m_source->findData(name);
    if (index < 0)
        return false;
    if (index == m_source->currentIndex())
        refresh();
    else
        m_source->setCurrentIndex(index);
    return true;
}

QString EquivariancePage::source() const
{
    return m_source->currentData().toString();
}

QString EquivariancePage::sourceNote() const
{
    return m_sourceNote->text();
}

bool EquivariancePage::showsCurve() const
{
    return !m_plot->isHidden();
}

void EquivariancePage::sessionChanged()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    rebuild();
}

void EquivariancePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        rebuild();
}

void EquivariancePage::setShift(int dy, int dx)
{
    {
        const QSignalBlocker a(m_dy), b(m_dx);
        m_dy->setValue(dy);
        m_dx->setValue(dx);
    }
    refresh();
}

void EquivariancePage::setFilter(int index)
{
    m_filter->setValue(index + 1);
}

void EquivariancePage::setTestImage(int index)
{
    m_image->setValue(index + 1);
}

// A copy of the Training page's network (LeNet-5 with seed-1 weights without one).
void EquivariancePage::rebuild()
{
    m_stale = false;
    m_snapshot = m_snapshots ? m_snapshots() : NetworkSnapshot{};
    const Architecture architecture = m_snapshot.architecture.layers.empty()
                                          ? *parseArchitecture("lenet5")
                                          : m_snapshot.architecture;
    Expected<Network> network = m_snapshot.architecture.layers.empty()
                                    ? Network::create(architecture, kDigitShape)
                                    : Network::create(architecture, m_snapshot.input,
                                                      m_snapshot.classes);
    if (!network)
        return;
    m_network = std::make_unique<Network>(std::move(*network));
    if (m_snapshot.weights.empty() || !m_network->setWeights(m_snapshot.weights))
        m_network->initialize(1);
    refresh();
}

Tensor EquivariancePage::networkInput(const Tensor &unitImage) const
{
    return normalizedImage(unitImage, m_snapshot.normalization);
}

void EquivariancePage::refresh()
{
    if (!m_network)
        return;
    const int dy = m_dy->value(), dx = m_dx->value();
    m_shiftLabel->setText(tr("x moves %1 down and %2 right").arg(dy).arg(dx));
    const bool explorer = source() == kExplorerSource;
    Tensor unitImage(m_network->inputShape(), 0.0f);
    int label = -1;
    const std::optional<ShiftCase> shift = explorer ? explorerCase()
                                                    : digitCase(&unitImage, &label);
    m_form->setRowVisible(m_image, !explorer);
    m_imageNote->setVisible(!explorer);
    m_plot->setVisible(!explorer);
    if (!shift || !showShift(*shift)) {
        clearViews();
        refreshCurve(unitImage, -1);
        return;
    }
    QString summary = m_summary->text();
    if (!explorer) {
        refreshCurve(unitImage, label);
        if (label >= 0 && !m_across.empty() && (dy == 0 || dx == 0))
            summary += tr(" The network gives the true class %1 % unshifted, %2 % at this "
                          "shift.")
                           .arg(100.0 * m_across[kMaxShift], 0, 'f', 1)
                           .arg(100.0
                                    * (dy == 0 ? m_across[size_t(dx + kMaxShift)]
                                               : m_down[size_t(dy + kMaxShift)]),
                                0, 'f', 1);
        else if (label >= 0)
            summary += tr(" The curve moves the digit along one axis at a time; this shift "
                          "moves it along both.");
    }
    m_summary->setText(summary);
    emit statusChanged(tr("Equivariance: shift %1, %2; %3 of %4 pooled values unchanged")
                           .arg(dy)
                           .arg(dx)
                           .arg(m_pooled.same)
                           .arg(m_pooled.count));
}

// The test digit as the network reads it (its shift fills with 0, as the padding does) and
// the network's first convolution.
std::optional<EquivariancePage::ShiftCase> EquivariancePage::digitCase(Tensor *unitImage, int *label)
{
    const DataSet *data = m_snapshot.data.get();
    const bool digits = data && data->test.count() > 0
                        && data->inputShape() == m_network->inputShape();
    m_image->setMaximum(digits ? data->test.count() : 1);
    if (digits) {
        const int index = m_image->value() - 1;
        *unitImage = convscope::unitImage(data->test, index);
        *label = data->test.labels[size_t(index)];
        m_imageNote->setText(tr("Test image %1 of %2, a %3")
                                 .arg(m_image->value())
                                 .arg(data->test.count())
                                 .arg(QString::fromStdString(data->classNames[size_t(*label)])));
    } else {
        m_imageNote->setText(tr("No data set is loaded (the Network page loads one)."));
    }
    const std::optional<FirstConv> conv = firstConv(*m_network);
    if (!conv) {
        m_sourceNote->setText(QString());
        m_summary->setText(tr("This network has no convolution to shift: choose one on the "
                              "Network page."));
        return std::nullopt;
    }
    m_sourceNote->setText(tr("conv1 of the Training page's network, with its weights as they "
                             "are now."));
    return ShiftCase{networkInput(*unitImage), conv->weight, conv->bias, conv->options};
}

// The Convolution page's image, reduced so that the naive convolution (exact, the same sums
// in the same order for every position) keeps up with the sliders, and its filters with
// stride 1 and zero padding, for which alone a shift commutes with the convolution.
std::optional<EquivariancePage::ShiftCase> EquivariancePage::explorerCase()
{
    const ExplorerSnapshot shot = m_explorer ? m_explorer() : ExplorerSnapshot{};
    if (!shot.image || !shot.problem.isEmpty()) {
        m_sourceNote->setText(QString());
        m_summary->setText(shot.image ? tr("The Convolution page's setting does not convolve: "
                                           "%1")
                                            .arg(shot.problem)
                                      : tr("The Convolution page has no image yet."));
        return std::nullopt;
    }
    const Shape &s = shot.image->shape();
    const double scale = std::min(1.0, double(kMaxExplorerSide) / std::max(s.h, s.w));
    const int h = std::max(1, int(std::lround(s.h * scale)));
    const int w = std::max(1, int(std::lround(s.w * scale)));
    ShiftCase shift{scale < 1.0 ? resizeImage(*shot.image, h, w) : *shot.image, shot.weights,
                    shot.bias, shot.options};
    QStringList changed;
    if (scale < 1.0)
        changed << tr("its image reduced from %1×%2 to %3×%4").arg(s.h).arg(s.w).arg(h).arg(w);
    if (shot.options.strideH != 1 || shot.options.strideW != 1)
        changed << tr("stride 1 (the page's is %1×%2: a strided convolution commutes only with "
                      "shifts by multiples of its stride)")
                       .arg(shot.options.strideH)
                       .arg(shot.options.strideW);
    if (shot.options.padMode != PadMode::Zero)
        changed << tr("zero padding (the page's %1 padding copies pixels across the border)")
                       .arg(shot.options.padMode == PadMode::Reflect ? tr("reflect")
                                                                     : tr("replicate"));
    shift.options.strideH = shift.options.strideW = 1;
    shift.options.padMode = PadMode::Zero;
    m_sourceNote->setText(
        changed.isEmpty()
            ? tr("The Convolution page's image and filters.")
            : tr("The Convolution page's image and filters, with %1.").arg(changed.join(tr(", "))));
    return shift;
}

// conv(shift(x)) against shift(conv(x)) with the naive convolution, which sums each window
// in the same order wherever it is: the two are equal to the bit inside the border.
bool EquivariancePage::showShift(const ShiftCase &shift)
{
    const int dy = m_dy->value(), dx = m_dx->value();
    const Tensor &x = shift.x;
    const Expected<Conv2dPlan> plan = planConv2d(x.shape(), shift.weight.shape(),
                                                 int(shift.bias.size()), shift.options);
    if (!plan) {
        m_summary->setText(style::errorHtml(coreText(plan.error().message).toHtmlEscaped()));
        return false;
    }
    const Tensor convOfX = conv2dReference(*plan, x, shift.weight, shift.bias);
    const Tensor convOfShift = conv2dReference(*plan, shiftImage(x, dy, dx), shift.weight,
                                               shift.bias);
    const Tensor shiftOfConv = shiftImage(convOfX, dy, dx);
    const Geometry &geometry = plan->geometry;
    m_interior = equivariantInterior(geometry, dy, dx);
    m_difference = difference(convOfShift, shiftOfConv, m_interior);

    m_filter->setMaximum(convOfX.shape().c);
    const int channel = m_filter->value() - 1;
    const Tensor a = planeOf(convOfShift, channel), b = planeOf(shiftOfConv, channel);
    const ValueRange range = sharedRange(a, b);
    m_convOfShift->showImage(picture(a, range, Colormap::Diverging), {});
    m_shiftOfConv->showImage(picture(b, range, Colormap::Diverging), {});
    const Tensor d = planeOf(m_difference.magnitude, channel);
    QList<FieldCanvas::Mark> frame;
    if (const QRect inside = boxOf(m_interior, geometry.w.output); inside.isValid())
        frame.append({inside, style::kSameMark, Qt::SolidLine});
    m_convDifference->showImage(picture(d, magnitudeRange(d), Colormap::Viridis), frame);

    PoolOptions pool;
    const Expected<Pool2dPlan> poolPlan = planPool2d(convOfX.shape(), pool);
    m_pooled = {};
    if (poolPlan) {
        const Tensor before = pool2d(*poolPlan, convOfX).output;
        const Tensor after = pool2d(*poolPlan, convOfShift).output;
        m_pooled = agreement(before, after);
        const Tensor pa = planeOf(before, channel), pb = planeOf(after, channel);
        const ValueRange pooledRange = sharedRange(pa, pb);
        m_pooledBefore->showImage(picture(pa, pooledRange, Colormap::Diverging), {});
        m_pooledAfter->showImage(picture(pb, pooledRange, Colormap::Diverging), {});
        const Difference pooledDifference = difference(pa, pb, {});
        m_pooledDifference->showImage(picture(pooledDifference.magnitude,
                                              magnitudeRange(pooledDifference.magnitude),
                                              Colormap::Viridis),
                                      {});
    } else {
        for (FieldCanvas *canvas : {m_pooledBefore, m_pooledAfter, m_pooledDifference})
            canvas->showImage(QImage(), {});
    }
    const double share = m_pooled.count > 0 ? 100.0 * double(m_pooled.same) / double(m_pooled.count)
                                            : 0.0;
    m_summary->setText(
        tr("Inside the green frame conv(shift(x)) and shift(conv(x)) are equal to the bit "
           "(largest difference %1); at the border, where pixels left the image, they differ "
           "by up to %2. After the 2×2 max pool, %3 of the %4 pooled values (%5 %) are "
           "unchanged by this shift.")
            .arg(double(m_difference.largestInside))
            .arg(double(m_difference.largest), 0, 'g', 3)
            .arg(m_pooled.same)
            .arg(m_pooled.count)
            .arg(share, 0, 'f', 0));
    return true;
}

// Nothing to shift: no view keeps what belonged to the last case.
void EquivariancePage::clearViews()
{
    for (FieldCanvas *canvas : {m_convOfShift, m_shiftOfConv, m_convDifference, m_pooledBefore,
                                m_pooledAfter, m_pooledDifference})
        canvas->showImage(QImage(), {});
    m_difference = {};
    m_pooled = {};
    m_interior.clear();
}

// p(true class) as the digit moves right, and down: the background fills what it leaves.
void EquivariancePage::refreshCurve(const Tensor &unitImage, int label)
{
    m_across.clear();
    m_down.clear();
    for (int i = 0; i < 3; ++i)
        m_plot->graph(i)->data()->clear();
    if (label >= 0) {
        for (int axis = 0; axis < 2; ++axis) {
            std::vector<double> &curve = axis == 0 ? m_across : m_down;
            for (int s = -kMaxShift; s <= kMaxShift; ++s) {
                const Tensor moved = shiftImage(unitImage, axis == 1 ? s : 0, axis == 0 ? s : 0);
                const Tensor &logits = m_network->infer(networkInput(moved));
                std::vector<float> p(size_t(logits.size()));
                softmax(logits.data(), int(logits.size()), p.data());
                curve.push_back(p[size_t(label)]);
                m_plot->graph(axis)->addData(s, p[size_t(label)]);
            }
        }
        const int dy = m_dy->value(), dx = m_dx->value();
        if (dy == 0)
            m_plot->graph(2)->addData(dx, m_across[size_t(dx + kMaxShift)]);
        if (dx == 0)
            m_plot->graph(2)->addData(dy, m_down[size_t(dy + kMaxShift)]);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString EquivariancePage::summaryText() const
{
    return m_summary->text();
}

} // namespace convscope::ui
