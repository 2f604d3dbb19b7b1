#include "ui/lessons/inspectpage.h"

#include "core/explorer/colormap.h"
#include "core/io/npy.h"
#include "core/io/tensor_io.h"
#include "core/nn/onnx_export.h"
#include "ui/common/camerabar.h"
#include "ui/common/colorbar.h"
#include "ui/common/coretext.h"
#include "ui/common/exportdialog.h"
#include "ui/common/featureexport.h"
#include "ui/common/fieldcanvas.h"
#include "ui/common/latestrunner.h"
#include "ui/common/numbering.h"
#include "ui/common/planeimages.h"
#include "ui/common/style.h"
#include "ui/common/tensorview.h"
#include "ui/lessons/inspectpictures.h"

#include <QBuffer>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace convscope::ui {

namespace {

constexpr int kTop = 5;
// A picture file is read whole before it is decoded; the decoder refuses more pixels.
constexpr qint64 kMaxPictureBytes = qint64(256) << 20;

// Numbers over the tiles while each column of the view's near-square grid has room for three
// digits; past that they would cover the maps, and hovering names a channel instead.
bool titlesFit(const QWidget *view, int tiles)
{
    const int columns = std::max(1, int(std::ceil(std::sqrt(double(tiles)))));
    return view->width() / columns >= view->fontMetrics().horizontalAdvance("000") + 8;
}

QString settingsKey(const QString &what, const QString &modelPath)
{
    return QString("inspect/%1/%2").arg(what, QFileInfo(modelPath).absoluteFilePath());
}

// 15.5 G, 2.1 M: a count a sentence can hold.
QString compact(std::int64_t value)
{
    if (value >= 1'000'000'000)
        return QString("%1 G").arg(double(value) / 1e9, 0, 'f', 1);
    if (value >= 1'000'000)
        return QString("%1 M").arg(double(value) / 1e6, 0, 'f', 1);
    return grouped(value);
}

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1e6, 'f', bytes < 10'000'000 ? 1 : 0);
}

} // namespace

