#pragma once

#include "core/nn/architecture.h"
#include "core/nn/digit_input.h"
#include "core/nn/network.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSettings;
class QTableWidget;

namespace convscope::ui {

class DataPanel;
class TrainingSession;

// The network and the data: a preset or a table of layers (add, remove, reorder; each row's
// knobs in the spec's words) whose every row shows its output shape, parameters,
// multiply-adds and receptive field through core/ops/geometry, a bad row flagged with the
// reason; the totals beside those of its MLP counterpart. The figures can be worked out for
// another input shape than the data's, as a what-if; training always takes the data's.
// Below, the data panel.
class NetworkPage : public QWidget
{
    Q_OBJECT

public:
    explicit NetworkPage(TrainingSession *session, QWidget *parent = nullptr);

    // A preset's name (lenet5, tiny, mlp) or a spec; false when the text cannot be parsed.
    bool setSpec(const QString &spec);
    QString specText() const;
    // Why the network cannot be trained, or empty.
    QString problem() const { return m_problem; }
    QTableWidget *table() const { return m_table; }
    QString totalsText() const;
    // The input the figures are worked out for: the data's 1×28×28 unless a what-if shape is
    // given ("3x32x32"); false, and nothing changed, for a text that is not C×H×W.
    bool setInputShape(const QString &text);
    Shape inputShape() const { return m_input; }
    QString problemText() const;

    DataPanel *dataPanel() const { return m_data; }

    // The network and the data set; augmentation follows the data set, as on every load.
    void save(QSettings &settings) const;
    void restore(QSettings &settings);

signals:
    void problemChanged(const QString &problem);
    // Load model…: the Training page asks for the file and loads it into the session.
    void loadModelAsked();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildNetworkBox();
    void addRow(int at, const QString &kind, const QString &settings);
    QString layerText(int row) const; // the row in the spec's words: "conv 6 5x5 pad 2"
    void addLayer();
    void removeLayer();
    void moveLayer(int by);
    void presetChosen(int index);
    void dataChanged();
    void specEdited();
    void inputEdited();
    void fitToFont();
    void showProblem(const QString &text);
    void tableEdited();
    void refresh();
    bool keepsTraining();
    QString totalsHtml(const Architecture &architecture, const ArchitectureTable &table,
                       const Shape &input) const;

    TrainingSession *m_session;
    QComboBox *m_preset;
    QTableWidget *m_table;
    QLineEdit *m_spec;
    QLineEdit *m_inputField;
    Shape m_input;
    Shape m_dataShape = kDigitShape; // the data set's images, which the figures follow
    QGroupBox *m_box = nullptr;
    QLabel *m_totals;
    QLabel *m_problemLabel;
    DataPanel *m_data;
    QString m_problem;
    bool m_updating = false;
    bool m_applying = false; // handing the table's network to the session
};

} // namespace convscope::ui
