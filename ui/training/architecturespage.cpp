#include "ui/training/architecturespage.h"

#include "core/nn/architecture.h"
#include "core/nn/digit_input.h"
#include "core/nn/model_file.h"
#include "core/nn/network.h"
#include "core/nn/onnx_import.h"
#include "ui/common/coretext.h"
#include "ui/common/latestrunner.h"
#include "ui/common/numbering.h"
#include "ui/common/style.h"
#include "ui/training/architecturegallery.h"
#include "ui/training/diagramlayout.h"
#include "ui/training/layerbars.h"
#include "ui/training/layertree.h"
#include "ui/training/networkdiagram.h"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace convscope::ui {

namespace {

// The list's data for a model file, so that a file never passes for a preset's name.
const QString kFilePrefix = "file:";

} // namespace

ArchitecturesPage::ArchitecturesPage(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_title(new QLabel(this))
    , m_idea(new QLabel(this))
    , m_totals(new QLabel(this))
    , m_tree(new LayerTree(this))
    , m_diagram(new NetworkDiagram(this))
    , m_diagramArea(new QScrollArea(this))
    , m_layersView(new QSplitter(this))
    , m_bars(new LayerBars(this))
    , m_open(new QPushButton(tr("Open in Network page"), this))
    , m_field(new QPushButton(tr("Receptive field of the chosen layer"), this))
    , m_openNote(new QLabel(this))
    , m_reader(new LatestRunner(this))
{
    for (const GalleryEntry &entry : architectureGallery()) {
        const Preset *preset = findPreset(entry.preset.toStdString());
        auto *item = new QListWidgetItem(QString::fromUtf8(preset->title.data(),
                                                           qsizetype(preset->title.size())),
                                         m_list);
        item->setToolTip(entry.year);
        item->setData(Qt::UserRole, entry.preset);
    }
    m_list->setSpacing(2);
    m_list->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_list->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Expanding);
    setTitleFont();
    for (QLabel *label : {m_idea, m_totals, m_openNote}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }

    auto *openRow = new QHBoxLayout;
    openRow->addWidget(m_open);
    openRow->addWidget(m_field);
    openRow->addStretch(1);
    // Tabs rather than a split: each view gets the page's height, also on a small projector.
    m_diagramArea->setWidget(m_diagram);
    m_diagramArea->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_diagramArea->setBackgroundRole(QPalette::Base);
    m_layersView->addWidget(m_tree);
    m_layersView->addWidget(m_diagramArea);
    m_layersView->setChildrenCollapsible(false);
    m_layersView->installEventFilter(this);
    m_diagram->installEventFilter(this);
    auto *views = new QTabWidget(this);
    views->addTab(m_layersView, tr("Layers"));
    views->addTab(m_bars, tr("Parameters and multiply-adds"));
    auto *details = new QVBoxLayout;
    details->addWidget(m_title);
    details->addWidget(m_idea);
    details->addWidget(m_totals);
    details->addLayout(openRow);
    // A line of its own: a refusal names the mini network to train instead, and beside the
    // buttons it would wrap a word a line at 1024 pixels in presentation mode.
    details->addWidget(m_openNote);
    details->addWidget(views, 1);
    auto *openFile = new QPushButton(tr("Open model…"), this);
    openFile->setToolTip(tr("Show the layers of a model file: a .csm saved by ConvScope or an "
                            ".onnx exported from PyTorch"));
    connect(openFile, &QPushButton::clicked, this, &ArchitecturesPage::chooseFile);
    auto *gallery = new QVBoxLayout;
    gallery->addWidget(m_list, 1);
    gallery->addWidget(openFile);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(gallery);
    layout->addLayout(details, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, &ArchitecturesPage::chosen);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (m_shown.startsWith(kFilePrefix))
            emit openFileInNetworkPage(m_shown.mid(kFilePrefix.size()));
        else
            emit openInNetworkPage(m_shown);
    });
    m_field->setToolTip(tr("See the field of the chosen layer drawn on a picture, the geometry's "
                           "and the gradient's, on the Receptive Field page"));
    connect(m_field, &QPushButton::clicked, this,
            [this] { emit openInReceptiveField(m_shown, chosenRow()); });
    connectTreeAndDiagram();
    m_list->setCurrentRow(0);
}