InspectPage::InspectPage(QWidget *parent)
    : QWidget(parent)
    , m_worker(std::make_unique<InspectWorker>())
    , m_runner(new LatestRunner(this))
    , m_modelName(new QLabel(this))
    , m_pictures(new QComboBox(this))
    , m_camera(new CameraBar(this))
    , m_recipeEdit(new QLineEdit(this))
    , m_recipePreset(new QComboBox(this))
    , m_message(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_input(new FieldCanvas(this))
    , m_inputCaption(new QLabel(this))
    , m_exportInput(new QPushButton(tr("Export…"), this))
    , m_topGrid(new QGridLayout)
    , m_time(new QLabel(this))
    , m_layers(new QListWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_maps(new TensorView(this))
    , m_mapsCaption(new QLabel(this))
    , m_channelView(new TensorView(this))
    , m_channelBar(new ColorBar(this))
    , m_channelCaption(new QLabel(this))
    , m_filters(new TensorView(this))
    , m_filtersCaption(new QLabel(this))
    , m_exportMaps(new QPushButton(tr("Export maps…"), this))
    , m_exportFilters(new QPushButton(tr("Export filters…"), this))
    , m_save(new QPushButton(tr("Save model…"), this))
{
    m_folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    auto *body = new QHBoxLayout;
    body->addWidget(buildSide());
    body->addWidget(buildViews(), 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildSources());
    layout->addLayout(body, 1);
    connect(m_runner, &LatestRunner::idle, this, [this] { m_busy->hide(); });
    setMessage(tr("Open a model to look inside it: a .csm saved by ConvScope, or an .onnx "
                  "exported from PyTorch (README, \"Models from PyTorch\")."),
               false);
    showOutcome(nullptr);
}

InspectPage::~InspectPage()
{
    m_runner->waitForDone();
}

QWidget *InspectPage::buildSources()
{
    auto *box = new QWidget(this);
    auto *modelButton = new QPushButton(tr("Open model…"), box);
    auto *labels = new QPushButton(tr("Labels…"), box);
    labels->setToolTip(tr("A text file with one class name a line, as torchvision's "
                          "imagenet_classes.txt"));
    m_modelName->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_modelName->setMinimumWidth(40);
    m_pictures->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_pictures->setMinimumContentsLength(8);
    m_pictures->setToolTip(tr("The picture to run through the model"));
    m_recipePreset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recipePreset->setMinimumContentsLength(14);
    m_recipePreset->addItems({tr("The model's own"), tr("ImageNet (torchvision)"),
                              tr("Centre crop, no normalisation"), tr("Custom")});
    m_recipePreset->setToolTip(tr("How a picture becomes the network's input"));
    m_recipeEdit->setToolTip(tr("digit [mean M] [std S], or crop [resize R] [rgb|bgr] "
                                "[mean M1,M2,M3] [std S1,S2,S3]: Enter applies it"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(160);
    m_busy->hide();
    m_message->setWordWrap(true);
    auto *model = new QHBoxLayout;
    model->addWidget(new QLabel(tr("Model:"), box));
    model->addWidget(m_modelName, 1);
    model->addWidget(modelButton);
    model->addWidget(m_save);
    model->addWidget(labels);
    auto *feed = new QHBoxLayout;
    feed->addWidget(new QLabel(tr("Feed:"), box));
    feed->addWidget(m_recipePreset);
    feed->addWidget(m_recipeEdit, 1);
    auto *message = new QHBoxLayout;
    message->addWidget(m_busy);
    message->addWidget(m_message, 1);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(model);
    layout->addLayout(feed);
    layout->addLayout(message);
    connect(modelButton, &QPushButton::clicked, this, &InspectPage::chooseModel);
    connect(labels, &QPushButton::clicked, this, &InspectPage::chooseLabels);
    connect(m_save, &QPushButton::clicked, this, &InspectPage::chooseSave);
    connect(m_pictures, &QComboBox::activated, this,
            [this](int index) { openPicture(m_pictures->itemData(index).toString()); });
    connect(m_recipeEdit, &QLineEdit::returnPressed, this,
            [this] { setRecipe(m_recipeEdit->text()); });
    connect(m_recipePreset, &QComboBox::activated, this, [this](int index) {
        const std::optional<ModelInfo> &model = m_outcome ? m_outcome->model : std::nullopt;
        if (index == 0)
            setRecipe({});
        else if (index == 1 && model)
            setRecipe(QString::fromStdString(InputRecipe::imagenet(model->input).toString()));
        else if (index == 2)
            setRecipe("crop rgb mean 0 std 1");
        else
            m_recipeEdit->setFocus();
    });
    return box;
}

QWidget *InspectPage::buildSide()
{
    auto *side = new QWidget(this);
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *pictureButton = new QPushButton(tr("Open…"), side);
    pictureButton->setToolTip(tr("Open a picture: an image file, or an .npy of one C×H×W"));
    connect(pictureButton, &QPushButton::clicked, this, &InspectPage::choosePicture);
    auto *picture = new QHBoxLayout;
    picture->addWidget(m_pictures, 1);
    picture->addWidget(pictureButton);
    connect(m_camera, &CameraBar::frame, this, &InspectPage::showFrame);
    // The camera's frames are the picture while it is live; then the chosen one again.
    connect(m_camera, &CameraBar::liveChanged, this, [this](bool live) {
        m_pictures->setEnabled(!live);
        if (!live && m_pictures->currentIndex() >= 0)
            openPicture(m_pictures->currentData().toString());
    });
    auto *seen = new QLabel(tr("<b>As the network sees it</b>"), side);
    m_input->setMinimumSize(120, 120);
    m_inputCaption->setWordWrap(true);
    auto *top = new QGroupBox(tr("Most probable"), side);
    top->setLayout(m_topGrid);
    for (int i = 0; i < kTop; ++i) {
        auto *name = new QLabel(top);
        auto *bar = new QProgressBar(top);
        bar->setRange(0, 1000);
        bar->setTextVisible(true);
        bar->setMaximumWidth(110);
        m_topGrid->addWidget(name, i, 0);
        m_topGrid->addWidget(bar, i, 1);
        m_topNames.append(name);
        m_topBars.append(bar);
    }
    m_topGrid->setColumnStretch(0, 1);
    m_time->setWordWrap(true);
    layout->addLayout(picture);
    layout->addWidget(m_camera);
    layout->addWidget(seen);
    layout->addWidget(m_input, 1);
    auto *caption = new QHBoxLayout;
    caption->addWidget(m_inputCaption, 1);
    caption->addWidget(m_exportInput);
    m_exportInput->setToolTip(tr("Export the picture as the network sees it: a PNG, or an .npy "
                                 "(C, H, W) of its values in [0, 1]"));
    connect(m_exportInput, &QPushButton::clicked, this, &InspectPage::exportInputDialog);
    layout->addLayout(caption);
    layout->addWidget(top);
    layout->addWidget(m_time);
    side->setMaximumWidth(300);
    side->setMinimumWidth(180);
    return side;
}

QWidget *InspectPage::buildViews()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_layers->setMinimumWidth(120);
    splitter->addWidget(m_layers);
    auto *mapsPage = new QWidget(m_tabs);
    auto *mapsLayout = new QGridLayout(mapsPage);
    m_mapsCaption->setWordWrap(true);
    m_channelCaption->setWordWrap(true);
    mapsLayout->addWidget(m_mapsCaption, 0, 0, 1, 3);
    mapsLayout->addWidget(m_maps, 1, 0, 2, 1);
    mapsLayout->addWidget(m_channelCaption, 1, 1, 1, 2);
    mapsLayout->addWidget(m_channelView, 2, 1);
    mapsLayout->addWidget(m_channelBar, 2, 2);
    mapsLayout->addWidget(m_exportMaps, 3, 0, 1, 3, Qt::AlignRight);
    mapsLayout->setColumnStretch(0, 3);
    mapsLayout->setColumnStretch(1, 2);
    mapsLayout->setRowStretch(2, 1);
    auto *filtersPage = new QWidget(m_tabs);
    auto *filtersLayout = new QVBoxLayout(filtersPage);
    m_filtersCaption->setWordWrap(true);
    filtersLayout->addWidget(m_filtersCaption);
    filtersLayout->addWidget(m_filters, 1);
    filtersLayout->addWidget(m_exportFilters, 0, Qt::AlignRight);
    m_tabs->addTab(mapsPage, tr("Feature maps"));
    m_tabs->addTab(filtersPage, tr("First-layer filters"));
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({200, 800});
    connect(m_layers, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row != m_layer) {
            m_layer = row;
            m_channel = 0;
            showLayer();
        }
    });
    connect(m_maps, &TensorView::tileClicked, this, &InspectPage::selectChannel);
    m_maps->installEventFilter(this);
    m_filters->installEventFilter(this);
    connect(m_maps, &TensorView::hovered, this,
            [this](int tile, int y, int x) { describeValue(m_maps, tile, tile, y, x); });
    connect(m_channelView, &TensorView::hovered, this, [this](int tile, int y, int x) {
        describeValue(m_channelView, tile, m_channel, y, x);
    });
    connect(m_exportMaps, &QPushButton::clicked, this, &InspectPage::exportMapsDialog);
    connect(m_exportFilters, &QPushButton::clicked, this, &InspectPage::exportFiltersDialog);
    return splitter;
}

void InspectPage::setSamples(const QList<QPair<QString, QString>> &samples)
{
    const QSignalBlocker block(m_pictures);
    m_pictures->clear();
    for (const auto &[title, path] : samples)
        m_pictures->addItem(title, path);
    // A photograph of a cat is what an ImageNet model is shown first, as in the lectures.
    const int cat = std::max(m_pictures->findData(":/samples/chelsea.png"), 0);
    if (!m_picture && !samples.isEmpty())
        openPicture(m_pictures->itemData(cat).toString());
}

void InspectPage::openModel(const QString &path)
{
    m_modelPath = path;
    m_recipe.reset();
    m_labels.reset();
    QSettings settings;
    if (const QVariant recipe = settings.value(settingsKey("recipe", path)); recipe.isValid())
        m_recipe = recipe.toString().toStdString();
    if (const QVariant labels = settings.value(settingsKey("labels", path)); labels.isValid()) {
        std::vector<std::string> names;
        for (const QString &name : labels.toStringList())
            names.push_back(name.toStdString());
        m_labels = names;
    }
    m_layer = -1;
    submit();
}

bool InspectPage::openPicture(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setMessage(tr("Cannot open %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    if (file.size() > kMaxPictureBytes) {
        setMessage(tr("%1 is %2 MB; a picture may have up to %3 MB")
                       .arg(path, megabytes(file.size()), megabytes(kMaxPictureBytes)),
                   true);
        return false;
    }
    const QByteArray bytes = file.readAll();
    const QString name = QFileInfo(path).completeBaseName();
    Expected<TensorFile> read = decodeTensorFile(bytes.toStdString(), name.toStdString(),
                                                 ColorMode::Auto);
    if (read && read->tensor.shape().n != 1)
        read = makeError(
            tr("%1 holds %2 pictures; open one").arg(name).arg(read->tensor.shape().n).toStdString());
    if (!read) {
        setMessage(coreText(read.error().message), true);
        return false;
    }
    m_picture = std::make_shared<const Tensor>(std::move(read->tensor));
    m_pictureName = name;
    const QSignalBlocker block(m_pictures);
    int index = m_pictures->findData(path);
    if (index < 0) {
        m_pictures->addItem(QFileInfo(path).fileName(), path);
        index = m_pictures->count() - 1;
    }
    m_pictures->setCurrentIndex(index);
    submit();
    return true;
}

// A camera frame is the picture until the next; the worker runs only the newest of them.
void InspectPage::showFrame(const QImage &frame)
{
    m_picture = std::make_shared<const Tensor>(imageTensor(reducedFrame(frame), 3));
    m_pictureName = tr("camera");
    submit();
}

bool InspectPage::setRecipe(const QString &text)
{
    if (!text.trimmed().isEmpty()) {
        const Expected<InputRecipe> recipe = InputRecipe::parse(text.toStdString());
        if (!recipe) {
            setMessage(coreText(recipe.error().message), true);
            return false;
        }
        if (m_outcome && m_outcome->model) {
            if (Expected<void> fits = recipe->check(m_outcome->model->input); !fits) {
                setMessage(coreText(fits.error().message), true);
                return false;
            }
        }
        m_recipe = recipe->toString();
    } else {
        m_recipe.reset();
    }
    rememberRecipe();
    submit();
    return true;
}

QString InspectPage::recipeText() const
{
    return m_outcome ? QString::fromStdString(m_outcome->recipe) : QString();
}

bool InspectPage::loadLabels(const QString &path)
{
    if (!m_outcome || !m_outcome->model || m_outcome->model->classes < 1) {
        setMessage(tr("Open a model with classes first: the labels name its outputs."), true);
        return false;
    }
    Expected<std::vector<std::string>> labels = convscope::loadLabels(path.toStdString(),
                                                                      m_outcome->model->classes);
    if (!labels) {
        setMessage(coreText(labels.error().message), true);
        return false;
    }
    m_labels = *labels;
    rememberRecipe();
    submit();
    return true;
}

// A foreign ONNX file cannot hold them until it is saved: the choices are kept per file.
void InspectPage::rememberRecipe()
{
    if (m_modelPath.isEmpty())
        return;
    QSettings settings;
    if (m_recipe)
        settings.setValue(settingsKey("recipe", m_modelPath), QString::fromStdString(*m_recipe));
    else
        settings.remove(settingsKey("recipe", m_modelPath));
    if (m_labels) {
        QStringList names;
        for (const std::string &name : *m_labels)
            names.append(QString::fromStdString(name));
        settings.setValue(settingsKey("labels", m_modelPath), names);
    }
}

bool InspectPage::saveModel(const QString &path)
{
    waitForDone();
    Model *model = m_worker->model();
    if (!model || !m_outcome || !m_outcome->model) {
        setMessage(tr("There is no model to save."), true);
        return false;
    }
    ModelMetadata meta = model->metadata;
    meta.input = m_outcome->recipe;
    meta.labels = m_outcome->labels;
    const bool onnx = QFileInfo(path).suffix().compare("onnx", Qt::CaseInsensitive) == 0;
    const Expected<void> saved = onnx ? saveOnnx(path.toStdString(), model->network,
                                                 model->normalization, kDefaultExportOpset, meta)
                                      : convscope::saveModel(path.toStdString(), model->network,
                                                             model->normalization, meta);
    if (!saved) {
        setMessage(coreText(saved.error().message), true);
        return false;
    }
    setMessage(tr("Saved %1 with its recipe and %2 labels.")
                   .arg(QDir::toNativeSeparators(path))
                   .arg(meta.labels.size()),
               false);
    return true;
}

void InspectPage::submit()
{
    if (m_modelPath.isEmpty())
        return;
    InspectRequest request{m_modelPath, m_picture, m_pictureName, m_recipe, m_labels};
    const bool reading = !m_outcome || !m_outcome->model || m_outcome->model->path != m_modelPath;
    const QString file = QFileInfo(m_modelPath).fileName();
    setMessage(reading
                   ? tr("Reading %1 (%2 MB)…").arg(file, megabytes(QFileInfo(m_modelPath).size()))
                   : tr("Running %1 on %2…").arg(file, m_pictureName),
               false);
    m_busy->show();
    InspectWorker *worker = m_worker.get();
    m_runner->submit([this, worker, request] {
        auto outcome = std::make_shared<InspectOutcome>(worker->run(request));
        return [this, outcome] {
            showOutcome(outcome);
        };
    });
}

void InspectPage::showOutcome(std::shared_ptr<InspectOutcome> outcome)
{
    const bool sameModel = outcome && m_outcome && outcome->model && m_outcome->model
                           && outcome->model->path == m_outcome->model->path;
    m_outcome = std::move(outcome);
    const bool shown = m_outcome && m_outcome->inspection.ok();
    const InspectOutcome *o = m_outcome.get();
    showSources();
    if (o && !shown)
        setMessage(coreText(o->inspection.error().message), true);
    else if (o)
        setMessage({}, false);
    showLayerList(sameModel);
    showInput();
    showTop();
    showLayer();
    showFilters();
    emit statusChanged(
        shown ? tr("%1 on %2: %3")
                    .arg(QFileInfo(o->model->path).fileName(), m_pictureName, topTexts().value(0))
              : QString());
}

// The model's name and the recipe in use, with the preset it is, if any.
void InspectPage::showSources()
{
    const InspectOutcome *o = m_outcome.get();
    const bool model = o && o->model;
    m_modelName->setText(model ? QString("<b>%1</b>").arg(QFileInfo(o->model->path).fileName())
                               : tr("<i>none</i>"));
    m_modelName->setToolTip(model ? QDir::toNativeSeparators(o->model->path) : QString());
    m_save->setEnabled(model);
    const QSignalBlocker block(m_recipeEdit);
    m_recipeEdit->setText(o ? QString::fromStdString(o->recipe) : QString());
    m_recipeEdit->setEnabled(model);
    m_recipePreset->setEnabled(model);
    const QSignalBlocker blockPreset(m_recipePreset);
    int preset = 3;
    if (!m_recipe)
        preset = 0;
    else if (model && *m_recipe == InputRecipe::imagenet(o->model->input).toString())
        preset = 1;
    else if (*m_recipe == "crop rgb mean 0 std 1")
        preset = 2;
    m_recipePreset->setCurrentIndex(preset);
}

// A new model starts at its first layer; the same one keeps the layer and the channel.
void InspectPage::showLayerList(bool sameModel)
{
    const bool shown = m_outcome && m_outcome->inspection.ok();
    const int previousRows = m_layers->count();
    const QSignalBlocker block(m_layers);
    m_layers->clear();
    if (!shown) {
        m_layer = -1;
        return;
    }
    for (const LayerDescription &row : m_outcome->inspection->rows) {
        const QString indent(row.depth * 3, ' ');
        m_layers->addItem(QString("%1%2   %3")
                              .arg(indent, QString::fromStdString(row.name),
                                   QString::fromStdString(row.output.imageString())));
    }
    const int rows = m_layers->count();
    if (!sameModel || m_layer < 0 || m_layer >= rows || rows != previousRows) {
        m_layer = 0;
        m_channel = 0;
    }
    m_layers->setCurrentRow(m_layer);
}

// The picture as the network sees it, in RGB whatever order the model reads, and the timing.
void InspectPage::showInput()
{
    if (!m_outcome || !m_outcome->inspection.ok()) {
        m_input->showImage({}, {});
        m_inputCaption->clear();
        m_time->clear();
        m_exportInput->setEnabled(false);
        return;
    }
    m_exportInput->setEnabled(true);
    const Inspection &seen = *m_outcome->inspection;
    m_input->showImage(naturalImage(displayedInput()), {});
    m_inputCaption->setText(QString::fromStdString(seen.fitted.shape().imageString()));
    const ModelInfo &model = *m_outcome->model;
    m_time->setText(tr("Forward pass %1 ms · %2 parameters · %3 multiply-adds")
                        .arg(seen.seconds * 1000, 0, 'f', seen.seconds < 0.01 ? 2 : 0)
                        .arg(grouped(model.parameters), compact(model.multiplyAdds)));
}

void InspectPage::showTop()
{
    const bool shown = m_outcome && m_outcome->inspection.ok();
    const std::vector<Prediction> none;
    const std::vector<Prediction> &top = shown ? m_outcome->inspection->top : none;
    for (int i = 0; i < kTop; ++i) {
        const bool has = i < int(top.size());
        m_topNames[i]->setVisible(has);
        m_topBars[i]->setVisible(has);
        if (!has)
            continue;
        const Prediction &p = top[size_t(i)];
        // Without labels a class is its number, PyTorch's index, as a label file would count.
        const QString label = m_outcome->labels.empty() ? tr("class %1").arg(p.index)
                                                        : QString::fromStdString(p.label);
        m_topNames[i]->setText(label);
        m_topNames[i]->setToolTip(tr("output %1 of %2").arg(p.index).arg(m_outcome->model->classes));
        m_topBars[i]->setValue(int(std::lround(p.probability * 1000)));
        m_topBars[i]->setFormat(QString("%1 %").arg(100.0 * p.probability, 0, 'f', 1));
    }
    if (shown && top.empty())
        m_time->setText(m_time->text() + tr(" · the model ends with maps, not classes"));
}

void InspectPage::selectLayer(int row)
{
    if (row >= 0 && row < m_layers->count())
        m_layers->setCurrentRow(row);
}

void InspectPage::selectChannel(int channel)
{
    if (!m_outcome || !m_outcome->inspection.ok() || m_layer < 0)
        return;
    const int channels = m_outcome->inspection->maps[size_t(m_layer)].shape().c;
    m_channel = std::clamp(channel, 0, channels - 1);
    showChannel();
}

void InspectPage::showLayer()
{
    const bool shown = m_outcome && m_outcome->inspection.ok() && m_layer >= 0;
    m_exportMaps->setEnabled(shown);
    if (!shown) {
        m_maps->clear();
        m_mapsCaption->clear();
        showChannel();
        return;
    }
    const LayerDescription &row = m_outcome->inspection->rows[size_t(m_layer)];
    const Tensor picture = drawableMaps(m_outcome->inspection->maps[size_t(m_layer)]);
    const auto [colormap, range] = mapScale(picture);
    QStringList titles;
    for (int c = 0; c < picture.shape().c && titlesFit(m_maps, picture.shape().c); ++c)
        titles.append(QString::number(ordinal(c)));
    m_maps->setContent(std::make_shared<const Tensor>(picture),
                       colorPlanes(picture, range, colormap), titles, false);
    const Shape &s = row.output;
    m_mapsCaption->setText(
        tr("<b>%1</b> (%2): %3 channels of %4×%5, one colour scale from %6 to %7. Click a "
           "channel to enlarge it.")
            .arg(QString::fromStdString(row.name), QString::fromStdString(row.spec).toHtmlEscaped())
            .arg(s.c)
            .arg(s.h)
            .arg(s.w)
            .arg(range.low, 0, 'g', 3)
            .arg(range.high, 0, 'g', 3));
    showChannel();
}

void InspectPage::showChannel()
{
    const bool shown = m_outcome && m_outcome->inspection.ok() && m_layer >= 0;
    if (!shown) {
        m_channelView->clear();
        m_channelBar->setScale(Colormap::Gray, {});
        m_channelCaption->clear();
        return;
    }
    // The maps the grid shows (a dense layer's as one strip), not another copy of the layer.
    const Tensor &picture = *m_maps->values();
    m_channel = std::clamp(m_channel, 0, picture.shape().c - 1);
    const Tensor plane = channelPlane(picture, m_channel);
    const auto [colormap, range] = mapScale(plane);
    m_channelView->setContent(std::make_shared<const Tensor>(plane),
                              colorPlanes(plane, range, colormap), {}, false);
    m_channelBar->setScale(colormap, range);
    m_channelCaption->setText(
        tr("Channel %1 of %2, its own scale").arg(ordinal(m_channel)).arg(picture.shape().c));
}

void InspectPage::showFilters()
{
    const bool shown = m_outcome && m_outcome->inspection.ok()
                       && m_outcome->inspection->firstFilters.size() > 0;
    m_exportFilters->setEnabled(shown);
    if (!shown) {
        m_filters->clear();
        m_filtersCaption->setText(m_outcome && m_outcome->inspection.ok()
                                      ? tr("The model has no convolution.")
                                      : QString());
        return;
    }
    const Tensor &filters = m_outcome->inspection->firstFilters;
    const Shape &s = filters.shape();
    QList<QImage> tiles;
    QStringList titles;
    for (int k = 0; k < s.n; ++k) {
        tiles.append(filterTile(filters, k));
        if (titlesFit(m_filters, s.n))
            titles.append(QString::number(ordinal(k)));
    }
    m_filters->setContent(std::make_shared<const Tensor>(filterMeans(filters)), tiles, titles,
                          false);
    m_filtersCaption->setText(
        tr("<b>%1</b>: %2 filters of %3×%4×%5, %6, each stretched over its own range (the "
           "numbers are the mean over its channels).")
            .arg(QString::fromStdString(m_outcome->inspection->firstConv))
            .arg(s.n)
            .arg(s.h)
            .arg(s.w)
            .arg(s.c)
            .arg(s.c == 3 ? tr("in colour: red, green and blue weights as R, G, B")
                          : tr("the first input channel in grey")));
}

// The value under the cursor in the status bar, counted from 1 as the titles are.
void InspectPage::describeValue(TensorView *view, int tile, int channel, int y, int x)
{
    if (tile < 0 || !view->values() || m_layer < 0 || !m_outcome || !m_outcome->inspection.ok())
        return;
    const LayerDescription &row = m_outcome->inspection->rows[size_t(m_layer)];
    const QString layer = QString::fromStdString(row.name);
    const float value = view->values()->at(0, tile, y, x);
    // A dense layer's strip: a cell is a unit, not a pixel of a channel.
    if (row.output.h == 1 && row.output.w == 1) {
        emit statusChanged(tr("%1, unit %2: %3").arg(layer).arg(ordinal(x)).arg(value, 0, 'g', 4));
        return;
    }
    emit statusChanged(tr("%1, channel %2, row %3, column %4: %5")
                           .arg(layer)
                           .arg(ordinal(channel))
                           .arg(ordinal(y))
                           .arg(ordinal(x))
                           .arg(value, 0, 'g', 4));
}

// A view that grows or shrinks past the room for its numbers draws its tiles again.
bool InspectPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize && (watched == m_maps || watched == m_filters)) {
        auto *view = static_cast<TensorView *>(watched);
        const bool titled = !view->tileTitle(0).isEmpty();
        if (view->tileCount() > 0 && titled != titlesFit(view, view->tileCount()))
            view == m_maps ? showLayer() : showFilters();
    }
    return QWidget::eventFilter(watched, event);
}

