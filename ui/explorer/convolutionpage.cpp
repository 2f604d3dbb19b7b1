#include "ui/explorer/convolutionpage.h"

#include "core/ops/geometry.h"
#include "ui/common/choices.h"
#include "ui/common/colorbar.h"
#include "ui/common/coretext.h"
#include "ui/common/numbering.h"
#include "ui/common/planeimages.h"
#include "ui/common/style.h"
#include "ui/common/tensorview.h"
#include "ui/common/wrappingrow.h"
#include "ui/explorer/convknobs.h"
#include "ui/explorer/explanations.h"
#include "ui/explorer/explorerhistory.h"
#include "ui/explorer/explorerviews.h"
#include "ui/explorer/inputpicker.h"
#include "ui/explorer/kerneleditor.h"
#include "ui/explorer/stepbar.h"

#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QTextBrowser>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QVBoxLayout>

namespace convscope::ui {

namespace {

// A group of settings with its Reset button, which puts the group back as a new page has it.
QGroupBox *group(const QString &title, QWidget *content, QWidget *parent,
                 const std::function<void()> &reset)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(content);
    auto *button = new QToolButton(box);
    button->setText(QObject::tr("Reset"));
    button->setToolTip(QObject::tr("Back to the defaults (Edit ▸ Undo takes it back)"));
    QObject::connect(button, &QToolButton::clicked, box, reset);
    layout->addWidget(button, 0, Qt::AlignRight);
    return box;
}

QString shapeText(const Shape &shape)
{
    return QString::fromStdString(shape.imageString());
}

} // namespace

ConvolutionPage::ConvolutionPage(QWidget *parent)
    : QWidget(parent)
    , m_picker(new InputPicker(this))
    , m_kernel(new KernelEditor(this))
    , m_knobs(new ConvKnobs(this))
    , m_views(new ExplorerViews(tr("Input"), tr("Feature maps"), this))
    , m_inputView(m_views->inputView())
    , m_outputView(m_views->outputView())
    , m_colorBar(m_views->colorBar())
    , m_inputInfo(m_views->inputInfo())
    , m_outputInfo(m_views->outputInfo())
    , m_cursorValue(new QLabel(this))
    , m_message(new QLabel(this))
    , m_formula(m_views->formula())
    , m_dot(m_views->explanation())
    , m_colormapBox(new QComboBox(this))
    , m_scaleBox(new QComboBox(this))
    , m_stepBar(new StepBar(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addWidget(buildViews(), 1);

    connect(m_picker, &InputPicker::sourceChanged, this, &ConvolutionPage::reload);
    connect(m_picker, &InputPicker::sizeChanged, this, &ConvolutionPage::applySize);
    connect(m_picker, &InputPicker::openRequested, this, &ConvolutionPage::chooseImage);
    connect(m_kernel, &KernelEditor::changed, this, &ConvolutionPage::recompute);
    connect(m_knobs, &ConvKnobs::changed, this, &ConvolutionPage::recompute);
    connect(m_inputView, &TensorView::hovered, this, &ConvolutionPage::hoverInput);
    connect(m_outputView, &TensorView::hovered, this, &ConvolutionPage::hoverOutput);
    connect(m_inputView, &TensorView::cellEdited, this, [this](int tile, int y, int x, float v) {
        auto edited = std::make_shared<Tensor>(*m_input);
        edited->at(0, m_input->shape().c == 3 && m_inputView->tileCount() == 1 ? 0 : tile, y, x) = v;
        m_input = edited;
        showInput();
        recompute();
    });
    connect(m_stepBar, &StepBar::advance, this, &ConvolutionPage::stepAdvance);
    connect(m_stepBar, &StepBar::stopped, this, &ConvolutionPage::stepStopped);
    connect(&m_runner, &LatestRunner::idle, this, [this] {
        if (isIdle())
            emit idle();
    });
    connect(&m_loader, &LatestRunner::idle, this, [this] {
        if (isIdle())
            emit idle();
    });
    reload();
    // Built last: the page as it now stands is what its groups reset to.
    m_history = new ExplorerHistory([this](QSettings &s) { save(s); },
                                    [this](QSettings &s) { restore(s); }, this);
    connect(m_picker, &InputPicker::sourceChanged, this,
            [this] { m_history->changed(tr("Change the input")); });
    connect(m_picker, &InputPicker::sizeChanged, this,
            [this] { m_history->changed(tr("Resize the input")); });
    connect(m_kernel, &KernelEditor::changed, this,
            [this] { m_history->changed(tr("Edit the filters")); });
    connect(m_knobs, &ConvKnobs::changed, this,
            [this] { m_history->changed(tr("Change the convolution")); });
}

ConvolutionPage::~ConvolutionPage()
{
    m_loader.waitForDone();
    m_runner.waitForDone();
}

QWidget *ConvolutionPage::buildControls()
{
    auto *panel = new QWidget(this);
    auto *layout = new QVBoxLayout(panel);
    layout->addWidget(group(tr("Input"), m_picker, panel,
                            [this] { m_history->reset("input/", tr("Reset the input")); }));
    layout->addWidget(group(tr("Filters"), m_kernel, panel,
                            [this] { m_history->reset("filters/", tr("Reset the filters")); }));
    layout->addWidget(group(tr("Convolution"), m_knobs, panel,
                            [this] { m_history->reset("knobs/", tr("Reset the convolution")); }));
    layout->addStretch(1);
    // Long item texts must not widen the panel: combo boxes show what fits and elide the rest.
    for (QComboBox *box : panel->findChildren<QComboBox *>()) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(6);
    }
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    m_controls = scroll;
    m_controls->setObjectName(style::kSettingsColumn);
    fitControls();
    return scroll;
}

