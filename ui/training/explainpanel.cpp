#include "ui/training/explainpanel.h"

#include "core/explorer/colormap.h"
#include "core/nn/digit_input.h"
#include "core/nn/loss.h"
#include "core/parallel.h"
#include "ui/common/coretext.h"
#include "ui/common/fieldcanvas.h"
#include "ui/common/planeimages.h"
#include "ui/common/style.h"
#include "ui/training/drawpanel.h"
#include "ui/training/trainingsession.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace convscope::ui {

namespace {

constexpr int kExportScale = 10; // a 28×28 map as 280×280 pixels, crisp on a slide

QLabel *caption(const QString &words, QWidget *parent)
{
    auto *label = new QLabel(words, parent);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignHCenter);
    return label;
}

QImage heat(const Tensor &map, float low, float high)
{
    return colorPlanes(map, {low, high > low ? high : low + 1.0f}, Colormap::Viridis).front();
}

float largest(const Tensor &t)
{
    float m = 0;
    for (float v : t.values())
        m = std::max(m, v);
    return m;
}

} // namespace

ExplainPanel::ExplainPanel(TrainingSession *session, DrawPanel *draw, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_draw(draw)
    , m_source(new QComboBox(this))
    , m_image(new QSpinBox(this))
    , m_classBox(new QComboBox(this))
    , m_answer(new QLabel(this))
    , m_patch(new QSpinBox(this))
    , m_stride(new QSpinBox(this))
    , m_occlude(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_export(new QPushButton(tr("Export PNGs…"), this))
    , m_inputView(new FieldCanvas(this))
    , m_saliencyView(new FieldCanvas(this))
    , m_occlusionView(new FieldCanvas(this))
    , m_camView(new FieldCanvas(this))
    , m_camTitle(caption(tr("Grad-CAM"), this))
    , m_caption(new QLabel(this))
    , m_dreamTimer(new QTimer(this))
    , m_dreamLayer(new QComboBox(this))
    , m_dreamChannel(new QSpinBox(this))
    , m_dreamButton(new QPushButton(tr("Dream"), this))
    , m_dreamView(new FieldCanvas(this))
    , m_dreamTitle(caption(tr("What a filter wants to see"), this))
{
    auto *views = new QGridLayout;
    views->addWidget(caption(tr("The input"), this), 0, 0);
    views->addWidget(caption(tr("Saliency: |∂ score / ∂ pixel|"), this), 0, 1);
    views->addWidget(caption(tr("Occlusion: p(class) with a grey patch there (dark: lower)"), this),
                     0, 2);
    views->addWidget(m_camTitle, 0, 3);
    views->addWidget(m_dreamTitle, 0, 4);
    FieldCanvas *canvases[] = {m_inputView, m_saliencyView, m_occlusionView, m_camView, m_dreamView};
    for (int i = 0; i < 5; ++i) {
        views->addWidget(canvases[i], 1, i);
        canvases[i]->setMinimumSize(80, 80); // five side by side on a 1024-pixel projector
        views->setColumnStretch(i, 1);
    }
    m_answer->setWordWrap(true); // narrow on a projector rather than pushing the row wider
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildControls());
    layout->addLayout(views, 1);
    layout->addWidget(m_caption);
}

ExplainPanel::~ExplainPanel()
{
    stopWorker();
}

QWidget *ExplainPanel::buildControls()
{
    auto *row = new QWidget(this);
    m_source->addItem(tr("Test image"), false);
    m_source->addItem(tr("The drawn digit"), true);
    m_image->setRange(1, 1);
    m_classBox->addItem(tr("its answer"), -1);
    for (int c = 0; c < 10; ++c)
        m_classBox->addItem(QString::number(c), c);
    m_patch->setRange(2, 14);
    m_patch->setValue(6);
    m_patch->setToolTip(tr("The grey patch's side in pixels"));
    m_stride->setRange(1, 14);
    m_stride->setValue(2);
    m_stride->setToolTip(tr("How far the patch moves between passes"));
    m_progress->setRange(0, 1);
    m_progress->setMinimumWidth(80);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("%v of %m passes"));
    // Rows: what is explained, how the occlusion runs and its progress, the filter's dream; a
    // 1024-pixel projector in presentation mode keeps them whole.
    auto *what = new QHBoxLayout;
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_source, m_image, new QLabel(tr("Class"), row),
                                          m_classBox, m_answer})
        what->addWidget(w);
    what->addStretch(1);
    m_dreamChannel->setMinimum(1);
    m_dreamButton->setToolTip(tr("Climb the filter's mean activation by gradient ascent from "
                                 "faint noise, %1 steps, on the weights of now")
                                  .arg(kDreamSteps));
    auto *dream = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{new QLabel(tr("Filter"), row), m_dreamLayer,
                                                       m_dreamChannel, m_dreamButton})
        dream->addWidget(w);
    dream->addStretch(1);
    dream->addWidget(m_export);
    m_dreamTimer->setInterval(30);
    connect(m_dreamTimer, &QTimer::timeout, this, &ExplainPanel::dreamStep);
    connect(m_dreamButton, &QPushButton::clicked, this, [this] {
        if (dreaming()) {
            m_dreamTimer->stop();
            m_dreamButton->setText(tr("Dream"));
            return;
        }
        startDream(m_dreamLayer->currentData().toInt(), m_dreamChannel->value() - 1);
    });
    connect(m_dreamLayer, &QComboBox::currentIndexChanged, this, [this] {
        const int row = m_dreamLayer->currentData().toInt();
        if (m_network && row >= 0 && row < int(m_network->describe().size()))
            m_dreamChannel->setMaximum(m_network->describe()[size_t(row)].output.c);
    });
    auto *how = new QHBoxLayout;
    for (QWidget *w :
         std::initializer_list<QWidget *>{new QLabel(tr("Occlusion: patch"), row), m_patch,
                                          new QLabel(tr("stride"), row), m_stride, m_occlude})
        how->addWidget(w);
    how->addStretch(1);
    auto *layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(what);
    layout->addLayout(how);
    layout->addWidget(m_progress);
    layout->addLayout(dream);

    connect(m_source, &QComboBox::currentIndexChanged, this, &ExplainPanel::refresh);
    connect(m_image, &QSpinBox::valueChanged, this, &ExplainPanel::refresh);
    connect(m_classBox, &QComboBox::currentIndexChanged, this, &ExplainPanel::refresh);
    connect(m_patch, &QSpinBox::valueChanged, this, [this](int patch) {
        m_stride->setMaximum(patch);
        startOcclusion();
    });
    connect(m_stride, &QSpinBox::valueChanged, this, &ExplainPanel::startOcclusion);
    // One button: Cancel while the map is computed, Occlude to compute it again after.
    connect(m_occlude, &QPushButton::clicked, this, [this] {
        if (occluding())
            cancelOcclusion();
        else
            startOcclusion();
    });
    m_export->setToolTip(tr("The input and the three maps as PNGs of 280×280 pixels in a "
                            "folder: explain-input.png, explain-saliency.png, …"));
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Export the maps to"));
        if (folder.isEmpty())
            return;
        const Expected<QStringList> written = exportMaps(folder);
        m_caption->setText(written ? tr("Saved %1 PNGs in %2.").arg(written->size()).arg(folder)
                                   : style::errorHtml(coreText(written.error().message)));
    });
    return row;
}

