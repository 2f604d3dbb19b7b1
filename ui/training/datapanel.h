#pragma once

#include "core/io/download.h"
#include "ui/training/trainingsession.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSettings;

namespace convscope::ui {

class LatestRunner;

// The data half of the Network page: the data set (the prepared MNIST digits, Fashion-MNIST or
// a folder of IDX files), loaded off the GUI thread into the session, with a grid of its test
// images and the same images as augmentation shows them to the network.
class DataPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DataPanel(TrainingSession *session, QWidget *parent = nullptr);

    // "mnist", "fashion", "mnist-full", "cifar10" or a folder (a folder of pictures made with
    // the options, or the last ones); loaded off the GUI thread, and the network starts afresh
    // on it or keeps its weights.
    void loadData(const QString &nameOrFolder,
                  TrainingSession::DataChange change = TrainingSession::DataChange::Restart,
                  std::optional<FolderOptions> options = std::nullopt);
    // Where downloads come from: the published mirrors unless a test says otherwise.
    void setDownloadSettings(const DownloadSettings &settings) { m_downloadSettings = settings; }
    // The last data set that loaded ("mnist" before any): what the next start loads.
    QString dataSource() const { return m_dataSource; }
    bool isIdle() const;
    // What is loaded, or why nothing is.
    QString dataText() const;
    // The line under the data set box: what is loaded, or why the last choice could not be.
    QString infoText() const;
    // MNIST, Fashion-MNIST, the downloads or a folder chosen in a dialog.
    QComboBox *sourceBox() const { return m_dataBox; }
    QPushButton *classesButton() const { return m_classes; }

    void save(QSettings &settings) const;
    void restore(QSettings &settings);

signals:
    void dataLoaded();

private:
    // The choices of the data set box, kept as its items' data.
    enum class Source { Mnist, Fashion, MnistFull, Cifar, Folder };

    void sourceChosen(int index);
    // What the user wants done with trained or loaded weights when the data set changes:
    // nothing to lose gives Restart; Cancel gives no change.
    std::optional<TrainingSession::DataChange> askAboutWeights();
    void loaded(const QString &name);
    void showLoadedSource(); // the box shows the data set that is loaded
    std::optional<FolderOptions> askFolderOptions(const QString &folder);
    void offerDownload(const QString &name, TrainingSession::DataChange change);
    static Source sourceOf(const QString &name);
    void showSamples();

    TrainingSession *m_session;
    QComboBox *m_dataBox;
    QLabel *m_dataInfo;
    QLabel *m_samples;
    QCheckBox *m_augment;
    QLabel *m_augmented;
    QLabel *m_samplesTitle;
    QPushButton *m_classes;
    LatestRunner *m_loader;
    QString m_dataError; // why the last data set could not be loaded
    QString m_dataSource = "mnist";
    FolderOptions m_folderOptions;
    DownloadSettings m_downloadSettings;
};

} // namespace convscope::ui
