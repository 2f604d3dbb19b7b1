#include "ui/explorer/poolingpage.h"

#include "core/explorer/pool_shift.h"
#include "core/ops/geometry.h"
#include "ui/common/choices.h"
#include "ui/common/colorbar.h"
#include "ui/common/coretext.h"
#include "ui/common/numbering.h"
#include "ui/common/planeimages.h"
#include "ui/common/style.h"
#include "ui/common/tensorview.h"
#include "ui/explorer/convolutionpage.h"
#include "ui/explorer/convresult.h"
#include "ui/explorer/explanations.h"
#include "ui/explorer/explorerhistory.h"
#include "ui/explorer/explorerviews.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTextBrowser>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QVBoxLayout>

#include <numeric>

namespace convscope::ui {

namespace {

constexpr int kControlsWidth = 300;
constexpr int kMaxPoolSize = 8;
// Winners are marked while there are few enough to see.
constexpr std::int64_t kMaxMarkedWinners = 128 * 128;

} // namespace

PoolingPage::PoolingPage(ConvolutionPage *convolution, QWidget *parent)
    : QWidget(parent)
    , m_convolution(convolution)
    , m_sourceBox(new QComboBox(this))
    , m_typeBox(new QComboBox(this))
    , m_kernel(new QSpinBox(this))
    , m_stride(new QSpinBox(this))
    , m_strideIsKernel(new QCheckBox(tr("= kernel size"), this))
    , m_padding(new QSpinBox(this))
    , m_gradientBox(new QCheckBox(tr("Show gradient routing"), this))
    , m_shiftButton(new QPushButton(tr("Shift input right by 1 px"), this))
    , m_shiftNote(new QLabel(this))
    , m_views(new ExplorerViews(QString(), QString(), this))
    , m_inputView(m_views->inputView())
    , m_outputView(m_views->outputView())
    , m_colorBar(m_views->colorBar())
    , m_formula(m_views->formula())
    , m_window(m_views->explanation())
    , m_inputInfo(m_views->inputInfo())
    , m_outputInfo(m_views->outputInfo())
{
    m_window->setPlaceholderText(tr("Hover over a pooled value to see its window and, for max "
                                    "pooling, the winner."));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(m_views, 1);

    connect(m_convolution, &ConvolutionPage::outputChanged, this, &PoolingPage::sourceChanged);
    connect(m_outputView, &TensorView::hovered, this, &PoolingPage::hoverOutput);
    // Built last: the page as it now stands is what Reset gives back.
    m_history = new ExplorerHistory([this](QSettings &s) { save(s); },
                                    [this](QSettings &s) { restore(s); }, this);
    for (QComboBox *box : {m_sourceBox, m_typeBox})
        connect(box, &QComboBox::currentIndexChanged, this,
                [this] { m_history->changed(tr("Change the pooling")); });
    for (QSpinBox *spin : {m_kernel, m_stride, m_padding})
        connect(spin, &QSpinBox::valueChanged, this,
                [this] { m_history->changed(tr("Change the pooling")); });
    connect(m_strideIsKernel, &QCheckBox::toggled, this,
            [this] { m_history->changed(tr("Change the pooling")); });
}

QWidget *PoolingPage::buildControls()
{
    m_sourceBox->addItem(tr("feature maps of the Convolution page"), false);
    m_sourceBox->addItem(tr("input image of the Convolution page"), true);
    m_typeBox->addItem(tr("max"), int(PoolType::Max));
    m_typeBox->addItem(tr("average"), int(PoolType::Average));
    m_kernel->setRange(1, kMaxPoolSize);
    m_kernel->setValue(2);
    m_stride->setRange(1, kMaxPoolSize);
    m_stride->setValue(2);
    m_stride->setEnabled(false);
    m_strideIsKernel->setChecked(true);
    m_padding->setRange(0, kMaxPoolSize / 2);
    m_padding->setToolTip(tr("On both sides, at most half the kernel (PyTorch's rule); max "
                             "pooling pads with −∞, average with 0 (counted in the mean)"));
    m_gradientBox->setToolTip(tr("Where a gradient of 1 at every pooled value flows back: only "
                                 "to the winner for max, spread evenly for average"));
    m_shiftButton->setCheckable(true);
    m_shiftButton->setToolTip(tr("Move the input one pixel to the right and mark in green the "
                                 "pooled values that did not change"));
    m_shiftNote->setWordWrap(true);
    m_shiftNote->setText(tr("<small>Translation invariance: a maximum that stays inside its "
                            "window after a small shift gives the same pooled value, so max "
                            "pooling forgets small moves; the average changes a little "
                            "everywhere.</small>"));

    auto *form = new QFormLayout;
    form->addRow(tr("Pool"), m_sourceBox);
    form->addRow(tr("Type"), m_typeBox);
    form->addRow(tr("Size K"), m_kernel);
    auto *strideRow = new QHBoxLayout;
    strideRow->addWidget(m_stride);
    strideRow->addWidget(m_strideIsKernel);
    form->addRow(tr("Stride S"), strideRow);
    form->addRow(tr("Padding P"), m_padding);
    auto *box = new QGroupBox(tr("Pooling"), this);
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->addLayout(form);
    boxLayout->addWidget(m_gradientBox);
    boxLayout->addWidget(m_shiftButton);
    boxLayout->addWidget(m_shiftNote);
    auto *reset = new QToolButton(box);
    reset->setText(tr("Reset"));
    reset->setToolTip(tr("Back to the defaults (Edit ▸ Undo takes it back)"));
    connect(reset, &QToolButton::clicked, this,
            [this] { m_history->reset(QString(), tr("Reset the pooling")); });
    boxLayout->addWidget(reset, 0, Qt::AlignRight);
    boxLayout->addStretch(1);
    box->setMinimumWidth(kControlsWidth);
    box->setMaximumWidth(kControlsWidth * 2);
    box->setObjectName(style::kSettingsColumn);

    connect(m_sourceBox, &QComboBox::currentIndexChanged, this, &PoolingPage::sourceChanged);
    connect(m_typeBox, &QComboBox::currentIndexChanged, this, &PoolingPage::recompute);
    connect(m_kernel, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_strideIsKernel->isChecked()) {
            const QSignalBlocker block(m_stride);
            m_stride->setValue(value);
        }
        recompute();
    });
    connect(m_stride, &QSpinBox::valueChanged, this, &PoolingPage::recompute);
    connect(m_strideIsKernel, &QCheckBox::toggled, this, [this](bool same) {
        m_stride->setEnabled(!same);
        if (same)
            m_stride->setValue(m_kernel->value());
        recompute();
    });
    connect(m_padding, &QSpinBox::valueChanged, this, &PoolingPage::recompute);
    connect(m_gradientBox, &QCheckBox::toggled, this, &PoolingPage::showSource);
    connect(m_shiftButton, &QPushButton::toggled, this, &PoolingPage::sourceChanged);
    return box;
}

void PoolingPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        sourceChanged();
}

void PoolingPage::sourceChanged()
{
    // Pooling is cheap but pointless while nobody looks: a hidden page only notes the change.
    if (!isVisible()) {
        m_dirty = true;
        return;
    }
    m_dirty = false;
    const bool image = usesImage();
    const std::shared_ptr<const ConvResult> conv = m_convolution->result();
    if (image || !conv) {
        const Tensor *input = m_convolution->input();
        if (!input)
            return;
        m_unshifted = std::make_shared<const Tensor>(*input);
        m_colormap = Colormap::Gray;
        m_range = valueRange(input->values(), ValueScale::MinMax);
        if (m_range.low >= 0 && m_range.high <= 1)
            m_range = {0, 1};
    } else {
        m_unshifted = outputOf(conv);
        m_colormap = conv->colormap;
        m_range = conv->range;
    }
    m_source = m_shiftButton->isChecked()
                   ? std::make_shared<const Tensor>(shiftedRight(*m_unshifted))
                   : m_unshifted;
    recompute();
}

void PoolingPage::recompute()
{
    if (!m_source)
        return;
    PoolOptions options;
    options.type = PoolType(m_typeBox->currentData().toInt());
    options.kernelH = options.kernelW = m_kernel->value();
    options.strideH = options.strideW = m_stride->value();
    options.padH = options.padW = m_padding->value();
    const Shape &in = m_source->shape();
    const WindowSpec window = options.window();
    m_window->clear();
    Expected<Pool2dPlan> plan = planPool2d(in, options);
    const Expected<Geometry> geometry = plan ? Expected<Geometry>(plan->geometry)
                                             : Expected<Geometry>(plan.error());
    m_formula->setText(formulaHtml(in.h, in.w, window, geometry, in.c));
    m_valid = plan.ok();
    if (!m_valid) {
        m_outputView->setGreyedOut(true);
        m_inputView->setOverlays({});
        m_outputInfo->setText(
            style::errorHtml(tr("invalid setting: the last valid output is greyed out")));
        m_status = coreText(plan.error().message);
        emit statusChanged(m_status);
        return;
    }
    m_result = pool2d(*plan, *m_source);
    const Tensor ones(plan->output, 1.0f);
    m_gradient = Tensor(in);
    pool2dBackward(*plan, m_result.argmax, ones, m_gradient);
    showOutput(options);

    const Shape &out = m_result.output.shape();
    m_outputInfo->setText(tr("<b>Pooled</b> C×O<sub>h</sub>×O<sub>w</sub> = <b>%1×%2×%3</b>%4")
                              .arg(out.c)
                              .arg(out.h)
                              .arg(out.w)
                              .arg(m_shiftSummary.isEmpty() ? QString() : " · " + m_shiftSummary));
    showSource();
    m_status = tr("Pooling %1 %2×%2, stride %3, padding %4: %5 → %6")
                   .arg(m_typeBox->currentText())
                   .arg(options.kernelH)
                   .arg(*options.strideH)
                   .arg(options.padH)
                   .arg(QString::fromStdString(in.toString()),
                        QString::fromStdString(out.toString()));
    emit statusChanged(m_status);
}