void ExplainPanel::setTestImage(int index)
{
    // The range follows the data on screen only: a hidden tab may not know the set yet.
    const DataSet *data = m_session->data();
    m_image->setMaximum(data ? std::max(data->test.count(), 1) : 1);
    m_image->setValue(index + 1);
}

int ExplainPanel::testImage() const
{
    return m_image->value() - 1;
}

bool ExplainPanel::usesDrawing() const
{
    return m_source->currentIndex() == 1;
}

void ExplainPanel::setClass(int classIndex)
{
    m_classBox->setCurrentIndex(m_classBox->findData(classIndex));
}

void ExplainPanel::useDrawing(bool drawing)
{
    m_source->setCurrentIndex(drawing ? 1 : 0);
}

void ExplainPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

// The chosen image in [0, 1], 1×C×H×W of the data set, and its label (-1 for a drawing or no
// data). A drawing is a digit, for a network of 1×28×28 inputs only.
Tensor ExplainPanel::unitImage(int *label) const
{
    *label = -1;
    const Shape shape = m_session->inputShape();
    if (m_source->currentData().toBool() && shape == kDigitShape)
        return m_draw->digit() ? *m_draw->digit() : Tensor(kDigitShape, 0.0f);
    Tensor image(shape, 0.0f);
    const DataSet *data = m_session->data();
    if (!data || data->test.count() == 0 || data->inputShape() != shape)
        return image;
    const int index = std::min(m_image->value(), data->test.count()) - 1;
    *label = data->test.labels[size_t(index)];
    return m_session->testImage(index);
}

