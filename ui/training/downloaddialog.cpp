#include "ui/training/downloaddialog.h"

#include "core/file_io.h"
#include "core/nn/data_download.h"
#include "ui/common/coretext.h"
#include "ui/common/latestrunner.h"
#include "ui/common/style.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace convscope::ui {

namespace {

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

QString title(const std::string &name)
{
    return name == "cifar10" ? QString("CIFAR-10")
           : name == "mnist" ? QString("MNIST")
                             : text(name);
}

std::int64_t totalBytes(const DownloadManifest &manifest)
{
    std::int64_t total = 0;
    for (const PublishedFile &file : manifest.files)
        total += file.bytes;
    return total;
}

} // namespace

DownloadDialog::DownloadDialog(DownloadManifest manifest, std::filesystem::path out,
                               DownloadSettings settings, QWidget *parent)
    : QDialog(parent)
    , m_manifest(std::move(manifest))
    , m_out(std::move(out))
    , m_settings(std::move(settings))
    , m_runner(new LatestRunner(this))
    , m_status(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_retry(new QPushButton(tr("Try again"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Download %1").arg(title(m_manifest.name)));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bar->setRange(0, 1000);
    auto *intro = new QLabel(tr("%1 (%2) into %3. The published checksum of every file is "
                                "checked before the data set is used.")
                                 .arg(title(m_manifest.name))
                                 .arg(text(formatBytes(totalBytes(m_manifest))))
                                 .arg(text(m_out.string())),
                             this);
    intro->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_retry, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancelButton, QDialogButtonBox::RejectRole);
    // Wide enough for a mirror's address on a line; the wrapped lines get their height.
    for (QLabel *label : {intro, m_status})
        label->setMinimumWidth(fontMetrics().averageCharWidth() * 64);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    m_retry->hide();
    connect(m_retry, &QPushButton::clicked, this, &DownloadDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_running)
            cancel();
        else
            reject();
    });
    connect(this, &QDialog::rejected, this, &DownloadDialog::cancel);
}

DownloadDialog::~DownloadDialog()
{
    m_cancel = true;
    m_runner->waitForDone();
}

void DownloadDialog::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancel = false;
    m_retry->hide();
    m_cancelButton->setText(tr("Cancel"));
    m_status->setStyleSheet({});
    m_status->setText(tr("Connecting…"));
    m_bar->setValue(0);
    DownloadSettings settings = m_settings;
    settings.cancel = &m_cancel;
    settings.progress = [this](const DownloadProgress &p) {
        QMetaObject::invokeMethod(
            this, [this, p] { showProgress(p); }, Qt::QueuedConnection);
    };
    const DownloadManifest manifest = m_manifest;
    const std::filesystem::path out = m_out;
    m_runner->submit([this, manifest, out, settings]() -> LatestRunner::Finish {
        const Expected<void> done = downloadDataSet(manifest, out, settings);
        const QString error = done ? QString() : text(done.error().message);
        return [this, error] {
            finish(error);
        };
    });
}

// Wrapped lines need the height they take at the dialog's width, which a layout does not give
// a top-level window by itself.
void DownloadDialog::fitText()
{
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : sizeHint().height();
    if (needed > height())
        resize(width(), needed);
}

void DownloadDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    fitText();
}

void DownloadDialog::cancel()
{
    if (m_running) {
        m_cancel = true;
        m_status->setText(tr("Cancelling…"));
    }
}

void DownloadDialog::showProgress(const DownloadProgress &p)
{
    if (!m_running)
        return;
    std::int64_t before = 0;
    for (int i = 0; i < p.fileIndex && i < int(m_manifest.files.size()); ++i)
        before += m_manifest.files[size_t(i)].bytes;
    const std::int64_t total = std::max<std::int64_t>(totalBytes(m_manifest), 1);
    m_bar->setValue(int(1000 * (before + p.received) / total));
    m_status->setText(tr("%1 (file %2 of %3) from %4: %5 of %6")
                          .arg(text(p.file))
                          .arg(p.fileIndex + 1)
                          .arg(p.fileCount)
                          .arg(text(p.mirror))
                          .arg(text(formatBytes(p.received)))
                          .arg(text(formatBytes(p.total))));
    fitText();
}

void DownloadDialog::finish(const QString &error)
{
    m_running = false;
    if (error.isEmpty()) {
        m_bar->setValue(1000);
        m_status->setText(tr("Done: %1 is ready.").arg(text(m_out.string())));
        emit downloaded(text(downloadedName(m_manifest.name)));
        accept();
        return;
    }
    m_status->setText(capitalised(error));
    m_status->setStyleSheet(m_cancel ? QString() : style::errorTextStyle());
    m_retry->setText(m_cancel ? tr("Resume") : tr("Try again"));
    m_retry->show();
    m_cancelButton->setText(tr("Close"));
    fitText();
}

QString DownloadDialog::statusText() const
{
    return m_status->text();
}

int DownloadDialog::percent() const
{
    return m_bar->value() / 10;
}

} // namespace convscope::ui
