#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace convscope::ui {

class LayerBars;
class LayerTree;

// The gallery from LeNet-5 to ResNet-50: each network's layers (blocks collapsible), its
// parameters and multiply-adds per layer, its year and idea, and its MLP counterpart. The ones
// that take the digits open in the Network page to be trained.
class ArchitecturesPage : public QWidget
{
    Q_OBJECT

public:
    explicit ArchitecturesPage(QWidget *parent = nullptr);

    // Shows the network of a preset name; false for a name not in the gallery.
    bool showNetwork(const QString &preset);
    QString shownNetwork() const { return m_shown; }
    QString ideaText() const;
    QString totalsText() const;
    LayerTree *tree() const { return m_tree; }
    LayerBars *bars() const { return m_bars; }
    QPushButton *openButton() const { return m_open; }

signals:
    // The user asks to train this preset: the Network page takes it.
    void openInNetworkPage(const QString &preset);
    void statusChanged(const QString &text);

private:
    void chosen(int row);

    QListWidget *m_list;
    QLabel *m_title;
    QLabel *m_idea;
    QLabel *m_totals;
    LayerTree *m_tree;
    LayerBars *m_bars;
    QPushButton *m_open;
    QLabel *m_openNote;
    QString m_shown;
};

} // namespace convscope::ui
