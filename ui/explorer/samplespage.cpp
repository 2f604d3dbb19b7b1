#include "ui/explorer/samplespage.h"

#include "ui/explorer/histogramplot.h"
#include "ui/explorer/imageview.h"
#include "ui/explorer/samplecatalog.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QVBoxLayout>

namespace convscope::ui {

namespace {

constexpr int kThumbnail = 96;

QIcon thumbnail(const QImage &image)
{
    const bool tiny = image.width() < kThumbnail && image.height() < kThumbnail;
    QImage scaled = image.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio,
                                 tiny ? Qt::FastTransformation : Qt::SmoothTransformation);
    return QIcon(QPixmap::fromImage(scaled));
}

} // namespace

SamplesPage::SamplesPage(QWidget *parent)
    : QWidget(parent)
    , m_gallery(new QListWidget(this))
    , m_view(new ImageView(this))
    , m_info(new QLabel(this))
    , m_histogram(new HistogramPlot(this))
{
    m_gallery->setViewMode(QListView::IconMode);
    m_gallery->setIconSize(QSize(kThumbnail, kThumbnail));
    m_gallery->setGridSize(QSize(kThumbnail + 40, kThumbnail + 40));
    m_gallery->setResizeMode(QListView::Adjust);
    m_gallery->setMovement(QListView::Static);
    m_gallery->setWordWrap(true);
    m_gallery->setMinimumWidth(2 * (kThumbnail + 40) + 24);
    for (const SampleInfo &sample : sampleCatalog()) {
        auto *item = new QListWidgetItem(thumbnail(QImage(sample.resource)), sample.title);
        item->setToolTip(QFileInfo(sample.resource).fileName());
        m_gallery->addItem(item);
    }
    m_info->setWordWrap(true);
    m_info->setTextFormat(Qt::RichText);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_info);
    auto *split = new QSplitter(Qt::Vertical, right);
    split->addWidget(m_view);
    split->addWidget(m_histogram);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    rightLayout->addWidget(split, 1);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_gallery);
    layout->addWidget(right, 1);

    connect(m_gallery, &QListWidget::currentRowChanged, this, &SamplesPage::showSample);
    connect(m_gallery, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit sampleActivated(sampleCatalog()[m_gallery->row(item)].resource);
    });
    m_gallery->setCurrentRow(0);
}

int SamplesPage::sampleCount() const
{
    return m_gallery->count();
}

void SamplesPage::selectSample(int index)
{
    m_gallery->setCurrentRow(index);
}

const QImage &SamplesPage::currentImage() const
{
    return m_view->image();
}

void SamplesPage::showSample(int index)
{
    if (index < 0 || index >= sampleCatalog().size())
        return;
    const SampleInfo &sample = sampleCatalog()[index];
    const QImage image(sample.resource);
    m_view->setImage(image);
    m_histogram->showImage(image);
    const int channels = image.isGrayscale() ? 1 : 3;
    const QString shape = tr("%1×%2 pixels, %3")
                              .arg(image.width())
                              .arg(image.height())
                              .arg(channels == 1 ? tr("grayscale (1 channel)")
                                                 : tr("colour (3 channels: R, G, B)"));
    m_info->setText(tr("<b>%1</b> — %2<br><small>%3 · %4 · %5</small>")
                        .arg(sample.title, shape, QFileInfo(sample.resource).fileName(),
                             sample.credit, sample.license));
    m_statusText = tr("%1: %2×%3, %4")
                       .arg(QFileInfo(sample.resource).fileName())
                       .arg(image.width())
                       .arg(image.height())
                       .arg(channels == 1 ? tr("1 channel") : tr("3 channels"));
    emit statusChanged(m_statusText);
}

} // namespace convscope::ui
