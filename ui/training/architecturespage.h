#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QScrollArea;
class QSplitter;

namespace convscope::ui {

class LayerBars;
class LayerTree;
class NetworkDiagram;

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
    NetworkDiagram *diagram() const { return m_diagram; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *fieldButton() const { return m_field; }
    // The row of the network's table chosen in the tree or the diagram, or −1.
    int chosenRow() const;

signals:
    // The user asks to train this preset: the Network page takes it.
    void openInNetworkPage(const QString &preset);
    // The user asks to see the receptive field of a row of the preset's table (−1: none chosen).
    void openInReceptiveField(const QString &preset, int row);
    void statusChanged(const QString &text);

private:
    void chosen(int row);
    void connectTreeAndDiagram();
    void balanceLayersView();
    void setTitleFont();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QListWidget *m_list;
    QLabel *m_title;
    QLabel *m_idea;
    QLabel *m_totals;
    LayerTree *m_tree;
    NetworkDiagram *m_diagram;
    QScrollArea *m_diagramArea;
    QSplitter *m_layersView;
    LayerBars *m_bars;
    QPushButton *m_open;
    QPushButton *m_field;
    QStringList m_rowKeys; // the table's rows, as the tree names them
    QLabel *m_openNote;
    QString m_shown;
};

} // namespace convscope::ui
