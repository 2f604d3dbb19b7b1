#pragma once

#include "core/lessons/receptive_field.h"
#include "ui/lessons/networksnapshot.h"

#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace convscope::ui {

class FieldCanvas;

// The lecture's receptive field, for any unit of any layer: the theoretical field drawn on the
// input (the geometry's, as summary gives it), the effective field (the unit's gradient on
// every input pixel) beside it, the unit in its feature map, and the field's growth layer by
// layer with the rule written with the network's numbers.
class ReceptiveFieldPage : public QWidget
{
    Q_OBJECT

public:
    explicit ReceptiveFieldPage(QWidget *parent = nullptr);

    // Where "session" gets the Training page's network; without it only presets are offered.
    void setSnapshotSource(std::function<NetworkSnapshot()> source);
    // The Training page's network, weights or data changed: what is shown follows.
    void sessionChanged();
    // "session" (the Training page's network and its weights now) or a digit preset with
    // random weights; false for another name.
    bool setNetwork(const QString &source);
    QString networkSource() const;
    // The row of the network's table and the unit in its output (0-based); clamped.
    void setUnit(const Unit &unit);
    Unit unit() const { return m_unit; }
    void setTestImage(int index);
    const Tensor &effective() const { return m_effective; }
    FieldRect theoretical() const { return m_theoretical; }
    QString summaryText() const;
    QTableWidget *steps() const { return m_steps; }
    FieldCanvas *mapCanvas() const { return m_map; }
    FieldCanvas *inputCanvas() const { return m_input; }

signals:
    void statusChanged(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildSettings();
    void fitSettings();
    void rebuildNetwork();
    void fillLayers();
    void refresh();
    void showSteps();
    Tensor inputImage(Tensor *unitImage) const;

    std::function<NetworkSnapshot()> m_snapshots;
    NetworkSnapshot m_snapshot;
    std::unique_ptr<Network> m_network;
    Unit m_unit;
    Tensor m_effective;
    FieldRect m_theoretical;
    bool m_stale = true; // the session changed while the page was hidden

    QWidget *m_settings = nullptr;
    QComboBox *m_source;
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
