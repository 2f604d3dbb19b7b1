#include "ui/guidedialog.h"

#include "ui/common/language.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QListWidget>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace convscope::ui {

namespace {

QString readPage(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The page's <h2>, which the list shows.
QString titleOf(const QString &html)
{
    const QRegularExpressionMatch match = QRegularExpression("<h2>(.*?)</h2>").match(html);
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace

QStringList GuideDialog::pagePaths()
{
    QStringList paths;
    // The guide is written for each language; a language without its own falls back to English.
    const QDir translated(QString(":/guide/%1").arg(currentLanguage()));
    const QDir folder = translated.exists() ? translated : QDir(":/guide");
    for (const QString &name : folder.entryList({"*.html"}, QDir::Files, QDir::Name))
        paths.append(folder.filePath(name));
    return paths;
}

GuideDialog::GuideDialog(QWidget *parent)
    : QDialog(parent)
    , m_pages(new QListWidget(this))
    , m_text(new QTextBrowser(this))
{
    setWindowTitle(tr("ConvScope Guide"));
    for (const QString &path : pagePaths()) {
        auto *item = new QListWidgetItem(titleOf(readPage(path)), m_pages);
        item->setData(Qt::UserRole, path);
    }
    m_pages->setMaximumWidth(m_pages->sizeHintForColumn(0) + 24);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *body = new QHBoxLayout;
    body->addWidget(m_pages);
    body->addWidget(m_text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(buttons);
    connect(m_pages, &QListWidget::currentRowChanged, this, &GuideDialog::showPage);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(760, 520);
    m_pages->setCurrentRow(0);
}

int GuideDialog::pageCount() const
{
    return m_pages->count();
}

QString GuideDialog::pageTitle(int index) const
{
    return m_pages->item(index) ? m_pages->item(index)->text() : QString();
}

void GuideDialog::showPage(int index)
{
    if (!m_pages->item(index))
        return;
    if (m_pages->currentRow() != index)
        m_pages->setCurrentRow(index); // comes back here through currentRowChanged
    m_text->setHtml(readPage(m_pages->item(index)->data(Qt::UserRole).toString()));
}

QString GuideDialog::shownText() const
{
    return m_text->toPlainText();
}

} // namespace convscope::ui