// The diagram gets its width up to half of the view, the table the rest; what does not fit
// scrolls.
void ArchitecturesPage::balanceLayersView()
{
    const int total = m_layersView->width() - m_layersView->handleWidth();
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const int diagram = m_diagram->sizeHint().width() + 2 * m_diagramArea->frameWidth() + scrollBar;
    const int forDiagram = std::min(diagram, total / 2);
    m_layersView->setSizes({total - forDiagram, forDiagram});
}

// The title a step above the page's font, also once presentation mode has enlarged it.
void ArchitecturesPage::setTitleFont()
{
    QFont title = font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.3);
    m_title->setFont(title);
}

void ArchitecturesPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        setTitleFont();
}

bool ArchitecturesPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_layersView && event->type() == QEvent::Resize)
        balanceLayersView();
    // The network's spine runs down the middle of the diagram: keep it in view when the
    // diagram changes size, once the scroll area has taken the new size.
    if (watched == m_diagram && event->type() == QEvent::Resize) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                QScrollBar *across = m_diagramArea->horizontalScrollBar();
                across->setValue((across->maximum() + across->minimum()) / 2);
            },
            Qt::QueuedConnection);
    }
    return QWidget::eventFilter(watched, event);
}

// The table and the diagram show one network: a row chosen in one is chosen in the other, and
// a block folded in one is folded in the other.
void ArchitecturesPage::connectTreeAndDiagram()
{
    const auto fold = [this] {
        m_diagram->setFolded(m_tree->foldedKeys());
    };
    connect(m_tree, &QTreeWidget::itemExpanded, this, fold);
    connect(m_tree, &QTreeWidget::itemCollapsed, this, fold);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *current) {
        m_diagram->select(LayerTree::keyOf(current));
        if (const DiagramBox *box = m_diagram->diagram().box(m_diagram->selected())) {
            const QPoint centre = box->rect.center().toPoint();
            m_diagramArea->ensureVisible(centre.x(), centre.y(), int(box->rect.width()),
                                         int(box->rect.height()));
        }
    });
    connect(m_diagram, &NetworkDiagram::boxClicked, this, [this](const QString &key) {
        if (QTreeWidgetItem *item = m_tree->itemOfKey(key)) {
            m_tree->setCurrentItem(item);
            m_tree->scrollToItem(item);
        }
    });
    connect(m_diagram, &NetworkDiagram::blockToggled, this, [this](const QString &key) {
        if (QTreeWidgetItem *item = m_tree->itemOfKey(key))
            item->setExpanded(!item->isExpanded());
    });
}

