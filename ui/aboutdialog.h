#pragma once

#include <QDialog>

namespace convscope::ui {

// What ConvScope is, and every component it is built from with its license.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    static QString componentsHtml();
};

} // namespace convscope::ui
