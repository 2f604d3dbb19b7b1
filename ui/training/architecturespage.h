#pragma once

#include "core/nn/architecture.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QScrollArea;
class QSplitter;

namespace convscope::ui {

class LatestRunner;
class LayerBars;
class LayerTree;
class NetworkDiagram;

// The gallery from LeNet-5 to ResNet-50: each network's layers (blocks collapsible), its
// parameters and multiply-adds per layer, its year and idea, and its MLP counterpart. The ones
// that take the digits open in the Network page to be trained. A model file (.csm, or .onnx from
// PyTorch) joins the list with its own layers.
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
    // Reads a model file off the GUI thread and shows its layers as a new entry of the list;
    // a file that cannot be read leaves the list as it was and says why.
    void openModelFile(const QString &path);
    bool isIdle() const;
    void waitForDone();
    QString noteText() const;

signals:
    // The user asks to train this preset: the Network page takes it.
    void openInNetworkPage(const QString &preset);
    // The user asks to see the receptive field of a row of the preset's table (−1: none chosen).
    void openInReceptiveField(const QString &preset, int row);
    // The user asks to train the model of this file (a digit model): the Training page loads it.
    void openFileInNetworkPage(const QString &path);
    void statusChanged(const QString &text);

private:
    // A model file's network without its weights: what the page draws.
    struct Outline
    {
        Architecture architecture;
        Shape input;
        int classes = 0;
        QString source; // "ONNX, pytorch 1.13.1"
    };

    void chosen(int row);
    // Draws a network's table, diagram and bars; returns its parameter count.
    std::int64_t show(const QString &title, const QString &idea, const Architecture &architecture,
                      const Shape &input, int classes);
    void chosenFile(const QString &path);
    void chooseFile();
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
    LatestRunner *m_reader;
    QMap<QString, Outline> m_files;
};

} // namespace convscope::ui