QWidget *ConvolutionPage::buildViews()
{
    for (Colormap c : kColormaps)
        m_colormapBox->addItem(coreText(colormapName(c)), int(c));
    for (ValueScale s : kValueScales)
        m_scaleBox->addItem(coreText(valueScaleName(s)), int(s));
    m_colormapBox->setToolTip(tr("Diverging: blue below 0, white at 0, red above"));
    m_scaleBox->setToolTip(tr("Which values the colours span: lowest to highest, −m to m "
                              "around 0, or 0 to 1 (clipped)"));
    connect(m_colormapBox, &QComboBox::activated, this,
            [this] { setColormap(Colormap(m_colormapBox->currentData().toInt())); });
    connect(m_scaleBox, &QComboBox::activated, this,
            [this] { setValueScale(ValueScale(m_scaleBox->currentData().toInt())); });
    for (QComboBox *box : {m_colormapBox, m_scaleBox})
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents); // never "divergi"
    m_views->outputHeader()->addWidget(new WrappingRow(m_colormapBox, m_scaleBox, this));

    m_message->setWordWrap(true);
    m_message->setStyleSheet(style::messageBoxStyle());
    m_message->hide();
    m_dot->setPlaceholderText(tr("Hover over an output value to see the dot product that makes "
                                 "it, or over an input pixel to see every output it feeds."));
    m_cursorValue->setMinimumWidth(200);
    m_views->addUnderViews(m_cursorValue);
    m_inputView->setEditable(true);

    auto *views = new QWidget(this);
    auto *layout = new QVBoxLayout(views);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_views, 1);
    layout->addWidget(m_stepBar);
    return views;
}

void ConvolutionPage::fitControls()
{
    // As wide as the controls need at the current font, so presentation mode widens them.
    m_controls->setFixedWidth(m_controls->widget()->minimumSizeHint().width()
                              + m_controls->verticalScrollBar()->sizeHint().width() + 2);
}

void ConvolutionPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitControls();
}

bool ConvolutionPage::isIdle() const
{
    return m_runner.isIdle() && m_loader.isIdle();
}

void ConvolutionPage::openImage(const QString &path)
{
    m_picker->setSource(path);
}

bool ConvolutionPage::chooseImage()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Image"), QString(),
        tr("Images and arrays (*.png *.jpg *.jpeg *.bmp *.webp *.pgm *.ppm *.pnm *.npy);;"
           "All files (*)"));
    if (path.isEmpty())
        return false;
    openImage(path);
    return true;
}

void ConvolutionPage::reload()
{
    const QString path = m_picker->source();
    const ColorMode mode = m_picker->colorMode();
    m_loader.submit([this, path, mode]() -> LatestRunner::Finish {
        auto loaded = std::make_shared<Expected<SourceImage>>(loadSourceImage(path, mode));
        return [this, loaded, path] {
            if (!*loaded) {
                showError(tr("Cannot open this input: %1").arg(coreText(loaded->error().message)));
                // The box names what is on screen, not the file that failed.
                if (m_full)
                    m_picker->showSource(m_shownSource);
                return;
            }
            m_message->hide();
            m_shownSource = path;
            m_full = std::make_shared<const Tensor>(std::move((*loaded)->pixels));
            m_name = (*loaded)->name;
            m_note = (*loaded)->note;
            applySize();
        };
    });
}