// The pooled values; with the shift on, before and after it side by side, the windows with
// something in them that the shift left unchanged marked on both.
void PoolingPage::showOutput(const PoolOptions &options)
{
    m_shiftSummary.clear();
    m_outputView->setGreyedOut(false);
    m_colorBar->setScale(m_colormap, m_range);
    const Expected<ShiftComparison> shift = m_shiftButton->isChecked() && m_unshifted
                                                ? compareShift(*m_unshifted, options)
                                                : Expected<ShiftComparison>(makeError(""));
    if (!shift) {
        m_output = std::make_shared<Tensor>(m_result.output);
        m_outputView->setContent(m_output, colorPlanes(*m_output, m_range, m_colormap), {}, false);
        m_outputView->setOverlays({});
        return;
    }
    const Shape &out = shift->before.shape();
    m_output = std::make_shared<Tensor>(Shape{1, 2 * out.c, out.h, out.w});
    std::copy(shift->before.values().begin(), shift->before.values().end(),
              m_output->values().begin());
    std::copy(shift->after.values().begin(), shift->after.values().end(),
              m_output->values().begin() + out.count());
    QStringList titles;
    QList<Overlay> marks;
    for (int c = 0; c < 2 * out.c; ++c) {
        const QString channel = out.c > 1 ? tr("channel %1, ").arg(ordinal(c % out.c)) : QString();
        titles.append(channel + (c < out.c ? tr("before the shift") : tr("after the shift")));
        QList<QPoint> kept;
        for (std::int64_t i = 0; i < out.planeSize(); ++i) {
            const size_t at = size_t((c % out.c) * out.planeSize() + i);
            if (shift->content[at] && shift->unchanged[at])
                kept.append(QPoint(int(i % out.w), int(i / out.w)));
        }
        marks.append({kept, c, style::kSameMark, Overlay::Style::Fill});
    }
    m_outputView->setContent(m_output, colorPlanes(*m_output, m_range, m_colormap), titles, false);
    m_outputView->setOverlays(marks);
    m_shiftSummary = shiftSummary(*shift, options.type);
}