Tensor ExplainPanel::prepare(const Tensor &unitImage) const
{
    return normalizedImage(unitImage, m_session->normalization());
}

// A copy of the newest weights; the saliency and Grad-CAM at once, the occlusion off the GUI
// thread.
void ExplainPanel::refresh()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    stopWorker();
    ++m_generation;
    Expected<Network> network = Network::create(m_session->architecture(), m_session->inputShape(),
                                                m_session->classCount());
    if (!network)
        return;
    m_network = std::make_unique<Network>(std::move(*network));
    if (!m_network->setWeights(m_session->weights()))
        m_network->initialize(m_session->settings().seed);
    const DataSet *data = m_session->data();
    m_image->setMaximum(data ? std::max(data->test.count(), 1) : 1);
    int label = -1;
    m_input = unitImage(&label);
    const SerialScope serial; // never take the thread pool away from a run in progress
    const Tensor input = prepare(m_input);
    const Tensor &logits = m_network->forward(input, Mode::Inference);
    std::vector<float> p(size_t(logits.size()));
    softmax(logits.data(), int(logits.size()), p.data());
    const int answer = int(std::max_element(p.begin(), p.end()) - p.begin());
    const int chosen = m_classBox->currentData().toInt();
    m_class = chosen >= 0 && chosen < int(p.size()) ? chosen : answer;
    const auto name = [&](int c) {
        return data && size_t(c) < data->classNames.size()
                   ? QString::fromStdString(data->classNames[size_t(c)])
                   : QString::number(c);
    };
    m_answer->setText(
        tr("answers %1 (%2 %)").arg(name(answer)).arg(100.0 * p[size_t(answer)], 0, 'f', 1));

    fillDreamLayers();
    m_saliency = saliencyMap(*m_network, input, m_class).value();
    m_camRow = lastMapRow(m_network->describe());
    m_gradCam = m_camRow >= 0 ? gradCam(*m_network, input, m_class, m_camRow).value() : Tensor();
    m_inputView->showImage(naturalImage(m_input), {});
    m_saliencyView->showImage(heat(m_saliency, 0.0f, largest(m_saliency)), {});
    if (m_camRow >= 0) {
        m_camTitle->setText(
            tr("Grad-CAM on %1 (%2)")
                .arg(QString::fromStdString(m_network->describe()[size_t(m_camRow)].name),
                     QString::fromStdString(m_gradCam.shape().imageString())));
        m_camView->showImage(heat(m_gradCam, 0.0f, largest(m_gradCam)), {});
    } else {
        m_camTitle->setText(tr("Grad-CAM needs a feature map: this network has none"));
        m_camView->showImage(QImage(), {});
    }
    m_caption->setText(
        tr("Explaining class %1 (%2 %)%3. Bright pixels of the saliency move its score most; "
           "dark places of the occlusion map are where hiding that part of the image costs the "
           "class its probability; Grad-CAM shows where the last feature map's channels that "
           "raise the score are active.")
            .arg(name(m_class))
            .arg(100.0 * p[size_t(m_class)], 0, 'f', 1)
            .arg(label >= 0 ? tr(", the image's true class is %1").arg(name(label)) : QString()));
    startOcclusion();
}

