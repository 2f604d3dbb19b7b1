#include "ui/mainwindow.h"

#include "ui/aboutdialog.h"
#include "ui/common/camerabar.h"
#include "ui/common/coretext.h"
#include "ui/common/exportdialog.h"
#include "ui/common/livelabel.h"
#include "ui/common/presentationstyle.h"
#include "ui/common/style.h"
#include "ui/common/tensorview.h"
#include "ui/common/wheelguard.h"
#include "ui/explorer/convolutionpage.h"
#include "ui/explorer/convresult.h"
#include "ui/explorer/explorerhistory.h"
#include "ui/explorer/poolingpage.h"
#include "ui/explorer/samplecatalog.h"
#include "ui/explorer/samplespage.h"
#include "ui/explorer/stepbar.h"
#include "ui/guidedialog.h"
#include "ui/languagemenu.h"
#include "ui/lessons/equivariancepage.h"
#include "ui/lessons/inspectpage.h"
#include "ui/lessons/quizpage.h"
#include "ui/lessons/receptivefieldpage.h"
#include "ui/training/architecturespage.h"
#include "ui/training/confusionview.h"
#include "ui/training/datapanel.h"
#include "ui/training/drawpanel.h"
#include "ui/training/networkpage.h"
#include "ui/training/probeview.h"
#include "ui/training/trainingpage.h"
#include "ui/training/trainingsession.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProxyStyle>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace convscope::ui {

namespace {

constexpr double kPresentationScale = 1.6;
constexpr int kSidebarWidth = 128;
constexpr int kSidebarItemHeight = 44;
constexpr double kSidebarFontScale = 1.15;
// On top of the presentation scale the sidebar grows less: its names are already large.
constexpr double kSidebarPresentationFontScale = 0.85;
const char *const kStatusProperty = "convscopeStatus";

QPalette darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(42, 130, 218));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(100, 170, 255));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 120));
    return p;
}