QString PoolingPage::shiftSummary(const ShiftComparison &shift, PoolType type)
{
    const auto share = [&](std::int64_t count) {
        return shift.withContent ? 100.0 * double(count) / double(shift.withContent) : 0.0;
    };
    const bool max = type == PoolType::Max;
    return tr("shifted 1 px right: of the %1 windows with something in them, %2 keep their %3 "
              "(%4 %, green); %5 pooling would keep %6 (%7 %). %8 flat background windows are "
              "left out.")
        .arg(shift.withContent)
        .arg(shift.unchangedWithContent)
        .arg(max ? tr("maximum") : tr("average"))
        .arg(share(shift.unchangedWithContent), 0, 'f', 1)
        .arg(max ? tr("average") : tr("max"))
        .arg(shift.otherUnchangedWithContent)
        .arg(share(shift.otherUnchangedWithContent), 0, 'f', 1)
        .arg(shift.windows - shift.withContent);
}

void PoolingPage::showSource()
{
    if (!m_source)
        return;
    const bool gradient = m_gradientBox->isChecked() && m_valid;
    const Tensor &shown = gradient ? m_gradient : *m_source;
    const ValueRange range = gradient ? valueRange(m_gradient.values(), ValueScale::MinMax)
                                      : m_range;
    const Colormap colormap = gradient ? Colormap::Viridis : m_colormap;
    std::shared_ptr<const Tensor> values = gradient ? std::make_shared<const Tensor>(m_gradient)
                                                    : m_source;
    m_inputView->setContent(values, colorPlanes(shown, range, colormap), {}, false);
    const Shape &s = shown.shape();
    m_inputInfo->setText(
        gradient
            ? tr("<b>Gradient routed back</b> from a 1 at every pooled value (Σ = %1)")
                  .arg(number(
                      std::accumulate(m_gradient.values().begin(), m_gradient.values().end(), 0.0)))
            : tr("<b>Input</b> C×H×W = %1×%2×%3%4")
                  .arg(s.c)
                  .arg(s.h)
                  .arg(s.w)
                  .arg(m_shiftButton->isChecked() ? tr(", shifted right by 1 px") : QString()));
    markWinners();
}

void PoolingPage::markWinners()
{
    if (!m_valid || m_result.argmax.empty()
        || m_result.output.shape().planeSize() > kMaxMarkedWinners) {
        m_inputView->setOverlays({});
        return;
    }
    const Shape &out = m_result.output.shape();
    const int width = m_source->shape().w;
    QList<Overlay> marks;
    for (int c = 0; c < out.c; ++c) {
        QList<QPoint> winners;
        for (std::int64_t i = 0; i < out.planeSize(); ++i) {
            const std::int64_t at = m_result.argmax[size_t(c * out.planeSize() + i)];
            winners.append(QPoint(int(at % width), int(at / width)));
        }
        marks.append({winners, c, style::kWinnerMark, Overlay::Style::Dot});
    }
    m_inputView->setOverlays(marks);
}

