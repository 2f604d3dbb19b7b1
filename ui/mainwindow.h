#pragma once

#include <QMainWindow>

class QAction;
class QActionGroup;
class QLabel;
class QListWidget;
class QSettings;
class QStackedWidget;

namespace convscope::ui {

class ArchitecturesPage;
class EquivariancePage;
class InspectPage;
class QuizPage;
class ReceptiveFieldPage;
class ConvolutionPage;
class ExplorerHistory;
class LiveLabel;
class NetworkPage;
class PoolingPage;
class SamplesPage;
class TrainingPage;
class TrainingSession;

// Assembles the pages, the menus and the status bar; the pages do the work.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    int pageCount() const;
    QString pageName(int index) const;
    // "convolution", "pooling", "network", "training" or "samples"; false for another name.
    bool showPage(const QString &key);
    QString currentPageKey() const;
    ConvolutionPage *convolutionPage() const { return m_convolution; }
    PoolingPage *poolingPage() const { return m_pooling; }
    SamplesPage *samplesPage() const { return m_samples; }
    NetworkPage *networkPage() const { return m_network; }
    TrainingPage *trainingPage() const { return m_training; }
    ArchitecturesPage *architecturesPage() const { return m_architectures; }
    QuizPage *quizPage() const { return m_quiz; }
    ReceptiveFieldPage *receptiveFieldPage() const { return m_receptiveField; }
    EquivariancePage *equivariancePage() const { return m_equivariance; }
    InspectPage *inspectPage() const { return m_inspect; }
    TrainingSession *session() const { return m_session; }
    QString statusText() const;
    // True once the pages have drawn their first complete state (nothing is being computed).
    bool isSettled() const;

    void setPresentationMode(bool on);
    void setDarkTheme(bool on);
    bool presentationMode() const;
    // F11: the sidebar and the settings columns hidden, the views on the whole window.
    void setFocusView(bool on);
    bool focusView() const;

    // Settings (last image, knobs, window geometry) are read and written only when asked, so
    // that tests and --screenshot start from the defaults and leave the user's alone.
    void restoreSettings(QSettings &settings);
    void saveSettings(QSettings &settings) const;
    void setPersistent(bool persistent) { m_persistent = persistent; }

    // Renders the window as it is now into a PNG, written atomically.
    bool saveScreenshot(const QString &path, QString *error);
    void copyFeatureMaps();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void addPage(const QString &key, const QString &name, QWidget *page);
    void connectLessons();
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createGoMenu();
    void applyLook();
    QWidget *currentPage() const; // the page itself, inside its scroll area
    ExplorerHistory *currentHistory() const;
    void showAbout();
    void saveScreenshotAs();
    void openImage();
    void exportMaps();
    void zoom(int direction);
    void setStatus(QWidget *page, const QString &text);

    QListWidget *m_sidebar;
    QStackedWidget *m_pages;
    LiveLabel *m_status;
    ConvolutionPage *m_convolution;
    PoolingPage *m_pooling;
    SamplesPage *m_samples;
    TrainingSession *m_session;
    NetworkPage *m_network;
    TrainingPage *m_training;
    ArchitecturesPage *m_architectures;
    QuizPage *m_quiz;
    ReceptiveFieldPage *m_receptiveField;
    EquivariancePage *m_equivariance;
    InspectPage *m_inspect;
    QStringList m_keys;
    QAction *m_presentation = nullptr;
    QAction *m_dark = nullptr;
    QAction *m_focus = nullptr;
    QActionGroup *m_colormaps = nullptr;
    QActionGroup *m_scales = nullptr;
    QFont m_baseFont;
    QPalette m_basePalette;
    QString m_baseStyle;
    QString m_exportFolder;
    bool m_persistent = false;
};

} // namespace convscope::ui
