#pragma once

#include "core/explorer/colormap.h"
#include "core/explorer/conv_explorer.h"
#include "ui/common/featureexport.h"
#include "ui/common/latestrunner.h"
#include "ui/explorer/convresult.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QScrollArea;
class QSettings;
class QTextBrowser;

namespace convscope::ui {

class ColorBar;
class ConvKnobs;
class ExplorerHistory;
class ExplorerViews;
class InputPicker;
class KernelEditor;
class StepBar;
class TensorView;

// The convolution explorer: an input, a bank of filters and the knobs on the left; the input
// and the feature maps with linked hover in the middle; the formula, the dot product under the
// cursor and step mode below. Every update is computed off the GUI thread (newest only).
class ConvolutionPage : public QWidget
{
    Q_OBJECT

public:
    explicit ConvolutionPage(QWidget *parent = nullptr);
    ~ConvolutionPage() override;

    InputPicker *inputPicker() const { return m_picker; }
    KernelEditor *kernelEditor() const { return m_kernel; }
    ConvKnobs *knobs() const { return m_knobs; }
    TensorView *inputView() const { return m_inputView; }
    TensorView *outputView() const { return m_outputView; }
    StepBar *stepBar() const { return m_stepBar; }
    // Undo, redo and the groups' resets of this page's settings.
    ExplorerHistory *history() const { return m_history; }

    // Opens a file or a sample (":/samples/…"); a failure keeps what is shown and says why.
    void openImage(const QString &path);
    // Asks for a file in the Open dialog and opens it; false when the user cancels.
    bool chooseImage();
    void setColormap(Colormap colormap);
    void setValueScale(ValueScale scale);
    Colormap colormap() const { return m_colormap; }
    ValueScale valueScale() const { return m_scale; }

    bool isIdle() const;
    std::shared_ptr<const ConvResult> result() const { return m_result; }
    const Tensor *input() const { return m_input.get(); }
    QString formulaText() const;
    QString dotProductText() const;
    // The dot product shown for the output value under the cursor (or the last stepped one).
    const DotProduct &shownDotProduct() const { return m_dotProduct; }
    QString messageText() const;
    QString statusText() const { return m_status; }
    const Tensor &steppedOutput() const { return m_stepped; }
    // The feature maps shown now, for export; empty before the first result.
    FeatureMaps featureMaps() const;

    void hoverOutput(int channel, int y, int x);
    void hoverInput(int tile, int y, int x);

    void save(QSettings &settings) const;
    void restore(QSettings &settings);

signals:
    void statusChanged(const QString &text);
    void outputChanged(); // a new result, or the last one greyed out
    void idle();

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildControls();
    void fitControls();
    QWidget *buildViews();
    void reload();
    void applySize();
    void recompute();
    void showResult(std::shared_ptr<const ConvResult> result);
    void showInput();
    void showError(const QString &text);
    void clearHover();
    void stepAdvance(qint64 from, qint64 to);
    void stepStopped();
    void updateStatus();
    ConvSetup currentSetup() const;

    LatestRunner m_runner;
    LatestRunner m_loader;
    InputPicker *m_picker;
    KernelEditor *m_kernel;
    ConvKnobs *m_knobs;
    ExplorerViews *m_views;
    TensorView *m_inputView;
    TensorView *m_outputView;
    ColorBar *m_colorBar;
    QLabel *m_inputInfo;
    QLabel *m_outputInfo;
    QLabel *m_cursorValue;
    QLabel *m_message;
    QLabel *m_formula;
    QTextBrowser *m_dot;
    QComboBox *m_colormapBox;
    QComboBox *m_scaleBox;
    StepBar *m_stepBar;
    ExplorerHistory *m_history = nullptr;
    QScrollArea *m_controls = nullptr;

    std::shared_ptr<const Tensor> m_full;  // the source at its colour mode
    std::shared_ptr<const Tensor> m_input; // fitted to the teaching size
    QString m_shownSource;                 // the picker's source of m_full
    QString m_name;
    QString m_note;
    std::shared_ptr<const ConvResult> m_result;
    Colormap m_colormap = Colormap::Diverging;
    ValueScale m_scale = ValueScale::MinMax;
    Tensor m_stepped;
    DotProduct m_dotProduct;
    QString m_status;
    bool m_valid = false;
    bool m_loading = false;
};

} // namespace convscope::ui
