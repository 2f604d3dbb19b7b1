#pragma once

#include "ui/common/featureexport.h"
#include "ui/lessons/inspectwork.h"

#include <QList>
#include <QPair>
#include <QWidget>

#include <memory>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace convscope::ui {

class CameraBar;
class ColorBar;
class FieldCanvas;
class LatestRunner;
class TensorView;

// Any model on any picture, what the Deep Visualization Toolbox shows offline: the picture as
// the network sees it, the five most probable classes with their labels, the time of the
// forward pass, every layer's maps (one clicked enlarged with its value scale), and the first
// layer's filters, colour ones as RGB tiles. Models are read and run off the GUI thread.
class InspectPage : public QWidget
{
    Q_OBJECT

public:
    explicit InspectPage(QWidget *parent = nullptr);
    ~InspectPage() override;

    // The pictures offered beside "Open picture…": (title, resource or file).
    void setSamples(const QList<QPair<QString, QString>> &samples);
    // A .csm or .onnx file; what it shows comes when it is read. The recipe and labels go back
    // to the model's own (or those remembered for the file).
    void openModel(const QString &path);
    // An image or an .npy of one picture (a resource path too); false with the reason shown.
    bool openPicture(const QString &path);
    // The recipe's text ("crop resize 256 …"); empty for the model's own. False when it does not
    // parse, the reason shown.
    bool setRecipe(const QString &text);
    QString recipeText() const;
    bool loadLabels(const QString &path);
    // Saves the model with the recipe and labels in use (.csm, or .onnx for an export).
    bool saveModel(const QString &path);
    void selectLayer(int row);
    int selectedLayer() const { return m_layer; }
    void selectChannel(int channel);
    int selectedChannel() const { return m_channel; }

    bool isIdle() const;
    void waitForDone();
    // What is shown now, for tests: the outcome of the last run, or null.
    const InspectOutcome *outcome() const { return m_outcome.get(); }
    QString messageText() const;
    QString timeText() const;
    QStringList topTexts() const;
    TensorView *mapsView() const { return m_maps; }
    TensorView *channelView() const { return m_channelView; }
    CameraBar *camera() const { return m_camera; }
    TensorView *filtersView() const { return m_filters; }
    QListWidget *layerList() const { return m_layers; }
    QTabWidget *tabs() const { return m_tabs; }
    // Writes the chosen layer's maps (all channels, or one) or the first filters as PNG or .npy.
    QString exportMaps(const QString &path, int channel = -1);
    QString exportFilters(const QString &path);
    // The picture as the network sees it (in RGB): a PNG enlarged to about 224 pixels, or an
    // .npy (C, H, W) of its values in [0, 1].
    QString exportInput(const QString &path);
    // "chelsea_resnet18_relu17": how exports are named, as the Convolution page names its.
    QString exportStem(const QString &what) const;

signals:
    void statusChanged(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showFrame(const QImage &frame);
    QWidget *buildSources();
    QWidget *buildSide();
    QWidget *buildViews();
    void submit();
    void showOutcome(std::shared_ptr<InspectOutcome> outcome);
    void showSources();
    void showLayerList(bool sameModel);
    void showInput();
    void showLayer();
    void showChannel();
    void showFilters();
    void showTop();
    void setMessage(const QString &text, bool error);
    void describeValue(TensorView *view, int tile, int channel, int y, int x);
    void chooseModel();
    void choosePicture();
    void chooseLabels();
    void chooseSave();
    void exportMapsDialog();
    void exportFiltersDialog();
    void exportInputDialog();
    // The fitted picture in RGB order, whatever order the model reads.
    Tensor displayedInput() const;
    void rememberRecipe();
    // The chosen layer's maps as the grid shows them, for an export.
    FeatureMaps layerMaps() const;

    std::unique_ptr<InspectWorker> m_worker;
    LatestRunner *m_runner;
    QString m_modelPath;
    std::shared_ptr<const Tensor> m_picture;
    QString m_pictureName;
    std::optional<std::string> m_recipe;
    std::optional<std::vector<std::string>> m_labels;
    std::shared_ptr<InspectOutcome> m_outcome;
    int m_layer = -1;
    int m_channel = 0;
    QString m_folder;

    QLabel *m_modelName;
    QComboBox *m_pictures;
    CameraBar *m_camera;
    QLineEdit *m_recipeEdit;
    QComboBox *m_recipePreset;
    QLabel *m_message;
    QProgressBar *m_busy;
    FieldCanvas *m_input;
    QLabel *m_inputCaption;
    QPushButton *m_exportInput;
    QGridLayout *m_topGrid;
    QList<QLabel *> m_topNames;
    QList<QProgressBar *> m_topBars;
    QLabel *m_time;
    QListWidget *m_layers;
    QTabWidget *m_tabs;
    TensorView *m_maps;
    QLabel *m_mapsCaption;
    TensorView *m_channelView;
    ColorBar *m_channelBar;
    QLabel *m_channelCaption;
    TensorView *m_filters;
    QLabel *m_filtersCaption;
    QPushButton *m_exportMaps;
    QPushButton *m_exportFilters;
    QPushButton *m_save;
};

} // namespace convscope::ui
