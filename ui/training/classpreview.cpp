#include "ui/training/classpreview.h"

#include "ui/common/numbering.h"
#include "ui/common/planeimages.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPainter>
#include <QScrollArea>
#include <QVBoxLayout>

namespace convscope::ui {

QImage classPreview(const DataSet &data, int perClass, int cell, const QFont &font,
                    const QPalette &palette)
{
    const int classes = data.classCount();
    std::vector<std::vector<int>> members(static_cast<size_t>(classes));
    std::vector<int> testCounts(size_t(classes), 0);
    for (int i = 0; i < data.train.count(); ++i) {
        std::vector<int> &row = members[data.train.labels[size_t(i)]];
        if (int(row.size()) < perClass)
            row.push_back(i);
    }
    for (std::uint8_t label : data.test.labels)
        ++testCounts[label];
    std::vector<int> trainCounts(size_t(classes), 0);
    for (std::uint8_t label : data.train.labels)
        ++trainCounts[label];
    const QFontMetrics metrics(font);
    const int line = metrics.height() + 2;
    const int gap = 3;
    QImage image(perClass * (cell + gap) + gap, classes * (line + cell + gap) + gap,
                 QImage::Format_RGB32);
    image.fill(palette.color(QPalette::Base));
    QPainter painter(&image);
    painter.setFont(font);
    painter.setPen(palette.color(QPalette::Text));
    for (int k = 0; k < classes; ++k) {
        const int top = gap + k * (line + cell + gap);
        const QString title = ClassPreviewDialog::tr("%1: %2 training, %3 test")
                                  .arg(QString::fromStdString(data.classNames[size_t(k)]))
                                  .arg(grouped(trainCounts[size_t(k)]))
                                  .arg(grouped(testCounts[size_t(k)]));
        painter.drawText(QRect(gap, top, image.width() - 2 * gap, line),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(title, Qt::ElideRight, image.width() - 2 * gap));
        const std::vector<int> &row = members[size_t(k)];
        for (size_t j = 0; j < row.size(); ++j)
            painter.drawImage(QRect(gap + int(j) * (cell + gap), top + line, cell, cell),
                              setImage(data.train, row[j]));
    }
    return image;
}

ClassPreviewDialog::ClassPreviewDialog(const DataSet &data, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Classes of %1").arg(QString::fromStdString(data.name)));
    auto *picture = new QLabel(this);
    picture->setPixmap(QPixmap::fromImage(classPreview(data, 10, 56, font(), palette())));
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(picture);
    scroll->setWidgetResizable(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    resize(picture->sizeHint().width() + 40, std::min(picture->sizeHint().height() + 80, 640));
}

} // namespace convscope::ui