// The style the application started with, under any PresentationStyle an earlier window set.
QString baseStyleName()
{
    const QStyle *style = QApplication::style();
    if (const auto *proxy = qobject_cast<const QProxyStyle *>(style))
        style = proxy->baseStyle();
    return style->name();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_sidebar(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_status(new LiveLabel(1, this))
    , m_convolution(new ConvolutionPage(this))
    , m_pooling(new PoolingPage(m_convolution, this))
    , m_samples(new SamplesPage(this))
    , m_session(new TrainingSession(this))
    , m_network(new NetworkPage(m_session, this))
    , m_training(new TrainingPage(m_session, this))
    , m_architectures(new ArchitecturesPage(this))
    , m_quiz(new QuizPage(this))
    , m_receptiveField(new ReceptiveFieldPage(this))
    , m_equivariance(new EquivariancePage(this))
    , m_inspect(new InspectPage(this))
    , m_baseFont(QApplication::font())
    , m_basePalette(QApplication::palette())
    , m_baseStyle(baseStyleName())
{
    setWindowTitle(tr("ConvScope"));
    setWindowIcon(QIcon(":/icons/convscope.png"));
    new WheelGuard(this);
    setAcceptDrops(true);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    statusBar()->addWidget(m_status, 1);
    m_exportFolder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);

    addPage("convolution", tr("Convolution"), m_convolution);
    addPage("pooling", tr("Pooling"), m_pooling);
    addPage("network", tr("Network"), m_network);
    addPage("training", tr("Training"), m_training);
    addPage("architectures", tr("Architectures"), m_architectures);
    addPage("receptive-field", tr("Receptive Field"), m_receptiveField);
    addPage("equivariance", tr("Equivariance"), m_equivariance);
    addPage("samples", tr("Samples"), m_samples);
    addPage("quiz", tr("Quiz"), m_quiz);
    addPage("inspect", tr("Inspect"), m_inspect);
    connect(m_architectures, &ArchitecturesPage::openInNetworkPage, this,
            [this](const QString &preset) {
                if (m_network->setSpec(preset))
                    showPage("network");
            });
    connect(m_network, &NetworkPage::loadModelAsked, m_training, &TrainingPage::loadModel);
    connect(m_architectures, &ArchitecturesPage::openFileInNetworkPage, this,
            [this](const QString &path) {
                if (m_training->loadModelFile(path, true))
                    showPage("network");
            });
    connect(m_architectures, &ArchitecturesPage::openInReceptiveField, this,
            [this](const QString &preset, int row) {
                if (m_receptiveField->showRow(preset, row))
                    showPage("receptive-field");
            });
    connect(m_training->probe(), &ProbeView::receptiveFieldAsked, this,
            [this](int row, int channel, int y, int x) {
                m_receptiveField->setNetwork("session");
                m_receptiveField->setUnit({row, channel, y, x});
                showPage("receptive-field");
            });
    connect(m_architectures, &ArchitecturesPage::statusChanged, this,
            [this](const QString &text) { setStatus(m_architectures, text); });
    connect(m_quiz, &QuizPage::statusChanged, this,
            [this](const QString &text) { setStatus(m_quiz, text); });
    connectLessons();
    connect(m_network, &NetworkPage::problemChanged, m_training, &TrainingPage::setNetworkProblem);
    connect(m_training, &TrainingPage::dataSetRequested, this, [this](const QString &name) {
        m_network->dataPanel()->loadData(name, TrainingSession::DataChange::KeepWeights);
    });
    connect(m_training, &TrainingPage::statusChanged, this,
            [this](const QString &text) { setStatus(m_training, text); });
    connect(m_convolution, &ConvolutionPage::statusChanged, this,
            [this](const QString &text) { setStatus(m_convolution, text); });
    connect(m_pooling, &PoolingPage::statusChanged, this,
            [this](const QString &text) { setStatus(m_pooling, text); });
    connect(m_samples, &SamplesPage::statusChanged, this,
            [this](const QString &text) { setStatus(m_samples, text); });
    setStatus(m_samples, m_samples->statusText());
    connect(m_samples, &SamplesPage::sampleActivated, this, [this](const QString &resource) {
        m_convolution->openImage(resource);
        showPage("convolution");
    });
    connect(m_sidebar, &QListWidget::currentRowChanged, this, [this](int row) {
        m_pages->setCurrentIndex(row);
        if (QWidget *page = currentPage())
            m_status->setText(page->property(kStatusProperty).toString());
    });
    m_sidebar->setCurrentRow(0);
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createGoMenu();
    applyLook();
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Guide"), QKeySequence::HelpContents, this, [this] {
        auto *guide = new GuideDialog(this);
        guide->setAttribute(Qt::WA_DeleteOnClose);
        guide->show();
    });
    help->addAction(tr("&About ConvScope"), this, &MainWindow::showAbout);
}

void MainWindow::setStatus(QWidget *page, const QString &text)
{
    page->setProperty(kStatusProperty, text);
    if (currentPage() == page)
        m_status->setText(text);
}

QWidget *MainWindow::currentPage() const
{
    const auto *scroll = qobject_cast<const QScrollArea *>(m_pages->currentWidget());
    return scroll ? scroll->widget() : nullptr;
}

QString MainWindow::statusText() const
{
    return m_status->text();
}

int MainWindow::pageCount() const
{
    return m_pages->count();
}

QString MainWindow::pageName(int index) const
{
    return m_sidebar->item(index) ? m_sidebar->item(index)->text().replace('\n', ' ') : QString();
}

bool MainWindow::showPage(const QString &key)
{
    const qsizetype index = m_keys.indexOf(key);
    if (index < 0)
        return false;
    m_sidebar->setCurrentRow(int(index));
    return true;
}

QString MainWindow::currentPageKey() const
{
    return m_keys.value(m_pages->currentIndex());
}

bool MainWindow::isSettled() const
{
    // A camera that was started has shown a frame.
    const auto waiting = [](const CameraBar *camera) {
        return camera->isLive() && camera->framesShown() == 0;
    };
    return m_convolution->isIdle()
           && (m_convolution->result() || !m_convolution->messageText().isEmpty())
           && m_network->dataPanel()->isIdle() && m_training->confusion()->isIdle()
           && m_receptiveField->isIdle() && m_inspect->isIdle() && m_architectures->isIdle()
           && !waiting(m_inspect->camera()) && !waiting(m_training->drawPanel()->camera());
}