void ExplainPanel::startOcclusion()
{
    if (!m_network)
        return;
    stopWorker();
    const std::uint64_t generation = ++m_generation;
    Expected<Network> copy = Network::create(m_network->architecture(), m_network->inputShape(),
                                             m_network->classes());
    if (!copy || !copy->setWeights(m_network->weights()))
        return;
    auto network = std::make_shared<Network>(std::move(*copy));
    OcclusionSettings settings;
    settings.patch = m_patch->value();
    settings.stride = std::min(m_stride->value(), settings.patch);
    const PixelNormalization norm = m_session->normalization();
    const int cls = m_class;
    const Tensor image = m_input;
    m_cancel = false;
    m_done = false;
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m passes"));
    m_occlude->setText(tr("Cancel"));
    m_occlusion = Tensor();
    m_occlusionView->showImage(QImage(), {});
    m_worker = std::thread([this, network, settings, norm, cls, image, generation] {
        const SerialScope serial;
        Expected<Tensor> map = occlusionMap(
            *network, image, [&norm](const Tensor &t) { return normalizedImage(t, norm); }, cls,
            settings,
            [this](int done, int total) {
                QMetaObject::invokeMethod(
                    this,
                    [this, done, total] {
                        m_progress->setMaximum(total);
                        m_progress->setValue(done);
                    },
                    Qt::QueuedConnection);
            },
            &m_cancel);
        m_done = true;
        QMetaObject::invokeMethod(
            this,
            [this, map = std::move(map), generation]() mutable {
                occlusionFinished(std::move(map), generation);
            },
            Qt::QueuedConnection);
    });
}

void ExplainPanel::occlusionFinished(Expected<Tensor> map, std::uint64_t generation)
{
    if (generation != m_generation)
        return; // a newer image, class or network: its own run follows
    m_occlude->setText(tr("Occlude"));
    if (!map) {
        m_progress->setFormat(coreText(map.error().message));
        return;
    }
    m_occlusion = *map;
    // Its own range, which the bar states: a confident answer moves by little, and 0 … 1 would
    // paint it one colour.
    float low = 1.0f, high = 0.0f;
    for (float v : m_occlusion.values()) {
        low = std::min(low, v);
        high = std::max(high, v);
    }
    m_progress->setFormat(tr("%v of %m passes · p from %1 to %2")
                              .arg(double(low), 0, 'f', 3)
                              .arg(double(high), 0, 'f', 3));
    m_occlusionView->showImage(heat(m_occlusion, low, high), {});
}

void ExplainPanel::cancelOcclusion()
{
    m_cancel = true;
}

void ExplainPanel::stopWorker()
{
    if (!m_worker.joinable())
        return;
    m_cancel = true;
    m_worker.join();
}

Expected<QStringList> ExplainPanel::exportMaps(const QString &folder) const
{
    const QDir dir(folder);
    if (!dir.exists())
        return makeError(tr("the folder %1 does not exist").arg(folder).toStdString());
    const int scale = kExportScale;
    const struct
    {
        QString name;
        QImage image;
    } maps[] = {{"explain-input.png", naturalImage(m_input)},
                {"explain-saliency.png", heat(m_saliency, 0.0f, largest(m_saliency))},
                {"explain-occlusion.png",
                 m_occlusion.size() > 0 ? heat(m_occlusion, 0.0f, largest(m_occlusion)) : QImage()},
                {"explain-gradcam.png",
                 m_gradCam.size() > 0 ? heat(m_gradCam, 0.0f, largest(m_gradCam)) : QImage()},
                {"explain-filter.png", m_dream ? dreamPicture() : QImage()}};
    QStringList written;
    for (const auto &map : maps) {
        if (map.image.isNull())
            continue;
        const QString path = dir.filePath(map.name);
        const QImage large = map.image.scaled(m_input.shape().w * scale, m_input.shape().h * scale,
                                              Qt::IgnoreAspectRatio, Qt::FastTransformation);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !large.save(&file, "PNG") || !file.commit())
            return makeError(tr("cannot write %1").arg(path).toStdString());
        written << path;
    }
    return written;
}

