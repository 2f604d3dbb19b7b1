#include "ui/training/architecturespage.h"

#include "core/nn/architecture.h"
#include "core/nn/network.h"
#include "ui/common/numbering.h"
#include "ui/training/architecturegallery.h"
#include "ui/training/diagramlayout.h"
#include "ui/training/layerbars.h"
#include "ui/training/layertree.h"
#include "ui/training/networkdiagram.h"

#include <QEvent>
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
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_list);
    layout->addLayout(details, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, &ArchitecturesPage::chosen);
    connect(m_open, &QPushButton::clicked, this, [this] { emit openInNetworkPage(m_shown); });
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
    if (row < 0 || row >= int(architectureGallery().size()))
        return;
    const GalleryEntry &entry = architectureGallery()[row];
    const Preset &preset = *findPreset(entry.preset.toStdString());
    const Architecture architecture = *parseArchitecture(preset.spec);
    const ArchitectureTable table = tabulate(architecture, preset.input, preset.classes);
    m_shown = entry.preset;
    const QString title = QString::fromUtf8(preset.title.data(), qsizetype(preset.title.size()));
    m_title->setText(QString("%1 · %2").arg(title, entry.year));
    m_idea->setText(entry.idea);
    const Architecture mlp = mlpOfStages(architecture, preset.input, preset.classes);
    m_totals->setText(
        tr("Input %1, %2 classes · <b>%3 parameters</b>, %4 multiply-adds per image · "
           "an MLP with a dense layer as large as each stage's output would have %5 parameters.")
            .arg(QString::fromStdString(preset.input.imageString()))
            .arg(preset.classes)
            .arg(grouped(table.parameters()))
            .arg(grouped(table.multiplyAdds()))
            .arg(grouped(mlpParameterCount(mlp, preset.input.count()))));
    m_rowKeys.clear();
    for (const LayerDescription &layer : table.rows)
        m_rowKeys.append(diagramKey(layer));
    m_tree->showTable(table);
    m_diagram->showTable(table, preset.input, m_tree->foldedKeys());
    balanceLayersView();
    m_diagramArea->verticalScrollBar()->setValue(0);
    m_bars->showTable(table);
    const std::string refusal = trainingRefusal(preset.name);
    m_open->setEnabled(refusal.empty());
    m_openNote->setText(refusal.empty() ? tr("trains here on the 28×28 digits")
                                        : QString::fromStdString(refusal));
    emit statusChanged(
        tr("Architectures: %1, %2 parameters").arg(title, grouped(table.parameters())));
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