// The lecture pages draw a copy of the Training page's network, taken again whenever the
// network, its weights or the data change.
void MainWindow::connectLessons()
{
    const auto snapshot = [this] {
        return NetworkSnapshot{m_session->architecture(),
                               m_session->weights(),
                               m_session->dataSet(),
                               m_session->normalization(),
                               m_session->viewer().inputShape(),
                               m_session->viewer().classes()};
    };
    m_receptiveField->setSnapshotSource(snapshot);
    m_receptiveField->setNetwork("session");
    m_equivariance->setSnapshotSource(snapshot);
    m_equivariance->setExplorerSource([this] {
        ExplorerSnapshot shot;
        if (const std::shared_ptr<const ConvResult> result = m_convolution->result()) {
            shot.image = result->input;
            shot.weights = result->outcome.weights;
            shot.bias = result->outcome.bias;
            shot.options = result->setup.options;
            shot.options.groups = result->outcome.plan.groups;
        }
        shot.problem = m_convolution->messageText();
        return shot;
    });
    connect(m_convolution, &ConvolutionPage::outputChanged, m_equivariance,
            &EquivariancePage::explorerChanged);
    const auto changed = [this] {
        m_receptiveField->sessionChanged();
        m_equivariance->sessionChanged();
    };
    // New weights come 10 times a second while a network trains, and a page's redraw costs up
    // to 20 ms (the Equivariance page's 26 forward passes of mini-resnet): the pages follow
    // at most 4 times a second, the newest weights always shown within a quarter second.
    auto *weightsLater = new QTimer(this);
    weightsLater->setSingleShot(true);
    weightsLater->setInterval(TrainingSession::kCostlyViewMs);
    connect(weightsLater, &QTimer::timeout, this, changed);
    for (auto signal : {&TrainingSession::architectureChanged, &TrainingSession::dataChanged,
                        &TrainingSession::historyCleared}) {
        connect(m_session, signal, this, [weightsLater, changed] {
            weightsLater->stop();
            changed();
        });
    }
    connect(m_session, &TrainingSession::progressed, this, [weightsLater](int, bool newWeights) {
        if (newWeights && !weightsLater->isActive())
            weightsLater->start();
    });
    connect(m_receptiveField, &ReceptiveFieldPage::statusChanged, this,
            [this](const QString &text) { setStatus(m_receptiveField, text); });
    connect(m_equivariance, &EquivariancePage::statusChanged, this,
            [this](const QString &text) { setStatus(m_equivariance, text); });
    QList<QPair<QString, QString>> pictures;
    for (const SampleInfo &sample : sampleCatalog()) {
        // The photographs: the patterns and kernels are for the explorer.
        if (sample.resource.endsWith(".png") && !sample.resource.contains("pattern")
            && !sample.resource.contains("binary") && !sample.resource.contains("checkerboard"))
            pictures.append({sample.title, sample.resource});
    }
    m_inspect->setSamples(pictures);
    connect(m_inspect, &InspectPage::statusChanged, this,
            [this](const QString &text) { setStatus(m_inspect, text); });
}

