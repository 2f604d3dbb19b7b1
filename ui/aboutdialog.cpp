#include "ui/aboutdialog.h"

#include "core/versions.h"

#include <qcustomplot.h>

#include <QDialogButtonBox>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace convscope::ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About ConvScope"));
    auto *title = new QLabel(tr("<h2>ConvScope %1</h2><p>A desktop lab for seeing how "
                                "convolutional neural networks work.</p>")
                                 .arg(QCoreApplication::applicationVersion()),
                             this);
    auto *components = new QTextBrowser(this);
    components->setHtml(componentsHtml());
    components->setOpenExternalLinks(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(components, 1);
    layout->addWidget(buttons);
    resize(560, 440);
}

QString AboutDialog::componentsHtml()
{
    const QString row = "<tr><td><b>%1</b> %2</td><td>%3</td></tr>";
    return tr("<p>ConvScope is free software: you can redistribute it and/or modify it under "
              "the terms of the GNU General Public License, version 3 or (at your option) any "
              "later version.</p>")
           + "<table cellpadding='4'>"
           + row.arg("ConvScope", QCoreApplication::applicationVersion(), "GPL-3.0-or-later")
           + row.arg("Qt", qVersion(), "LGPL-3.0")
           + row.arg("QCustomPlot", QCUSTOMPLOT_VERSION_STR, "GPL-3.0")
           + row.arg("OpenCV", QString::fromStdString(openCvVersion()), "Apache-2.0")
           + row.arg("Eigen", QString::fromStdString(eigenVersion()), "MPL-2.0")
           + row.arg("zlib", QString::fromStdString(zlibVersion()), "zlib")
           + row.arg(tr("Sample photographs"), "",
                     tr("public domain and CC0 (scikit-image's data; see LICENSES.md)"))
           + "</table>";
}

} // namespace convscope::ui
