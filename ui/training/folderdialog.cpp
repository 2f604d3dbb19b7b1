#include "ui/training/folderdialog.h"

#include "ui/common/numbering.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace convscope::ui {

FolderDialog::FolderDialog(const QString &folder, const FolderClasses &classes,
                           const FolderOptions &defaults, QWidget *parent)
    : QDialog(parent)
    , m_defaults(defaults)
    , m_size(new QSpinBox(this))
    , m_color(new QComboBox(this))
{
    setWindowTitle(tr("A data set of pictures"));
    QStringList found;
    int files = 0;
    for (size_t k = 0; k < classes.names.size(); ++k) {
        found.append(tr("%1 (%2)")
                         .arg(QString::fromStdString(classes.names[k]))
                         .arg(grouped(classes.files[k])));
        files += classes.files[k];
    }
    auto *summary
        = new QLabel(tr("<b>%1</b><br>%2 classes, %3 files: %4.<br>%5")
                         .arg(folder.toHtmlEscaped())
                         .arg(classes.names.size())
                         .arg(grouped(files))
                         .arg(found.join(", ").toHtmlEscaped())
                         .arg(classes.presplit
                                  ? tr("Its train/ and test/ folders are kept as they are.")
                                  : tr("A fifth of each class is kept aside for the test.")),
                     this);
    summary->setWordWrap(true);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_size->setRange(kMinFolderImageSize, kMaxFolderImageSize);
    m_size->setValue(defaults.imageSize);
    m_size->setSuffix(tr(" px"));
    m_size->setToolTip(tr("Each picture's shorter side is resized to this and its centre square "
                          "kept: 28 for LeNet-5, 32 for the lecture's CNN, 64 for the mini "
                          "networks"));
    m_color->addItem(tr("as the pictures are (colour if any has colour)"),
                     int(FolderOptions::Color::Auto));
    m_color->addItem(tr("colour (RGB)"), int(FolderOptions::Color::Rgb));
    m_color->addItem(tr("gray"), int(FolderOptions::Color::Gray));
    m_color->setCurrentIndex(m_color->findData(int(defaults.color)));
    auto *form = new QFormLayout;
    form->addRow(tr("Picture size"), m_size);
    form->addRow(tr("Colour"), m_color);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Load"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

FolderOptions FolderDialog::options() const
{
    FolderOptions options = m_defaults;
    options.imageSize = m_size->value();
    options.color = FolderOptions::Color(m_color->currentData().toInt());
    return options;
}

} // namespace convscope::ui