void PoolingPage::hoverOutput(int tile, int y, int x)
{
    // With the shift on, the tiles are every channel before the shift, then after it.
    if (!m_valid || tile < 0) {
        m_window->clear();
        markWinners();
        return;
    }
    const int channel = tile % m_result.output.shape().c;
    const Pool2dPlan plan = *planPool2d(m_source->shape(), [&] {
        PoolOptions options;
        options.type = PoolType(m_typeBox->currentData().toInt());
        options.kernelH = options.kernelW = m_kernel->value();
        options.strideH = options.strideW = m_stride->value();
        options.padH = options.padW = m_padding->value();
        return options;
    }());
    const ReceptiveField field = receptiveField(plan.geometry, y, x);
    QList<QPoint> cells;
    for (const Tap &tap : field.taps)
        cells.append(QPoint(tap.x, tap.y));
    QList<Overlay> marks = {{cells, channel, style::kWindowMark, Overlay::Style::Fill}};
    const float value = m_result.output.at(0, channel, y, x);
    const int width = m_source->shape().w;
    QString text = tr("<p><b>Pooled channel %1, row %2, column %3</b>: the %4×%4 window at rows "
                      "%5 to %6, columns %7 to %8</p>")
                       .arg(ordinal(channel))
                       .arg(ordinal(y))
                       .arg(ordinal(x))
                       .arg(m_kernel->value())
                       .arg(ordinal(field.top))
                       .arg(ordinal(field.top + field.height - 1))
                       .arg(ordinal(field.left))
                       .arg(ordinal(field.left + field.width - 1));
    if (plan.type == PoolType::Max) {
        const std::int64_t at
            = m_result.argmax[size_t(channel * m_result.output.shape().planeSize()
                                     + std::int64_t(y) * m_result.output.shape().w + x)];
        const int wy = int(at / width), wx = int(at % width);
        marks.append({{QPoint(wx, wy)}, channel, style::kWinnerMark, Overlay::Style::Dot});
        text += tr("<p>max = <b>%1</b>, won by the input at row %2, column %3 (the first maximum "
                   "wins a tie). Its gradient goes back there alone.</p>")
                    .arg(number(value))
                    .arg(ordinal(wy))
                    .arg(ordinal(wx));
    } else {
        const int count = int(field.taps.size());
        text += tr("<p>average = Σ / %1 = <b>%2</b> (padding cells count as 0). A gradient of 1 "
                   "comes back as 1/%1 = %3 to each of the %1 cells.</p>")
                    .arg(count)
                    .arg(number(value))
                    .arg(number(1.0 / count));
    }
    m_inputView->setOverlays(marks);
    m_window->setHtml(text);
}

QString PoolingPage::formulaText() const
{
    return QTextDocumentFragment::fromHtml(m_formula->text()).toPlainText();
}

QString PoolingPage::windowText() const
{
    return m_window->toPlainText();
}

QString PoolingPage::shiftText() const
{
    return m_shiftSummary;
}

void PoolingPage::setPoolType(PoolType type)
{
    m_typeBox->setCurrentIndex(m_typeBox->findData(int(type)));
}

void PoolingPage::setKernel(int size)
{
    m_kernel->setValue(size);
}

void PoolingPage::setStride(int stride)
{
    m_strideIsKernel->setChecked(stride == 0);
    if (stride > 0)
        m_stride->setValue(stride);
}

void PoolingPage::setPadding(int padding)
{
    m_padding->setValue(padding);
}

bool PoolingPage::usesImage() const
{
    return m_sourceBox->currentData().toBool();
}

void PoolingPage::setUseImage(bool image)
{
    m_sourceBox->setCurrentIndex(m_sourceBox->findData(image));
}

void PoolingPage::setShifted(bool shifted)
{
    m_shiftButton->setChecked(shifted);
}

void PoolingPage::save(QSettings &settings) const
{
    settings.setValue("image", usesImage());
    settings.setValue("type", m_typeBox->currentData().toInt());
    settings.setValue("kernel", m_kernel->value());
    settings.setValue("stride", m_strideIsKernel->isChecked() ? 0 : m_stride->value());
    settings.setValue("padding", m_padding->value());
}

void PoolingPage::restore(QSettings &settings)
{
    setUseImage(settings.value("image", false).toBool());
    setPoolType(PoolType(storedChoice(m_typeBox, settings, "type").value_or(int(PoolType::Max))));
    setKernel(settings.value("kernel", 2).toInt());
    setStride(settings.value("stride", 0).toInt());
    setPadding(settings.value("padding", 0).toInt());
}

} // namespace convscope::ui