void InspectPage::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty()); // the views get the room back
    m_message->setStyleSheet(error ? style::errorTextStyle() : QString());
    if (error)
        emit statusChanged(text);
}

QString InspectPage::messageText() const
{
    return m_message->text();
}

QString InspectPage::timeText() const
{
    return m_time->text();
}

QStringList InspectPage::topTexts() const
{
    QStringList texts;
    for (int i = 0; i < kTop; ++i) {
        if (!m_topNames[i]->isHidden())
            texts.append(QString("%1 %2").arg(m_topNames[i]->text(), m_topBars[i]->format()));
    }
    return texts;
}

bool InspectPage::isIdle() const
{
    return m_runner->isIdle();
}

void InspectPage::waitForDone()
{
    m_runner->settle();
}

QString InspectPage::exportStem(const QString &what) const
{
    const QString model = m_outcome && m_outcome->model
                              ? QFileInfo(m_outcome->model->path).completeBaseName()
                              : QString("model");
    return QString("%1_%2_%3").arg(m_pictureName, model, what);
}

FeatureMaps InspectPage::layerMaps() const
{
    const Tensor &picture = *m_maps->values();
    const Inspection &seen = *m_outcome->inspection;
    const auto [colormap, range] = mapScale(picture);
    const std::string &layer = seen.rows[size_t(m_layer)].name;
    return {&picture,
            colorPlanes(picture, range, colormap),
            colormap,
            range,
            exportStem(QString::fromStdString(layer)),
            {{"model", m_outcome->model->path.toStdString()},
             {"picture", m_pictureName.toStdString()},
             {"recipe", m_outcome->recipe},
             {"layer", layer}}};
}