bool ArchitecturesPage::showNetwork(const QString &preset)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toString() == preset) {
            m_list->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

void ArchitecturesPage::chosen(int row)
{
    if (row < 0 || row >= m_list->count())
        return;
    const QString key = m_list->item(row)->data(Qt::UserRole).toString();
    if (key.startsWith(kFilePrefix)) {
        chosenFile(key.mid(kFilePrefix.size()));
        return;
    }
    const GalleryEntry &entry = architectureGallery()[row];
    const Preset &preset = *findPreset(entry.preset.toStdString());
    m_shown = entry.preset;
    const QString title = coreText(preset.title);
    const std::int64_t parameters = show(QString("%1 · %2").arg(title, entry.year), entry.idea,
                                         *parseArchitecture(preset.spec), preset.input,
                                         preset.classes);
    const std::string refusal = trainingRefusal(preset.name);
    m_open->setEnabled(refusal.empty());
    m_field->setEnabled(true);
    m_openNote->setStyleSheet({});
    m_openNote->setText(refusal.empty() ? tr("trains here on the 28×28 digits")
                                        : QString::fromStdString(refusal));
    emit statusChanged(tr("Architectures: %1, %2 parameters").arg(title, grouped(parameters)));
}

std::int64_t ArchitecturesPage::show(const QString &title, const QString &idea,
                                     const Architecture &architecture, const Shape &input,
                                     int classes)
{
    const ArchitectureTable table = tabulate(architecture, input, classes);
    m_title->setText(title);
    m_idea->setText(idea);
    const Architecture mlp = mlpOfStages(architecture, input, classes);
    m_totals->setText(
        tr("Input %1, %2 classes · <b>%3 parameters</b>, %4 multiply-adds per image · "
           "an MLP with a dense layer as large as each stage's output would have %5 parameters.")
            .arg(QString::fromStdString(input.imageString()))
            .arg(classes)
            .arg(grouped(table.parameters()))
            .arg(grouped(table.multiplyAdds()))
            .arg(grouped(mlpParameterCount(mlp, input.count()))));
    m_rowKeys.clear();
    for (const LayerDescription &layer : table.rows)
        m_rowKeys.append(diagramKey(layer));
    m_tree->showTable(table);
    m_diagram->showTable(table, input, m_tree->foldedKeys());
    balanceLayersView();
    m_diagramArea->verticalScrollBar()->setValue(0);
    m_bars->showTable(table);
    return table.parameters();
}

void ArchitecturesPage::chosenFile(const QString &path)
{
    const Outline &outline = m_files[path];
    m_shown = kFilePrefix + path;
    const std::int64_t parameters
        = show(QFileInfo(path).fileName(),
               tr("Read from %1 (%2): its layers as ConvScope builds them, blocks where the graph "
                  "forks and joins.")
                   .arg(QDir::toNativeSeparators(path), outline.source),
               outline.architecture, outline.input, outline.classes);
    const bool digits = outline.input == kDigitShape && outline.classes == 10
                        && parameters <= kMaxTrainableParameters;
    m_open->setEnabled(digits);
    // The Receptive Field page draws presets and the Training page's network.
    m_field->setEnabled(false);
    m_openNote->setStyleSheet({});
    m_openNote->setText(digits ? tr("opens with its weights on the Training page")
                               : tr("the Inspect page runs it on a picture (File ▸ Inspect "
                                    "Model…); the Training page takes 1×28×28 digit models"));
    emit statusChanged(
        tr("Architectures: %1, %2 parameters").arg(QFileInfo(path).fileName(), grouped(parameters)));
}

void ArchitecturesPage::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a model to see its layers"),
                                                      QString(), tr("Models (*.csm *.onnx)"));
    if (!path.isEmpty())
        openModelFile(path);
}

void ArchitecturesPage::openModelFile(const QString &path)
{
    m_openNote->setStyleSheet({});
    m_openNote->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_reader->submit([this, path] {
        auto outline = std::make_shared<Expected<Outline>>(Error{""});
        if (QFileInfo(path).suffix().compare("onnx", Qt::CaseInsensitive) == 0) {
            Expected<ImportedModel> imported = loadOnnx(path.toStdString());
            if (imported)
                *outline = Outline{imported->architecture, imported->input, imported->classes,
                                   tr("ONNX, %1").arg(QString::fromStdString(imported->producer))};
            else
                *outline = imported.error();
        } else {
            Expected<Model> model = loadModel(path.toStdString());
            if (model)
                *outline = Outline{model->network.architecture(), model->network.inputShape(),
                                   model->network.classes(), tr("a ConvScope model")};
            else
                *outline = model.error();
        }
        return [this, path, outline] {
            if (!*outline) {
                m_openNote->setStyleSheet(style::errorTextStyle());
                m_openNote->setText(coreText((*outline).error().message));
                emit statusChanged(m_openNote->text());
                return;
            }
            m_files[path] = **outline;
            const QString key = kFilePrefix + path;
            for (int row = 0; row < m_list->count(); ++row) {
                if (m_list->item(row)->data(Qt::UserRole).toString() == key) {
                    m_list->setCurrentRow(row);
                    chosen(row); // read again: the file may have changed
                    return;
                }
            }
            auto *item = new QListWidgetItem(QFileInfo(path).fileName(), m_list);
            item->setToolTip(QDir::toNativeSeparators(path));
            item->setData(Qt::UserRole, key);
            m_list->setCurrentItem(item);
        };
    });
}

bool ArchitecturesPage::isIdle() const
{
    return m_reader->isIdle();
}

void ArchitecturesPage::waitForDone()
{
    m_reader->settle();
}

QString ArchitecturesPage::noteText() const
{
    return m_openNote->text();
}

int ArchitecturesPage::chosenRow() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? int(m_rowKeys.indexOf(LayerTree::keyOf(item))) : -1;
}

QString ArchitecturesPage::ideaText() const
{
    return m_idea->text();
}

QString ArchitecturesPage::totalsText() const
{
    return m_totals->text();
}

} // namespace convscope::ui