void MainWindow::addPage(const QString &key, const QString &name, QWidget *page)
{
    // A name of two words takes two lines, so that the sidebar stays as narrow as its longest
    // word and a 1024-pixel projector keeps the room for the pages.
    auto *item = new QListWidgetItem(QString(name).replace(' ', '\n'), m_sidebar);
    item->setTextAlignment(Qt::AlignCenter);
    // A page that needs more room than the screen has (presentation mode on a small
    // projector) scrolls instead of being laid out beyond the window's edge and cut.
    auto *scroll = new QScrollArea(m_pages);
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_pages->addWidget(scroll);
    m_keys.append(key);
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Image…"), QKeySequence::Open, this, &MainWindow::openImage);
    QMenu *samples = file->addMenu(tr("Open &Sample"));
    for (const SampleInfo &sample : sampleCatalog()) {
        samples->addAction(sample.title, this, [this, resource = sample.resource] {
            m_convolution->openImage(resource);
            showPage("convolution");
        });
    }
    // A saved model (.csm) or one from PyTorch (.onnx), into the Training page's network.
    file->addAction(tr("Open &Model…"), QKeySequence(tr("Ctrl+Shift+O")), this, [this] {
        showPage("training");
        m_training->loadModel();
    });
    // Any model, of any size and input, on any picture.
    file->addAction(tr("&Inspect Model…"), QKeySequence(tr("Ctrl+I")), this, [this] {
        showPage("inspect");
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a model to inspect"),
                                                          QString(), tr("Models (*.csm *.onnx)"));
        if (!path.isEmpty())
            m_inspect->openModel(path);
    });
    file->addAction(tr("&Export Feature Maps…"), QKeySequence(tr("Ctrl+E")), this,
                    &MainWindow::exportMaps);
    file->addAction(tr("&Copy Feature Maps"), QKeySequence(tr("Ctrl+Shift+C")), this,
                    &MainWindow::copyFeatureMaps);
    file->addAction(tr("Save &Screenshot…"), QKeySequence(tr("Ctrl+Shift+S")), this,
                    &MainWindow::saveScreenshotAs);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
}

// Undo and redo of the explorer's settings, active on its pages only: the Draw tab's canvas has
// its own Ctrl+Z.
void MainWindow::createEditMenu()
{
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = edit->addAction(tr("&Undo"), QKeySequence::Undo, this, [this] {
        if (ExplorerHistory *history = currentHistory())
            history->undo();
    });
    QAction *redo = edit->addAction(tr("&Redo"), this, [this] {
        if (ExplorerHistory *history = currentHistory())
            history->redo();
    });
    redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence::Redo});
    edit->addSeparator();
    edit->addAction(tr("Reset the Explorer to its &Defaults"), this, [this] {
        m_convolution->history()->reset(QString(), tr("Reset everything"));
        m_pooling->history()->reset(QString(), tr("Reset the pooling"));
    });
    // Enabled on the explorer's pages only, so that elsewhere Ctrl+Z is not taken from the
    // Draw tab's canvas.
    const auto follow = [this, undo, redo] {
        undo->setEnabled(currentHistory() != nullptr);
        redo->setEnabled(currentHistory() != nullptr);
    };
    connect(m_sidebar, &QListWidget::currentRowChanged, this, follow);
    follow();
}

// Each explorer page undoes its own settings.
ExplorerHistory *MainWindow::currentHistory() const
{
    const QString page = currentPageKey();
    return page == "convolution" ? m_convolution->history()
           : page == "pooling"   ? m_pooling->history()
                                 : nullptr;
}

void MainWindow::createViewMenu()
{
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, this, [this] { zoom(1); });
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, this, [this] { zoom(-1); });
    view->addAction(tr("&Fit"), QKeySequence(tr("Ctrl+0")), this, [this] { zoom(0); });
    view->addSeparator();
    QMenu *colormaps = view->addMenu(tr("&Colormap"));
    m_colormaps = new QActionGroup(this);
    for (Colormap c : kColormaps) {
        QAction *action = colormaps->addAction(coreText(colormapName(c)), this,
                                               [this, c] { m_convolution->setColormap(c); });
        action->setCheckable(true);
        action->setChecked(c == m_convolution->colormap());
        m_colormaps->addAction(action);
    }
    QMenu *scales = view->addMenu(tr("&Normalisation"));
    m_scales = new QActionGroup(this);
    for (ValueScale s : kValueScales) {
        QAction *action = scales->addAction(coreText(valueScaleName(s)), this,
                                            [this, s] { m_convolution->setValueScale(s); });
        action->setCheckable(true);
        action->setChecked(s == m_convolution->valueScale());
        m_scales->addAction(action);
    }
    view->addSeparator();
    QMenu *step = view->addMenu(tr("&Step Mode"));
    StepBar *bar = m_convolution->stepBar();
    step->addAction(tr("&Play / Pause"), QKeySequence(tr("Ctrl+Space")), this, [this, bar] {
        showPage("convolution");
        bar->isPlaying() ? bar->pause() : bar->play();
    });
    step->addAction(tr("&Next Cell"), QKeySequence(tr("Ctrl+Right")), this, [this, bar] {
        showPage("convolution");
        bar->step();
    });
    step->addAction(tr("&Reset"), QKeySequence(tr("Ctrl+Left")), bar, &StepBar::reset);
    view->addSeparator();
    m_presentation = view->addAction(tr("&Presentation Mode (large fonts)"), QKeySequence(tr("F5")),
                                     this, [this](bool on) { setPresentationMode(on); });
    m_presentation->setCheckable(true);
    m_dark = view->addAction(tr("&Dark Theme"), QKeySequence(tr("Ctrl+Shift+D")), this,
                             [this](bool on) { setDarkTheme(on); });
    m_dark->setCheckable(true);
    m_focus = view->addAction(tr("&Focus View (hide the settings)"), QKeySequence(tr("F11")), this,
                              [this](bool on) { setFocusView(on); });
    m_focus->setCheckable(true);
    view->addSeparator();
    addLanguageMenu(view, this);
}