QString InspectPage::exportMaps(const QString &path, int channel)
{
    if (!m_outcome || !m_outcome->inspection.ok() || m_layer < 0)
        return tr("There are no feature maps to export yet.");
    const FeatureMaps maps = layerMaps();
    ExportChoice choice;
    choice.channel = channel;
    return path.endsWith(".npy", Qt::CaseInsensitive) ? writeExportNpy(path, maps, channel)
                                                      : writeExportPng(path, maps, choice);
}

Tensor InspectPage::displayedInput() const
{
    Tensor picture = m_outcome->inspection->fitted;
    const Expected<InputRecipe> recipe = InputRecipe::parse(m_outcome->recipe);
    if (recipe && recipe->bgr && picture.shape().c == 3) {
        for (std::int64_t i = 0; i < picture.shape().h * picture.shape().w; ++i)
            std::swap(picture.plane(0, 0)[i], picture.plane(0, 2)[i]);
    }
    return picture;
}

QString InspectPage::exportInput(const QString &path)
{
    if (!m_outcome || !m_outcome->inspection.ok())
        return tr("There is no picture to export yet.");
    const Tensor picture = displayedInput();
    const FeatureMaps maps{&picture,
                           {naturalImage(picture)},
                           Colormap::Gray,
                           {0.0f, 1.0f},
                           exportStem("input"),
                           {{"model", m_outcome->model->path.toStdString()},
                            {"picture", m_pictureName.toStdString()},
                            {"recipe", m_outcome->recipe},
                            {"values", "the picture resized and cropped, in [0, 1], RGB"}}};
    if (path.endsWith(".npy", Qt::CaseInsensitive))
        return writeExportNpy(path, maps, -1);
    ExportChoice choice;
    // A 28×28 digit is a stamp on a slide: nearest-neighbour up to about 224 pixels.
    choice.factor = std::max(1, 224 / std::max(picture.shape().h, picture.shape().w));
    return writeExportPng(path, maps, choice);
}

