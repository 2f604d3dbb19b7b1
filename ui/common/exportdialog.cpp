#include "ui/common/exportdialog.h"

#include "ui/common/numbering.h"
#include "ui/common/planeimages.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace convscope::ui {

namespace {

constexpr int kAllSideBySide = -1;
constexpr int kEveryChannel = -2;
constexpr int kMaxFactor = 64;
// A map this small is a worked example: enlarged so that its cells are about 384 / side px.
constexpr int kWorkedExampleSide = 16;
constexpr int kWorkedExampleCell = 384;

} // namespace

ExportDialog::ExportDialog(const FeatureMaps &maps, const QString &folder, QWidget *parent)
    : QDialog(parent)
    , m_maps(maps)
    , m_folder(folder)
    , m_what(new QComboBox(this))
    , m_format(new QComboBox(this))
    , m_factor(new QSpinBox(this))
    , m_colorBar(new QCheckBox(tr("with the colour bar"), this))
    , m_numbers(new QCheckBox(tr("with the numbers in the cells (cells of %1 px or more)")
                                  .arg(kNumbersFromPixels),
                              this))
    , m_size(new QLabel(this))
{
    setWindowTitle(tr("Export Feature Maps"));
    m_what->addItem(tr("all %1 maps side by side").arg(maps.tiles.size()), kAllSideBySide);
    for (int c = 0; c < maps.tiles.size(); ++c)
        m_what->addItem(tr("channel %1").arg(ordinal(c)), c);
    m_what->addItem(tr("every channel into a folder (PNGs + .npy)"), kEveryChannel);
    m_format->addItem(tr("PNG picture"));
    m_format->addItem(tr("NumPy array (.npy, exact values)"));
    m_factor->setRange(1, kMaxFactor);
    m_factor->setSuffix(tr("× (nearest neighbour)"));
    restoreChoices();
    auto *form = new QFormLayout;
    form->addRow(tr("Export"), m_what);
    form->addRow(tr("As"), m_format);
    form->addRow(tr("Enlarge"), m_factor);
    form->addRow(QString(), m_colorBar);
    form->addRow(QString(), m_numbers);
    form->addRow(tr("Size"), m_size);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Files are named after the settings: <b>%1</b>, and record "
                                    "them inside (PNG text) or beside (.npy.txt).")
                                     .arg(maps.stem.toHtmlEscaped()),
                                 this));
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::exportNow);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QComboBox *box : {m_what, m_format})
        connect(box, &QComboBox::currentIndexChanged, this, &ExportDialog::updateSize);
    connect(m_factor, &QSpinBox::valueChanged, this, &ExportDialog::updateSize);
    for (QCheckBox *box : {m_colorBar, m_numbers})
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updateSize);
    updateSize();
}

// The last export's format, bar and numbers; the enlargement follows the maps' size, as does
// whether a worked example (up to 16×16) shows its numbers until the user said otherwise.
void ExportDialog::restoreChoices()
{
    const QSettings settings;
    const int side = m_maps.tiles.isEmpty()
                         ? 0
                         : std::max(m_maps.tiles.first().width(), m_maps.tiles.first().height());
    const bool worked = side > 0 && side <= kWorkedExampleSide;
    m_factor->setValue(
        worked ? std::min(kMaxFactor, std::max(kNumbersFromPixels, kWorkedExampleCell / side))
        : side >= 256 ? 1
                      : 8);
    m_format->setCurrentIndex(settings.value("export/format", 0).toInt() == 1 ? 1 : 0);
    m_colorBar->setChecked(settings.value("export/colorBar", false).toBool());
    m_numbers->setChecked(settings.value("export/numbers", worked).toBool());
}

void ExportDialog::saveChoices() const
{
    QSettings settings;
    settings.setValue("export/format", m_format->currentIndex());
    settings.setValue("export/colorBar", m_colorBar->isChecked());
    settings.setValue("export/numbers", m_numbers->isChecked());
}

void ExportDialog::updateSize()
{
    const bool png = m_format->currentIndex() == 0
                     || m_what->currentData().toInt() == kEveryChannel;
    m_factor->setEnabled(png);
    m_colorBar->setEnabled(png);
    const int what = m_what->currentData().toInt();
    if (!png) {
        const Shape &s = m_maps.values->shape();
        m_size->setText(what >= 0 ? tr("(1, %1, %2) float32").arg(s.h).arg(s.w)
                                  : tr("(%1, %2, %3) float32").arg(s.c).arg(s.h).arg(s.w));
        return;
    }
    m_numbers->setEnabled(png && m_factor->value() >= kNumbersFromPixels);
    const QImage image = exportImage(m_maps, {what >= 0 ? what : (what == kEveryChannel ? 0 : -1),
                                              m_factor->value(), m_colorBar->isChecked(),
                                              m_numbers->isChecked()});
    m_size->setText(tr("%1×%2 pixels%3")
                        .arg(image.width())
                        .arg(image.height())
                        .arg(what == kEveryChannel ? tr(" each") : QString()));
}

void ExportDialog::exportNow()
{
    const int what = m_what->currentData().toInt();
    const ExportChoice choice{what >= 0 ? what : -1, m_factor->value(), m_colorBar->isChecked(),
                              m_numbers->isChecked()};
    QString error;
    if (what == kEveryChannel) {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Export into"), m_folder);
        if (folder.isEmpty())
            return;
        int written = 0;
        error = writeAllChannels(folder, m_maps, choice, &written);
        m_folder = folder;
    } else {
        const bool png = m_format->currentIndex() == 0;
        const QString suffix = what >= 0 ? QString("_c%1").arg(what) : QString();
        const QString name = QDir(m_folder).filePath(m_maps.stem + suffix + (png ? ".png" : ".npy"));
        const QString path = QFileDialog::getSaveFileName(this, tr("Export"), name,
                                                          png ? tr("PNG images (*.png)")
                                                              : tr("NumPy arrays (*.npy)"));
        if (path.isEmpty())
            return;
        error = png ? writeExportPng(path, m_maps, choice)
                    : writeExportNpy(path, m_maps, choice.channel);
        m_folder = QFileInfo(path).absolutePath();
    }
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    saveChoices();
    accept();
}

} // namespace convscope::ui