// Ctrl+1 … Ctrl+9 for the pages in the sidebar's order, so a lecturer switches without the mouse.
void MainWindow::createGoMenu()
{
    QMenu *go = menuBar()->addMenu(tr("&Go"));
    for (int i = 0; i < m_keys.size(); ++i) {
        QAction *page = go->addAction(pageName(i), this, [this, key = m_keys[i]] { showPage(key); });
        if (i < 9)
            page->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        else if (m_keys[i] == "inspect")
            page->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    }
}

void MainWindow::zoom(int direction)
{
    QList<TensorView *> views;
    if (currentPageKey() == "convolution")
        views = {m_convolution->inputView(), m_convolution->outputView()};
    else if (currentPageKey() == "pooling")
        views = {m_pooling->inputView(), m_pooling->outputView()};
    for (TensorView *view : views) {
        if (direction > 0)
            view->zoomIn();
        else if (direction < 0)
            view->zoomOut();
        else
            view->resetZoom();
    }
}

void MainWindow::setPresentationMode(bool on)
{
    m_presentation->setChecked(on);
    applyLook();
}

// The font, the style's pixel sizes and the sidebar at the presentation scale, in the light or
// the dark palette: everything a class reads grows together.
void MainWindow::applyLook()
{
    const double scale = presentationMode() ? kPresentationScale : 1.0;
    QFont font = m_baseFont;
    font.setPointSizeF(m_baseFont.pointSizeF() * scale);
    QApplication::setFont(font);
    const QString base = m_dark->isChecked() ? QString("Fusion") : m_baseStyle;
    QApplication::setStyle(new PresentationStyle(QStyleFactory::create(base), scale));
    QApplication::setPalette(m_dark->isChecked() ? darkPalette() : m_basePalette);
    QFont sidebarFont = font;
    sidebarFont.setPointSizeF(font.pointSizeF() * kSidebarFontScale
                              * (presentationMode() ? kSidebarPresentationFontScale : 1.0));
    m_sidebar->setFont(sidebarFont);
    int width = kSidebarWidth;
    for (int i = 0; i < m_sidebar->count(); ++i) {
        for (const QString &line : m_sidebar->item(i)->text().split('\n'))
            width = std::max(width, QFontMetrics(sidebarFont).horizontalAdvance(line) + 20);
    }
    m_sidebar->setFixedWidth(width);
    for (int i = 0; i < m_sidebar->count(); ++i)
        m_sidebar->item(i)->setSizeHint(QSize(width, int(std::lround(kSidebarItemHeight * scale))));
}

bool MainWindow::presentationMode() const
{
    return m_presentation->isChecked();
}

// The sidebar and every page's settings column hide: the input ⊛ filter = output with its
// dot product, or the training plots, get the whole screen; F11 brings them back.
void MainWindow::setFocusView(bool on)
{
    m_focus->setChecked(on);
    m_sidebar->setVisible(!on);
    for (int i = 0; i < m_pages->count(); ++i) {
        for (QWidget *column : m_pages->widget(i)->findChildren<QWidget *>(style::kSettingsColumn))
            column->setVisible(!on);
    }
}