void ConvolutionPage::applySize()
{
    if (!m_full)
        return;
    m_input = std::make_shared<const Tensor>(teachingSized(*m_full, m_picker->teachingSide()));
    m_kernel->setInputChannels(m_input->shape().c);
    showInput();
    recompute();
}

void ConvolutionPage::showInput()
{
    const Tensor &input = *m_input;
    const Shape &s = input.shape();
    const bool composite = s.c == 3 && std::max(s.h, s.w) > 16;
    QList<QImage> tiles;
    QStringList titles;
    if (composite) {
        tiles.append(naturalImage(input));
    } else {
        ValueRange range = valueRange(input.values(), ValueScale::MinMax);
        if (range.low >= 0 && range.high <= 1)
            range = {0, 1};
        tiles = colorPlanes(input, range, Colormap::Gray);
        if (s.c == 3)
            titles = QStringList{tr("R"), tr("G"), tr("B")};
    }
    m_inputView->setContent(m_input, tiles, titles, composite);
    m_inputInfo->setText(
        QString("%1 · C×H×W = %2%3")
            .arg(m_name, shapeText(s), m_note.isEmpty() ? QString() : " · " + m_note));
}

ConvSetup ConvolutionPage::currentSetup() const
{
    ConvSetup setup;
    setup.filters = m_kernel->filters();
    setup.options = m_knobs->options();
    setup.options.flipKernel = m_kernel->flip();
    setup.depthwise = m_kernel->depthwise();
    setup.activation = m_knobs->activation();
    return setup;
}

void ConvolutionPage::recompute()
{
    if (!m_input)
        return;
    const ConvSetup setup = currentSetup();
    const Shape &in = m_input->shape();
    const int k = m_kernel->kernelSize();
    const WindowSpec window = setup.options.window(k, k);
    const Expected<Geometry> geometry = resolveGeometry(in.h, in.w, window);
    const int outputs = setup.filters.filterCount() * (setup.depthwise ? in.c : 1);
    m_formula->setText(formulaHtml(in.h, in.w, window, geometry, outputs));
    m_stepBar->reset();
    m_valid = geometry.ok();
    if (!m_valid) {
        clearHover();
        m_inputView->setPadding({}, PadMode::Zero);
        m_outputView->setGreyedOut(true);
        m_outputInfo->setText(style::errorHtml(tr("invalid: last valid output greyed")));
        updateStatus();
        emit outputChanged();
        return;
    }
    m_inputView->setPadding(geometry->padding(), geometry->padMode);
    const std::shared_ptr<const Tensor> input = m_input;
    const Colormap colormap = m_colormap;
    const ValueScale scale = m_scale;
    m_runner.submit([this, input, setup, colormap, scale]() -> LatestRunner::Finish {
        auto result = std::make_shared<Expected<std::shared_ptr<const ConvResult>>>(
            computeConvResult(input, setup, colormap, scale));
        return [this, result] {
            if (!*result) {
                showError(coreText(result->error().message));
                return;
            }
            showResult(**result);
            m_status += tr(" · computed in %1 ms").arg((**result)->milliseconds, 0, 'f', 1);
            emit statusChanged(m_status);
        };
    });
}

void ConvolutionPage::showResult(std::shared_ptr<const ConvResult> result)
{
    if (!m_valid)
        return;
    m_result = std::move(result);
    const Shape &out = m_result->outcome.output.shape();
    const int filters = m_result->setup.filters.filterCount();
    QStringList titles;
    for (int c = 0; c < out.c; ++c) {
        titles.append(
            m_result->setup.depthwise
                ? tr("channel %1 · filter %2").arg(ordinal(c / filters)).arg(ordinal(c % filters))
                : tr("filter %1").arg(ordinal(c)));
    }
    m_outputView->setContent(outputOf(m_result), m_result->tiles, titles, false);
    m_outputView->setGreyedOut(false);
    m_outputView->setRevealed(-1);
    m_colorBar->setScale(m_result->colormap, m_result->range);
    m_outputInfo->setText(
        tr("C<sub>out</sub>×O<sub>h</sub>×O<sub>w</sub> = %1").arg(shapeText(out)));
    m_stepBar->setLength(std::int64_t(out.h) * out.w);
    clearHover();
    updateStatus();
    emit outputChanged();
}

