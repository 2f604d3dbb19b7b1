#include "ui/explorer/convknobs.h"

#include "ui/common/choices.h"
#include "ui/common/coretext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>

namespace convscope::ui {

namespace {

constexpr int kMaxStride = 16;
constexpr int kMaxDilation = 8;
constexpr int kMaxPadding = 32;

QWidget *row(QWidget *parent, std::initializer_list<QWidget *> widgets)
{
    auto *box = new QWidget(parent);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *w : widgets)
        layout->addWidget(w);
    layout->addStretch(1);
    return box;
}

} // namespace

ConvKnobs::ConvKnobs(QWidget *parent)
    : QWidget(parent)
    , m_strideH(addSpin(1, kMaxStride, tr("Stride S_h: rows the window moves per output row")))
    , m_strideW(addSpin(1, kMaxStride, tr("Stride S_w: columns the window moves per output column")))
    , m_strideLinked(new QCheckBox(tr("linked"), this))
    , m_paddingKind(new QComboBox(this))
    , m_padTop(addSpin(0, kMaxPadding, tr("Padding rows above the image")))
    , m_padBottom(addSpin(0, kMaxPadding, tr("Padding rows below the image")))
    , m_padLeft(addSpin(0, kMaxPadding, tr("Padding columns left of the image")))
    , m_padRight(addSpin(0, kMaxPadding, tr("Padding columns right of the image")))
    , m_padLinked(new QCheckBox(tr("all sides"), this))
    , m_padMode(new QComboBox(this))
    , m_dilationH(addSpin(1, kMaxDilation, tr("Dilation D_h: rows between kernel taps")))
    , m_dilationW(addSpin(1, kMaxDilation, tr("Dilation D_w: columns between kernel taps")))
    , m_dilationLinked(new QCheckBox(tr("linked"), this))
    , m_activation(new QComboBox(this))
{
    m_paddingKind->setObjectName("padding");
    m_paddingKind->addItem(tr("explicit"), int(PaddingKind::Explicit));
    m_paddingKind->addItem(tr("valid (none)"), int(PaddingKind::Valid));
    m_paddingKind->addItem(tr("same (O = ⌈I/S⌉)"), int(PaddingKind::Same));
    m_paddingKind->addItem(tr("full (D·(K−1))"), int(PaddingKind::Full));
    m_padMode->addItem(tr("zeros"), int(PadMode::Zero));
    m_padMode->addItem(tr("reflect"), int(PadMode::Reflect));
    m_padMode->addItem(tr("replicate"), int(PadMode::Replicate));
    m_padMode->setToolTip(tr("What the padding cells hold: 0, the mirror image without the "
                             "edge, or the edge pixel repeated"));
    for (std::string_view name : activationNames())
        m_activation->addItem(coreText(name),
                              QString::fromUtf8(name.data(), qsizetype(name.size())));
    m_activation->setToolTip(tr("Applied to every output value after the bias"));
    m_strideLinked->setChecked(true);
    m_dilationLinked->setChecked(true);
    m_padLinked->setChecked(true);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Stride"),
                 row(this, {m_strideH, new QLabel("×", this), m_strideW, m_strideLinked}));
    form->addRow(tr("Padding"), m_paddingKind);
    form->addRow(tr("Top, bottom"), row(this, {m_padTop, m_padBottom, m_padLinked}));
    form->addRow(tr("Left, right"), row(this, {m_padLeft, m_padRight}));
    form->addRow(tr("Pad with"), m_padMode);
    form->addRow(tr("Dilation"),
                 row(this, {m_dilationH, new QLabel("×", this), m_dilationW, m_dilationLinked}));
    form->addRow(tr("Activation"), m_activation);

    linkPair(m_strideH, m_strideW, m_strideLinked);
    linkPair(m_dilationH, m_dilationW, m_dilationLinked);
    for (QSpinBox *side : {m_padTop, m_padBottom, m_padLeft, m_padRight}) {
        connect(side, &QSpinBox::valueChanged, this, [this](int value) {
            if (m_padLinked->isChecked()) {
                for (QSpinBox *other : {m_padTop, m_padBottom, m_padLeft, m_padRight}) {
                    const QSignalBlocker block(other);
                    other->setValue(value);
                }
            }
            emit changed();
        });
    }
    connect(m_padLinked, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            m_padBottom->valueChanged(m_padTop->value());
        m_padTop->valueChanged(m_padTop->value());
    });
    connect(m_paddingKind, &QComboBox::currentIndexChanged, this, [this] {
        updatePaddingEnabled();
        emit changed();
    });
    connect(m_padMode, &QComboBox::currentIndexChanged, this, &ConvKnobs::changed);
    connect(m_activation, &QComboBox::currentIndexChanged, this, &ConvKnobs::changed);
    updatePaddingEnabled();
}

