#pragma once

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace convscope::ui {

class SamplesPage;

// Assembles the pages, the menus and the status bar; the pages do the work.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    int pageCount() const;
    QString pageName(int index) const;
    SamplesPage *samplesPage() const { return m_samples; }
    QString statusText() const;

    // Renders the window as it is now into a PNG, written atomically.
    bool saveScreenshot(const QString &path, QString *error);

private:
    void addPage(const QString &name, QWidget *page);
    void createMenus();
    void showAbout();
    void saveScreenshotAs();

    QListWidget *m_sidebar;
    QStackedWidget *m_pages;
    QLabel *m_status;
    SamplesPage *m_samples;
};

} // namespace convscope::ui
