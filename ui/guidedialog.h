#pragma once

#include <QDialog>

class QListWidget;
class QTextBrowser;

namespace convscope::ui {

// Help ▸ Guide: a short page per concept of the course (convolution, output size, channels,
// pooling, networks, training, reading the views, the classroom keys), each saying where in
// the window to try it. The pages are HTML compiled in (resources/guide/).
class GuideDialog : public QDialog
{
    Q_OBJECT

public:
    explicit GuideDialog(QWidget *parent = nullptr);

    int pageCount() const;
    QString pageTitle(int index) const;
    void showPage(int index);
    QString shownText() const;

    // The guide's pages in order, as resource paths.
    static QStringList pagePaths();

private:
    QListWidget *m_pages;
    QTextBrowser *m_text;
};

} // namespace convscope::ui
