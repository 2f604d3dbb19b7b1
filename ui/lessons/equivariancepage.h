#pragma once

#include "core/lessons/equivariance.h"
#include "core/nn/network.h"
#include "ui/lessons/explorersnapshot.h"
#include "ui/lessons/networksnapshot.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QCustomPlot;
class QFormLayout;
class QLabel;
class QSlider;
class QSpinBox;

namespace convscope::ui {

class FieldCanvas;

// Translation equivariance and invariance with numbers, on a test digit and the first
// convolution of the Training page's network, or on the Convolution page's image and filters:
// conv(shift(x)) beside shift(conv(x)) and their difference (zero inside the border), the same
// after a 2×2 max pooling (equal only for shifts that stay inside the window), and the
// network's probability of the true class as the digit moves up to 6 pixels each way.
class EquivariancePage : public QWidget
{
    Q_OBJECT

public:
    explicit EquivariancePage(QWidget *parent = nullptr);

    void setSnapshotSource(std::function<NetworkSnapshot()> source);
    // Where "explorer" gets the Convolution page's image and filters.
    void setExplorerSource(std::function<ExplorerSnapshot()> source);
    // The Training page's network, weights or data changed: what is shown follows.
    void sessionChanged();
    // The Convolution page's image or filters changed.
    void explorerChanged();
    // "session" (a test digit and the Training page's network) or "explorer"; false otherwise.
    bool setSource(const QString &source);
    QString source() const;
    QString sourceNote() const;
    bool showsCurve() const;
    void setShift(int dy, int dx);
    void setFilter(int index); // 0-based
    void setTestImage(int index);

    const Difference &convolutionDifference() const { return m_difference; }
    const Agreement &pooledAgreement() const { return m_pooled; }
    const std::vector<std::uint8_t> &interior() const { return m_interior; }
    // p(true class) for shifts −6 … 6 to the right, and down.
    const std::vector<double> &acrossCurve() const { return m_across; }
    const std::vector<double> &downCurve() const { return m_down; }
    QString summaryText() const;

    static constexpr int kMaxShift = 6;

signals:
    void statusChanged(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildSettings();
    void fitSettings();
    void rebuild();
    // What is shifted and convolved: x as the filters read it, and the filters.
    struct ShiftCase
    {
        Tensor x;
        Tensor weight;
        std::vector<float> bias;
        ConvOptions options;
    };
    void refresh();
    std::optional<ShiftCase> digitCase(Tensor *unitImage, int *label);
    std::optional<ShiftCase> explorerCase();
    bool showShift(const ShiftCase &shift);
    void clearViews();
    void refreshCurve(const Tensor &unitImage, int label);
    Tensor networkInput(const Tensor &unitImage) const;

    std::function<NetworkSnapshot()> m_snapshots;
    std::function<ExplorerSnapshot()> m_explorer;
    NetworkSnapshot m_snapshot;
    std::unique_ptr<Network> m_network;
    bool m_stale = true;
    Difference m_difference;
    Agreement m_pooled;
    std::vector<std::uint8_t> m_interior;
    std::vector<double> m_across;
    std::vector<double> m_down;

    QWidget *m_settings = nullptr;
    QComboBox *m_source;
    QLabel *m_sourceNote;
    QFormLayout *m_form = nullptr;
    QSpinBox *m_filter;
    QSlider *m_dy;
    QSlider *m_dx;
    QLabel *m_shiftLabel;
    QSpinBox *m_image;
    QLabel *m_imageNote;
    FieldCanvas *m_convOfShift;
    FieldCanvas *m_shiftOfConv;
    FieldCanvas *m_convDifference;
    FieldCanvas *m_pooledBefore;
    FieldCanvas *m_pooledAfter;
    FieldCanvas *m_pooledDifference;
    QLabel *m_summary;
    QCustomPlot *m_plot;
};

} // namespace convscope::ui