void ConvolutionPage::showError(const QString &text)
{
    m_message->setText(text);
    m_message->show();
    m_status = text;
    emit statusChanged(m_status);
}

void ConvolutionPage::updateStatus()
{
    if (!m_input)
        return;
    const Shape &in = m_input->shape();
    const int k = m_kernel->kernelSize();
    QString output = tr("invalid");
    if (m_valid && m_result) {
        const Shape &out = m_result->outcome.output.shape();
        output = shapeText(out);
    }
    m_status = tr("Input %1 ⊛ %2 filter(s) %3×%3 → output %4")
                   .arg(shapeText(in))
                   .arg(m_kernel->filters().filterCount())
                   .arg(k)
                   .arg(output);
    emit statusChanged(m_status);
}

void ConvolutionPage::clearHover()
{
    m_inputView->setOverlays({});
    m_outputView->setOverlays({});
    m_cursorValue->clear();
    m_dot->clear();
    m_dotProduct = {};
}

void ConvolutionPage::hoverOutput(int channel, int y, int x)
{
    if (!m_result || !m_valid || channel < 0) {
        if (!m_stepBar->isActive())
            clearHover();
        return;
    }
    const ConvOutcome &outcome = m_result->outcome;
    const Shape &out = outcome.output.shape();
    if (channel >= out.c || y < 0 || y >= out.h || x < 0 || x >= out.w)
        return;
    const Activation activation = m_result->setup.activation;
    const DotProduct dot = explainOutput(outcome, *m_result->input, channel, y, x, activation);
    m_dotProduct = dot;
    const float computed = outcome.output.at(0, channel, y, x);
    m_dot->setHtml(dotProductHtml(dot, channel, y, x, activation, computed));
    QList<QPoint> cells;
    const ReceptiveField field = receptiveField(outcome.plan.geometry, y, x);
    for (const Tap &tap : field.taps)
        cells.append(QPoint(tap.x, tap.y));
    QList<Overlay> inputMarks;
    if (m_inputView->tileCount() == 1) {
        inputMarks.append({cells, 0, style::kWindowMark, Overlay::Style::Fill});
    } else {
        for (int c : inputChannelsOf(outcome, channel))
            inputMarks.append({cells, c, style::kWindowMark, Overlay::Style::Fill});
    }
    m_inputView->setOverlays(inputMarks);
    m_outputView->setOverlays({{{QPoint(x, y)}, channel, style::kFocusMark, Overlay::Style::Fill}});
    m_cursorValue->setText(tr("Output channel %1, row %2, column %3: <b>%4</b>")
                               .arg(ordinal(channel))
                               .arg(ordinal(y))
                               .arg(ordinal(x))
                               .arg(number(computed)));
}

void ConvolutionPage::hoverInput(int tile, int y, int x)
{
    if (!m_result || !m_valid || tile < 0) {
        if (!m_stepBar->isActive())
            clearHover();
        return;
    }
    const ConvOutcome &outcome = m_result->outcome;
    const std::vector<std::pair<int, int>> outputs = outputsReading(outcome.plan.geometry, y, x);
    QList<QPoint> cells;
    for (const auto &[oy, ox] : outputs)
        cells.append(QPoint(ox, oy));
    QList<Overlay> outputMarks;
    const int channels = outcome.output.shape().c;
    const bool oneChannel = m_inputView->tileCount() > 1 || m_result->input->shape().c == 1;
    for (int c = 0; c < channels; ++c) {
        const std::vector<int> reads = inputChannelsOf(outcome, c);
        if (!oneChannel || std::find(reads.begin(), reads.end(), tile) != reads.end())
            outputMarks.append({cells, c, style::kSameMark, Overlay::Style::Fill});
    }
    m_outputView->setOverlays(outputMarks);
    m_inputView->setOverlays({{{QPoint(x, y)}, tile, style::kFocusMark, Overlay::Style::Fill}});
    const Tensor &input = *m_result->input;
    QString value;
    if (m_inputView->tileCount() == 1 && input.shape().c == 3)
        value = QString("(%1, %2, %3)")
                    .arg(number(input.at(0, 0, y, x)), number(input.at(0, 1, y, x)),
                         number(input.at(0, 2, y, x)));
    else
        value = number(input.at(0, tile, y, x));
    m_cursorValue->setText(
        tr("Input row %1, column %2: <b>%3</b>").arg(ordinal(y)).arg(ordinal(x)).arg(value));
    m_dot->setHtml(tr("<p><b>Input pixel (%1, %2)</b> feeds %3 output position(s)%4, marked in "
                      "green: every window that covers it, directly or through a copied "
                      "padding cell.</p>")
                       .arg(ordinal(y))
                       .arg(ordinal(x))
                       .arg(outputs.size())
                       .arg(outputMarks.size() > 1
                                ? tr(" in each of %1 feature maps").arg(outputMarks.size())
                                : QString()));
}

