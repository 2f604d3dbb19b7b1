#include "mainwindow.h"

#include "aboutdialog.h"
#include "samplespage.h"

#include <QApplication>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStatusBar>

namespace convscope::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_sidebar(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_status(new QLabel(this))
    , m_samples(new SamplesPage(this))
{
    setWindowTitle(tr("ConvScope"));
    setWindowIcon(QIcon(":/icons/convscope.png"));
    m_sidebar->setFixedWidth(160);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    QFont sidebarFont = m_sidebar->font();
    sidebarFont.setPointSizeF(sidebarFont.pointSizeF() * 1.15);
    m_sidebar->setFont(sidebarFont);
    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    statusBar()->addWidget(m_status, 1);

    connect(m_samples, &SamplesPage::statusChanged, m_status, &QLabel::setText);
    m_status->setText(m_samples->statusText());
    addPage(tr("Samples"), m_samples);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_sidebar->setCurrentRow(0);
    createMenus();
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
    return m_sidebar->item(index) ? m_sidebar->item(index)->text() : QString();
}

void MainWindow::addPage(const QString &name, QWidget *page)
{
    auto *item = new QListWidgetItem(name, m_sidebar);
    item->setSizeHint(QSize(m_sidebar->width(), 40));
    item->setTextAlignment(Qt::AlignCenter);
    m_pages->addWidget(page);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Save &Screenshot…"), QKeySequence(tr("Ctrl+Shift+S")), this,
                    &MainWindow::saveScreenshotAs);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About ConvScope"), this, &MainWindow::showAbout);
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
    const QImage image = grab().toImage();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace convscope::ui