QString InspectPage::exportFilters(const QString &path)
{
    if (!m_outcome || !m_outcome->inspection.ok() || m_outcome->inspection->firstFilters.size() == 0)
        return tr("The model has no filters to export.");
    const Tensor &filters = m_outcome->inspection->firstFilters;
    QByteArray bytes;
    if (path.endsWith(".npy", Qt::CaseInsensitive)) {
        const Shape &s = filters.shape();
        const std::string npy = encodeNpy(std::vector<std::int64_t>{s.n, s.c, s.h, s.w},
                                          filters.values());
        bytes = QByteArray(npy.data(), qsizetype(npy.size()));
    } else {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        filterGrid(filters).save(&buffer, "PNG");
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

void InspectPage::chooseModel()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a model to inspect"),
                                                      QFileInfo(m_modelPath).path(),
                                                      tr("Models (*.csm *.onnx)"));
    if (!path.isEmpty())
        openModel(path);
}

void InspectPage::choosePicture()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a picture"), m_folder,
        tr("Pictures (*.png *.jpg *.jpeg *.bmp *.webp *.pgm *.ppm *.npy)"));
    if (path.isEmpty())
        return;
    m_camera->stop(); // a picture chosen replaces the camera
    openPicture(path);
}

void InspectPage::chooseLabels()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Class labels, one a line"),
                                                      QFileInfo(m_modelPath).path(),
                                                      tr("Text files (*.txt);;All files (*)"));
    if (!path.isEmpty())
        loadLabels(path);
}