QSpinBox *ConvKnobs::addSpin(int low, int high, const QString &tip)
{
    auto *spin = new QSpinBox(this);
    spin->setRange(low, high);
    spin->setToolTip(tip);
    spin->setAccelerated(true);
    return spin;
}

void ConvKnobs::linkPair(QSpinBox *first, QSpinBox *second, QCheckBox *link)
{
    auto follow = [this, link](QSpinBox *other) {
        return [this, link, other](int value) {
            if (link->isChecked()) {
                const QSignalBlocker block(other);
                other->setValue(value);
            }
            emit changed();
        };
    };
    connect(first, &QSpinBox::valueChanged, this, follow(second));
    connect(second, &QSpinBox::valueChanged, this, follow(first));
    connect(link, &QCheckBox::toggled, this, [first](bool on) {
        if (on)
            first->valueChanged(first->value());
    });
}

void ConvKnobs::updatePaddingEnabled()
{
    const bool explicitSides = PaddingKind(m_paddingKind->currentData().toInt())
                               == PaddingKind::Explicit;
    for (QWidget *w : {static_cast<QWidget *>(m_padTop), static_cast<QWidget *>(m_padBottom),
                       static_cast<QWidget *>(m_padLeft), static_cast<QWidget *>(m_padRight),
                       static_cast<QWidget *>(m_padLinked)})
        w->setEnabled(explicitSides);
}

ConvOptions ConvKnobs::options() const
{
    ConvOptions options;
    options.strideH = m_strideH->value();
    options.strideW = m_strideW->value();
    options.dilationH = m_dilationH->value();
    options.dilationW = m_dilationW->value();
    const auto kind = PaddingKind(m_paddingKind->currentData().toInt());
    options.padding = kind == PaddingKind::Explicit
                          ? PaddingSpec::perSide({m_padTop->value(), m_padBottom->value(),
                                                  m_padLeft->value(), m_padRight->value()})
                          : PaddingSpec::mode(kind);
    options.padMode = PadMode(m_padMode->currentData().toInt());
    return options;
}

Activation ConvKnobs::activation() const
{
    return parseActivation(m_activation->currentData().toString().toStdString()).value();
}

void ConvKnobs::setStride(int strideH, int strideW)
{
    m_strideLinked->setChecked(strideH == strideW);
    m_strideH->setValue(strideH);
    m_strideW->setValue(strideW);
}

void ConvKnobs::setDilation(int dilationH, int dilationW)
{
    m_dilationLinked->setChecked(dilationH == dilationW);
    m_dilationH->setValue(dilationH);
    m_dilationW->setValue(dilationW);
}

void ConvKnobs::setPadding(const PaddingSpec &padding)
{
    m_paddingKind->setCurrentIndex(m_paddingKind->findData(int(padding.kind)));
    const Padding &p = padding.sides;
    m_padLinked->setChecked(p.top == p.bottom && p.top == p.left && p.top == p.right);
    m_padTop->setValue(p.top);
    m_padBottom->setValue(p.bottom);
    m_padLeft->setValue(p.left);
    m_padRight->setValue(p.right);
}

void ConvKnobs::setPadMode(PadMode mode)
{
    m_padMode->setCurrentIndex(m_padMode->findData(int(mode)));
}

void ConvKnobs::save(QSettings &settings) const
{
    const ConvOptions o = options();
    settings.setValue("stride", QList<QVariant>{o.strideH, o.strideW});
    settings.setValue("dilation", QList<QVariant>{o.dilationH, o.dilationW});
    settings.setValue("paddingKind", int(o.padding.kind));
    settings.setValue("padding", QList<QVariant>{m_padTop->value(), m_padBottom->value(),
                                                 m_padLeft->value(), m_padRight->value()});
    settings.setValue("padMode", int(o.padMode));
    settings.setValue("activation", m_activation->currentData());
}

void ConvKnobs::restore(const QSettings &settings)
{
    auto pairOf = [&](const char *key) {
        const QList<QVariant> v = settings.value(key).toList();
        return v.size() == 2 ? std::pair(v[0].toInt(), v[1].toInt()) : std::pair(1, 1);
    };
    const auto [sh, sw] = pairOf("stride");
    setStride(sh, sw);
    const auto [dh, dw] = pairOf("dilation");
    setDilation(dh, dw);
    const QList<QVariant> sides = settings.value("padding").toList();
    PaddingSpec padding;
    if (sides.size() == 4)
        padding.sides = {sides[0].toInt(), sides[1].toInt(), sides[2].toInt(), sides[3].toInt()};
    padding.kind = PaddingKind(
        storedChoice(m_paddingKind, settings, "paddingKind").value_or(int(PaddingKind::Explicit)));
    setPadding(padding);
    setPadMode(PadMode(storedChoice(m_padMode, settings, "padMode").value_or(int(PadMode::Zero))));
    const int activation = m_activation->findData(settings.value("activation", "none").toString());
    m_activation->setCurrentIndex(std::max(activation, 0));
}

} // namespace convscope::ui