void ConvolutionPage::stepAdvance(qint64 from, qint64 to)
{
    if (!m_result || !m_valid)
        return;
    const ConvOutcome &outcome = m_result->outcome;
    const Shape &out = outcome.output.shape();
    if (from == 0 || m_stepped.shape() != out)
        m_stepped = Tensor(out);
    const Activation activation = m_result->setup.activation;
    int y = 0, x = 0;
    for (qint64 p = from; p < to; ++p) {
        y = int(p / out.w);
        x = int(p % out.w);
        for (int c = 0; c < out.c; ++c)
            m_stepped.at(0, c, y, x) = float(
                explainOutput(outcome, *m_result->input, c, y, x, activation).value);
    }
    // A pointer that owns nothing (aliasing an empty shared_ptr): the page owns m_stepped and
    // outlives its view, and the view must see the values as the steps reveal them.
    const std::shared_ptr<const Tensor> stepped(std::shared_ptr<void>(), &m_stepped);
    m_outputView->setContent(stepped, m_result->tiles, {}, false);
    m_outputView->setRevealed(to);
    hoverOutput(0, y, x);
}

void ConvolutionPage::stepStopped()
{
    if (!m_result)
        return;
    m_outputView->setRevealed(-1);
    showResult(m_result);
}

QString ConvolutionPage::formulaText() const
{
    return QTextDocumentFragment::fromHtml(m_formula->text()).toPlainText();
}

QString ConvolutionPage::dotProductText() const
{
    return m_dot->toPlainText();
}

QString ConvolutionPage::messageText() const
{
    return !m_message->isHidden() ? m_message->text() : QString();
}

void ConvolutionPage::setColormap(Colormap colormap)
{
    m_colormap = colormap;
    m_colormapBox->setCurrentIndex(m_colormapBox->findData(int(colormap)));
    recompute();
    m_history->changed(tr("Change the colours"));
}

void ConvolutionPage::setValueScale(ValueScale scale)
{
    m_scale = scale;
    m_scaleBox->setCurrentIndex(m_scaleBox->findData(int(scale)));
    recompute();
    m_history->changed(tr("Change the colours"));
}

FeatureMaps ConvolutionPage::featureMaps() const
{
    FeatureMaps maps;
    if (!m_result)
        return maps;
    maps.values = &m_result->outcome.output;
    maps.tiles = m_result->tiles;
    maps.colormap = m_result->colormap;
    maps.range = m_result->range;
    maps.stem = QString::fromStdString(
        exportStem(m_name.toStdString(), m_result->setup, m_result->outcome.plan.geometry));
    maps.settings = exportSettings(m_name.toStdString(), m_result->setup, m_result->outcome);
    return maps;
}

void ConvolutionPage::save(QSettings &settings) const
{
    settings.beginGroup("input");
    m_picker->save(settings);
    settings.endGroup();
    settings.beginGroup("filters");
    m_kernel->save(settings);
    settings.endGroup();
    settings.beginGroup("knobs");
    m_knobs->save(settings);
    settings.endGroup();
    settings.setValue("colormap", int(m_colormap));
    settings.setValue("scale", int(m_scale));
}

void ConvolutionPage::restore(QSettings &s)
{
    {
        const QSignalBlocker blockKernel(m_kernel), blockKnobs(m_knobs);
        s.beginGroup("input");
        m_picker->restore(s);
        s.endGroup();
        s.beginGroup("filters");
        m_kernel->restore(s);
        s.endGroup();
        s.beginGroup("knobs");
        m_knobs->restore(s);
        s.endGroup();
    }
    restoreChoice(m_colormapBox, s, "colormap");
    restoreChoice(m_scaleBox, s, "scale");
    m_colormap = Colormap(m_colormapBox->currentData().toInt());
    m_scale = ValueScale(m_scaleBox->currentData().toInt());
    reload();
}

} // namespace convscope::ui
