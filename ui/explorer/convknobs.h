#pragma once

#include "core/ops/activation.h"
#include "core/ops/conv2d.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QSettings;
class QSpinBox;

namespace convscope::ui {

// The knobs of a convolution besides its filters: stride and dilation per axis (linked by
// default), padding by mode or per side, what the padding holds, and an activation.
class ConvKnobs : public QWidget
{
    Q_OBJECT

public:
    explicit ConvKnobs(QWidget *parent = nullptr);

    ConvOptions options() const;
    Activation activation() const;

    void setStride(int strideH, int strideW);
    void setDilation(int dilationH, int dilationW);
    void setPadding(const PaddingSpec &padding);
    void setPadMode(PadMode mode);

    void save(QSettings &settings) const;
    void restore(const QSettings &settings);

signals:
    void changed();

private:
    QSpinBox *addSpin(int low, int high, const QString &tip);
    void linkPair(QSpinBox *first, QSpinBox *second, QCheckBox *link);
    void updatePaddingEnabled();

    QSpinBox *m_strideH;
    QSpinBox *m_strideW;
    QCheckBox *m_strideLinked;
    QComboBox *m_paddingKind;
    QSpinBox *m_padTop;
    QSpinBox *m_padBottom;
    QSpinBox *m_padLeft;
    QSpinBox *m_padRight;
    QCheckBox *m_padLinked;
    QComboBox *m_padMode;
    QSpinBox *m_dilationH;
    QSpinBox *m_dilationW;
    QCheckBox *m_dilationLinked;
    QComboBox *m_activation;
};

} // namespace convscope::ui