// The conv rows of the network, kept on the same name when the network is the same.
void ExplainPanel::fillDreamLayers()
{
    const QString previous = m_dreamLayer->currentText();
    const QSignalBlocker block(m_dreamLayer);
    m_dreamLayer->clear();
    const std::vector<LayerDescription> &rows = m_network->describe();
    for (int i = 0; i < int(rows.size()); ++i) {
        if (QString::fromStdString(rows[size_t(i)].name).startsWith("conv"))
            m_dreamLayer->addItem(QString::fromStdString(rows[size_t(i)].name), i);
    }
    const int kept = m_dreamLayer->findText(previous);
    m_dreamLayer->setCurrentIndex(kept >= 0 ? kept : m_dreamLayer->count() - 1);
    const int row = m_dreamLayer->currentData().toInt();
    if (m_dreamLayer->count() > 0)
        m_dreamChannel->setMaximum(m_network->describe()[size_t(row)].output.c);
    m_dreamButton->setEnabled(m_dreamLayer->count() > 0);
}

void ExplainPanel::startDream(int row, int channel, int steps)
{
    if (!m_network)
        return;
    Expected<Network> copy = Network::create(m_network->architecture(), m_network->inputShape(),
                                             m_network->classes());
    if (!copy || !copy->setWeights(m_network->weights()))
        return;
    m_dream.reset(); // it climbs on the network it is given, which is replaced here
    m_dreamNetwork = std::make_unique<Network>(std::move(*copy));
    const std::vector<LayerDescription> &rows = m_dreamNetwork->describe();
    if (row < 0 || row >= int(rows.size()) || channel < 0 || channel >= rows[size_t(row)].output.c)
        return;
    const PixelNormalization norm = m_session->normalization();
    m_dream = std::make_unique<FilterDream>(*m_dreamNetwork, row, channel, norm.apply(0.0f),
                                            norm.apply(1.0f));
    m_dreamTarget = steps;
    m_dreamWeightsStep = m_session->stepCount();
    m_dreamTitle->setText(tr("What %1, filter %2, wants to see")
                              .arg(QString::fromStdString(rows[size_t(row)].name))
                              .arg(channel + 1));
    m_dreamButton->setText(tr("Stop"));
    m_dreamTimer->start();
}

bool ExplainPanel::dreaming() const
{
    return m_dreamTimer->isActive();
}

QImage ExplainPanel::dreamPicture() const
{
    const PixelNormalization norm = m_session->normalization();
    return colorPlanes(m_dream->image(), {norm.apply(0.0f), norm.apply(1.0f)}, Colormap::Gray)
        .front();
}

void ExplainPanel::dreamStep()
{
    if (!m_dream || m_dream->steps() >= m_dreamTarget) {
        m_dreamTimer->stop();
        m_dreamButton->setText(tr("Dream"));
        return;
    }
    const SerialScope serial;
    const float activation = m_dream->step();
    m_dreamView->showImage(dreamPicture(), {});
    m_dreamView->setToolTip(tr("Step %1 of %2, mean activation %3, weights of step %4")
                                .arg(m_dream->steps())
                                .arg(m_dreamTarget)
                                .arg(double(activation), 0, 'f', 3)
                                .arg(m_dreamWeightsStep));
    if (m_dream->steps() >= m_dreamTarget) {
        m_dreamTimer->stop();
        m_dreamButton->setText(tr("Dream"));
    }
}

const Tensor &ExplainPanel::dreamImage() const
{
    static const Tensor none;
    return m_dream ? m_dream->image() : none;
}

QString ExplainPanel::dreamText() const
{
    return m_dreamView->toolTip();
}

QString ExplainPanel::captionText() const
{
    return m_caption->text();
}

} // namespace convscope::ui