void InspectPage::chooseSave()
{
    const QString base = QFileInfo(m_modelPath).completeBaseName();
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Save the model with its recipe and labels"),
                                       QFileInfo(m_modelPath).dir().filePath(base + ".csm"),
                                       tr("ConvScope model (*.csm);;ONNX (*.onnx)"));
    if (!path.isEmpty())
        saveModel(path);
}

void InspectPage::exportMapsDialog()
{
    if (!m_outcome || !m_outcome->inspection.ok() || m_layer < 0)
        return;
    ExportDialog dialog(layerMaps(), m_folder, this);
    dialog.exec();
    m_folder = dialog.lastFolder();
}

void InspectPage::exportInputDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the picture as the network sees it"),
        QDir(m_folder).filePath(exportStem("input") + ".png"),
        tr("PNG picture (*.png);;NumPy array, C×H×W in [0, 1] (*.npy)"));
    if (path.isEmpty())
        return;
    m_folder = QFileInfo(path).path();
    const QString error = exportInput(path);
    setMessage(error.isEmpty() ? tr("Wrote %1").arg(QDir::toNativeSeparators(path)) : error,
               !error.isEmpty());
}

void InspectPage::exportFiltersDialog()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export the first layer's filters"),
                                       QDir(m_folder).filePath(exportStem("filters") + ".png"),
                                       tr("PNG picture (*.png);;NumPy array, K×C×H×W (*.npy)"));
    if (path.isEmpty())
        return;
    m_folder = QFileInfo(path).path();
    const QString error = exportFilters(path);
    setMessage(error.isEmpty() ? tr("Wrote %1").arg(QDir::toNativeSeparators(path)) : error,
               !error.isEmpty());
}

} // namespace convscope::ui