bool MainWindow::focusView() const
{
    return m_focus->isChecked();
}

void MainWindow::setDarkTheme(bool on)
{
    m_dark->setChecked(on);
    applyLook();
}

void MainWindow::openImage()
{
    if (m_convolution->chooseImage())
        showPage("convolution");
}

void MainWindow::exportMaps()
{
    const FeatureMaps maps = m_convolution->featureMaps();
    if (!maps.values) {
        QMessageBox::information(this, tr("Nothing to export"),
                                 tr("The Convolution page has no feature map yet."));
        return;
    }
    ExportDialog dialog(maps, m_exportFolder, this);
    dialog.exec();
    m_exportFolder = dialog.lastFolder();
}

void MainWindow::copyFeatureMaps()
{
    const FeatureMaps maps = m_convolution->featureMaps();
    if (!maps.values)
        return;
    // Small maps are enlarged so that they paste at a usable size, pixels kept square.
    const int side = std::max(maps.tiles.first().width(), maps.tiles.first().height());
    const int factor = std::max(1, 256 / std::max(1, side));
    QApplication::clipboard()->setImage(exportImage(maps, {-1, factor, true}));
    setStatus(currentPage(), tr("Copied the feature maps (%1) to the clipboard").arg(maps.stem));
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    m_convolution->openImage(urls.first().toLocalFile());
    showPage("convolution");
    event->acceptProposedAction();
}

void MainWindow::restoreSettings(QSettings &settings)
{
    restoreGeometry(settings.value("window/geometry").toByteArray());
    settings.beginGroup("convolution");
    m_convolution->restore(settings);
    m_convolution->history()->forget(); // the restored page is where undo starts
    settings.endGroup();
    settings.beginGroup("pooling");
    m_pooling->restore(settings);
    m_pooling->history()->forget();
    settings.endGroup();
    settings.beginGroup("network");
    m_network->restore(settings);
    settings.endGroup();
    settings.beginGroup("training");
    m_training->restore(settings);
    settings.endGroup();
    settings.beginGroup("quiz");
    m_quiz->restore(settings);
    settings.endGroup();
    m_exportFolder = settings.value("exportFolder", m_exportFolder).toString();
    setPresentationMode(settings.value("view/presentation", false).toBool());
    setDarkTheme(settings.value("view/dark", false).toBool());
    showPage(settings.value("view/page", "convolution").toString());
}

void MainWindow::saveSettings(QSettings &settings) const
{
    settings.setValue("window/geometry", saveGeometry());
    settings.beginGroup("convolution");
    m_convolution->save(settings);
    settings.endGroup();
    settings.beginGroup("pooling");
    m_pooling->save(settings);
    settings.endGroup();
    settings.beginGroup("network");
    m_network->save(settings);
    settings.endGroup();
    settings.beginGroup("training");
    m_training->save(settings);
    settings.endGroup();
    settings.beginGroup("quiz");
    m_quiz->save(settings);
    settings.endGroup();
    settings.setValue("exportFolder", m_exportFolder);
    settings.setValue("view/presentation", presentationMode());
    settings.setValue("view/dark", m_dark->isChecked());
    settings.setValue("view/page", currentPageKey());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // The worker ends after its current batch; nothing is saved unless the user saved it.
    m_session->stop();
    if (m_persistent) {
        QSettings settings;
        saveSettings(settings);
    }
    event->accept();
}

void MainWindow::showAbout()
{
    AboutDialog(this).exec();
}

void MainWindow::saveScreenshotAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Screenshot"), "convscope.png",
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveScreenshot(path, &error))
        QMessageBox::warning(this, tr("Screenshot not saved"), error);
}

bool MainWindow::saveScreenshot(const QString &path, QString *error)
{
    // A result that has just arrived may still wait for its layout (a wider colour bar, a
    // wrapped line): the picture shows the window as the next frame will.
    QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const QImage image = grab().toImage();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace convscope::ui
