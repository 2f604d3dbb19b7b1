#pragma once

#include "core/io/download.h"

#include <QDialog>

#include <atomic>
#include <filesystem>

class QLabel;
class QProgressBar;
class QPushButton;

namespace convscope::ui {

class LatestRunner;

// Fetches a published data set (the full MNIST, CIFAR-10) off the GUI thread into the folder
// where loadDataSet finds it, with the file, the mirror and a progress bar, and Cancel. Closing
// the dialog cancels too; what arrived is kept for the next attempt, and no half data set is
// ever put in place (core/nn/data_download.h).
class DownloadDialog : public QDialog
{
    Q_OBJECT

public:
    DownloadDialog(DownloadManifest manifest, std::filesystem::path out,
                   DownloadSettings settings = {}, QWidget *parent = nullptr);
    ~DownloadDialog() override; // cancels and waits for the worker

    // Starts (or starts again after a failure); the dialog shows what happens.
    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    QString statusText() const;
    int percent() const;

protected:
    void showEvent(QShowEvent *event) override;

signals:
    // The data set is in place, under the name loadDataSet knows ("mnist-full", "cifar10").
    void downloaded(const QString &name);

private:
    void showProgress(const DownloadProgress &progress);
    void finish(const QString &error);
    void fitText();

    DownloadManifest m_manifest;
    std::filesystem::path m_out;
    DownloadSettings m_settings;
    std::atomic<bool> m_cancel{false};
    bool m_running = false;
    LatestRunner *m_runner;
    QLabel *m_status;
    QProgressBar *m_bar;
    QPushButton *m_retry;
    QPushButton *m_cancelButton;
};

} // namespace convscope::ui
