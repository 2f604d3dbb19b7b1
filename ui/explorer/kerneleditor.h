#pragma once

#include "core/explorer/conv_explorer.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QSettings;
class QSpinBox;
class QTableWidget;

namespace convscope::ui {

// A bank of filters to edit: presets, any K×K from 1×1 to 15×15, a numeric grid coloured by
// sign, randomise, normalise, flip, per-channel sub-filters for colour input, depthwise, bias,
// and the parameter count K·K·C_in·C_out + C_out.
class KernelEditor : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxSize = 15;
    static constexpr int kMaxFilters = 8;
    // The largest weight a cell takes, and the largest bias.
    static constexpr float kMaxWeight = 1e6f;
    static constexpr float kMaxBias = 100.0f;

    explicit KernelEditor(QWidget *parent = nullptr);

    FilterSet filters() const;
    bool flip() const;
    bool depthwise() const;
    int kernelSize() const { return m_size; }

    void setInputChannels(int channels);
    void setKernelSize(int size);
    void setFilterCount(int count);
    void applyPreset(const QString &name);
    // Sets one weight of the selected filter (every sub-filter when "all channels" is chosen).
    void setWeight(int ky, int kx, float value);
    void randomise();
    void normalise();

    void save(QSettings &settings) const;
    void restore(const QSettings &settings);

signals:
    void changed();

private:
    void buildLayout();
    Tensor presetKernel(const QString &name, int size, QString *error) const;
    void placeKernel(int filter, const Tensor &kernel, const QString &name);
    void resizeBank(int size);
    void refreshGrid();
    void refreshSummary();
    void cellEdited(int row, int column);
    QList<int> editedChannels() const;

    QComboBox *m_preset;
    QSpinBox *m_sizeSpin;
    QSpinBox *m_countSpin;
    QComboBox *m_filterCombo;
    QComboBox *m_channelCombo;
    QFormLayout *m_form = nullptr;
    QTableWidget *m_grid;
    QDoubleSpinBox *m_bias;
    QCheckBox *m_flip;
    QCheckBox *m_depthwise;
    QLabel *m_parameters;
    QLabel *m_message;

    Tensor m_weights; // F×C×K×K
    std::vector<float> m_biases;
    QStringList m_names;
    int m_size = 3;
    int m_channels = 1;
    int m_filter = 0;
    bool m_refreshing = false;
};

} // namespace convscope::ui
