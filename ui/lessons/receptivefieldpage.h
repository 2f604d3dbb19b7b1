#pragma once

#include "core/lessons/receptive_field.h"
#include "ui/lessons/networksnapshot.h"

#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;

namespace convscope::ui {

class FieldCanvas;
class LatestRunner;

// The lecture's receptive field, for any unit of any layer: the theoretical field drawn on the
// input (the geometry's, as summary gives it), the effective field (the unit's gradient on
// every input pixel) beside it, the unit in its feature map, and the field's growth layer by
// layer with the rule written with the network's numbers. The network is the Training page's,
// a preset of any input shape, or a stack the student writes on the page.
class ReceptiveFieldPage : public QWidget
{
    Q_OBJECT

public:
    explicit ReceptiveFieldPage(QWidget *parent = nullptr);
    ~ReceptiveFieldPage() override;

    // Where "session" gets the Training page's network; without it only presets are offered.
    void setSnapshotSource(std::function<NetworkSnapshot()> source);
    // The Training page's network, weights or data changed: what is shown follows.
    void sessionChanged();
    // "session" (the Training page's network and its weights now), a preset with random
    // weights, or "stack" (the own stack); false for another name.
    bool setNetwork(const QString &source);
    QString networkSource() const;
    // The own stack's layers (the spec's grammar) and input C×H×W; shown when it is the source.
    void setStack(const QString &spec, const QString &input);
    // Why the own stack does not build, or empty.
    QString stackError() const;
    // What the network is built from, and what was left out of it.
    QString networkNote() const;
    // The row of the network's table and the unit in its output (0-based); clamped.
    void setUnit(const Unit &unit);
    Unit unit() const { return m_unit; }
    // A source and a row of its table (−1: the page's choice), the unit in the middle of the
    // row's maps: what the Architectures page asks for.
    bool showRow(const QString &source, int row);
    void setTestImage(int index);
    // Empty while a large network's gradient is being worked out off the GUI thread.
    const Tensor &effective() const { return m_effective; }
    // Blocks until the effective field is shown (tests).
    void waitForField();
    bool isIdle() const;
    FieldRect theoretical() const { return m_theoretical; }
    QString summaryText() const;
    QTableWidget *steps() const { return m_steps; }
    FieldCanvas *mapCanvas() const { return m_map; }
    FieldCanvas *inputCanvas() const { return m_input; }
    FieldCanvas *fieldCanvas() const { return m_field; }

signals:
    void statusChanged(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Work
    {
        Tensor effective;
        Tensor plane; // the unit's channel of its row's output
    };

    QWidget *buildSettings();
    void fitSettings();
    void rebuildNetwork();
    void fillLayers(bool sameSource);
    void refresh();
    void showWork(const Work &work);
    void showMap(const QImage &map);
    void showSteps();
    int margin() const;
    Tensor networkInput(Tensor *picture) const;
    static Work workOut(Network &network, const Tensor &input, const Unit &unit);

    std::function<NetworkSnapshot()> m_snapshots;
    NetworkSnapshot m_snapshot;
    std::shared_ptr<Network> m_network; // a job off the GUI thread may hold it too
    bool m_digits = true;
    QString m_shownSource;
    Unit m_unit;
    Tensor m_effective;
    FieldRect m_theoretical;
    int m_generation = 0; // of the unit shown; a job of an older one is dropped
    bool m_stale = true;  // the session changed while the page was hidden
    LatestRunner *m_runner;

    QWidget *m_settings = nullptr;
    QComboBox *m_source;
    QFormLayout *m_form = nullptr;
    QFormLayout *m_unitForm = nullptr;
    QPlainTextEdit *m_stackSpec;
    QLineEdit *m_stackInput;
    QLabel *m_stackError;
    QLabel *m_networkNote;
    QComboBox *m_layer;
    QSpinBox *m_channel;
    QSpinBox *m_row;
    QSpinBox *m_column;
    QSpinBox *m_image;
    QLabel *m_imageNote;
    FieldCanvas *m_input;
    FieldCanvas *m_field;
    FieldCanvas *m_map;
    QLabel *m_mapTitle;
    QLabel *m_summary;
    QTableWidget *m_steps;
};

} // namespace convscope::ui
