#pragma once

#include <QApplication>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStringList>
#include <QTimer>

namespace convscope::test {

// Answers the modal dialogs that a real click opens, as a user would: a file dialog gets the
// next path of the queue (Cancel when there is none), a message box is read and closed with
// its default button. It polls, because the static QFileDialog and QMessageBox functions run
// their own event loops.
class ModalAnswers
{
public:
    explicit ModalAnswers(QStringList paths)
        : m_paths(std::move(paths))
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] { answer(); });
        m_timer.start(20);
    }

    void addPath(const QString &path) { m_paths.append(path); }
    int pathsLeft() const { return int(m_paths.size()); }
    // The text of every message box closed so far, oldest first.
    const QStringList &messages() const { return m_messages; }

private:
    void answer()
    {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *dialog = qobject_cast<QFileDialog *>(modal)) {
            if (m_paths.isEmpty()) {
                dialog->reject();
                return;
            }
            // Typed into the name box, as a user would; QFileDialog's accept checks the path.
            const QString path = m_paths.takeFirst();
            if (auto *name = dialog->findChild<QLineEdit *>("fileNameEdit"))
                name->setText(path);
            else
                dialog->selectFile(path);
            QMetaObject::invokeMethod(dialog, "accept");
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            m_messages.append(box->text());
            if (QPushButton *button = box->defaultButton())
                button->click();
            else
                box->reject();
        }
    }

    QStringList m_paths;
    QStringList m_messages;
    QTimer m_timer;
};

} // namespace convscope::test
