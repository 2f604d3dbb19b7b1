#pragma once

#include "core/explorer/colormap.h"
#include "core/ops/pool2d.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSettings;
class QSpinBox;
class QTextBrowser;

namespace convscope {
struct ShiftComparison;
}

namespace convscope::ui {

class ColorBar;
class ConvolutionPage;
class ExplorerHistory;
class ExplorerViews;
class TensorView;

// Pooling on the convolution page's feature maps (or its input): max or average, size, stride,
// padding, the output formula, the winner of every max window, gradient routing, and the
// one-pixel shift that shows how much of the pooled output stays the same.
class PoolingPage : public QWidget
{
    Q_OBJECT

public:
    explicit PoolingPage(ConvolutionPage *convolution, QWidget *parent = nullptr);

    TensorView *inputView() const { return m_inputView; }
    TensorView *outputView() const { return m_outputView; }
    const Tensor *source() const { return m_source.get(); }
    const PoolResult *result() const { return m_valid ? &m_result : nullptr; }
    const Tensor &gradient() const { return m_gradient; }
    QString formulaText() const;
    QString windowText() const;
    QString shiftText() const;
    QString statusText() const { return m_status; }
    // Undo, redo and Reset of this page's pooling settings.
    ExplorerHistory *history() const { return m_history; }

    void setPoolType(PoolType type);
    void setKernel(int size);
    void setStride(int stride); // 0: the kernel size, as PyTorch
    void setPadding(int padding);
    // Pools the Convolution page's input image instead of its feature maps.
    void setUseImage(bool image);
    bool usesImage() const;
    void setShifted(bool shifted);
    // A pooled value under the cursor: its window and, for max, its winner.
    void hoverOutput(int tile, int y, int x);

    void save(QSettings &settings) const;
    void restore(QSettings &settings);

signals:
    void statusChanged(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildControls();
    void sourceChanged();
    void recompute();
    void showSource();
    void markWinners();
    void showOutput(const PoolOptions &options);
    static QString shiftSummary(const ShiftComparison &shift, PoolType type);

    ConvolutionPage *m_convolution;
    QComboBox *m_sourceBox;
    QComboBox *m_typeBox;
    QSpinBox *m_kernel;
    QSpinBox *m_stride;
    QCheckBox *m_strideIsKernel;
    QSpinBox *m_padding;
    QCheckBox *m_gradientBox;
    QPushButton *m_shiftButton;
    QLabel *m_shiftNote;
    ExplorerViews *m_views;
    ExplorerHistory *m_history = nullptr;
    TensorView *m_inputView;
    TensorView *m_outputView;
    ColorBar *m_colorBar;
    QLabel *m_formula;
    QTextBrowser *m_window;
    QLabel *m_inputInfo;
    QLabel *m_outputInfo;

    std::shared_ptr<const Tensor> m_source; // what is pooled (shifted when the shift is on)
    std::shared_ptr<const Tensor> m_unshifted;
    Colormap m_colormap = Colormap::Gray;
    ValueRange m_range;
    PoolResult m_result;
    std::shared_ptr<Tensor> m_output;
    Tensor m_gradient;
    QString m_shiftSummary;
    QString m_status;
    bool m_valid = false;
    bool m_dirty = true;
};

} // namespace convscope::ui
