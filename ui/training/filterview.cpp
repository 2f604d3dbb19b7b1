#include "ui/training/filterview.h"

#include "ui/common/livelabel.h"
#include "ui/common/numbering.h"
#include "ui/common/planeimages.h"
#include "ui/common/tensorview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace convscope::ui {

FilterView::FilterView(TrainingSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_layerBox(new QComboBox(this))
    , m_channelBox(new QComboBox(this))
    , m_lookBox(new QComboBox(this))
    , m_view(new TensorView(this))
    , m_timeline(new QSlider(Qt::Horizontal, this))
    , m_stepLabel(new LiveLabel(1, this))
{
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Filters of"), this));
    top->addWidget(m_layerBox);
    top->addWidget(m_channelBox);
    top->addStretch(1);
    top->addWidget(m_lookBox);
    m_lookBox->addItem(tr("each frame's scale"), int(Look::OwnScale));
    m_lookBox->addItem(tr("one scale for the run"), int(Look::RunScale));
    m_lookBox->addItem(tr("change since initialisation"), int(Look::ChangeSinceStart));
    m_lookBox->setToolTip(tr("Each frame's scale shows every frame's pattern; one scale shows "
                             "the weights grow; the change since initialisation shows what "
                             "training did when the filters still look like their start"));
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(new QLabel(tr("Timeline"), this));
    bottom->addWidget(m_timeline, 1);
    bottom->addWidget(m_stepLabel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);
    m_timeline->setToolTip(tr("Drag back to see the filters as they were at initialisation and "
                              "at every stage of training; at the right end they follow the run"));
    m_stepLabel->setWidthSample(tr("step 000000 (live)"));
    connect(m_timeline, &QSlider::valueChanged, this, &FilterView::showFrame);
    connect(m_layerBox, &QComboBox::currentIndexChanged, this, &FilterView::layerChanged);
    connect(m_channelBox, &QComboBox::currentIndexChanged, this, &FilterView::refresh);
    connect(m_lookBox, &QComboBox::currentIndexChanged, this, &FilterView::refresh);
    rebuildLayers();
}

void FilterView::rebuildLayers()
{
    const QSignalBlocker block(m_layerBox);
    m_layerBox->clear();
    for (const LayerDescription &row : m_session->viewer().describe()) {
        if (row.name.rfind("conv", 0) == 0)
            m_layerBox->addItem(QString::fromStdString(row.name + " (" + row.spec + ")"));
    }
    layerChanged();
}

void FilterView::layerChanged()
{
    const int layer = m_layerBox->currentIndex();
    const QSignalBlocker block(m_channelBox);
    m_channelBox->clear();
    const std::vector<Tensor> banks = m_session->viewer().filters();
    if (layer >= 0 && layer < int(banks.size()) && banks[size_t(layer)].shape().c > 1) {
        for (int c = 0; c < banks[size_t(layer)].shape().c; ++c)
            m_channelBox->addItem(tr("input channel %1").arg(ordinal(c)));
    }
    m_channelBox->setVisible(m_channelBox->count() > 0);
    // Only the first layer is recorded over time; deeper ones show the newest weights.
    m_timeline->setEnabled(layer == 0);
    refresh();
}

void FilterView::refresh()
{
    if (!isVisible()) {
        m_stale = true; // another tab is shown: no tiles to colour 10 times a second
        return;
    }
    m_stale = false;
    const int layer = m_layerBox->currentIndex();
    if (layer < 0) {
        m_view->clear();
        m_stepLabel->setText(tr("no conv layer"));
        return;
    }
    if (layer > 0) {
        const std::vector<Tensor> banks = m_session->viewer().filters();
        draw(banks[size_t(layer)], std::max(0, m_channelBox->currentIndex()),
             m_session->stepCount());
        m_stepLabel->setText(tr("step %1").arg(m_session->stepCount()));
        return;
    }
    const int frames = frameCount();
    const bool following = m_timeline->value() >= m_timeline->maximum();
    {
        const QSignalBlocker block(m_timeline);
        m_timeline->setRange(0, std::max(0, frames - 1));
        if (following)
            m_timeline->setValue(m_timeline->maximum());
    }
    showFrame(m_timeline->value());
}

void FilterView::showFrame(int index)
{
    const std::vector<FilterFrame> &frames = m_session->filterHistory();
    if (m_layerBox->currentIndex() != 0 || frames.empty())
        return;
    index = std::clamp(index, 0, int(frames.size()) - 1);
    drawFrame(index);
    const FilterFrame &frame = frames[size_t(index)];
    const bool live = index == int(frames.size()) - 1;
    if (live != (m_frame < 0) || (!live && index != m_frame)) {
        m_frame = live ? -1 : index;
        emit frameShown(m_frame);
    }
    m_stepLabel->setText(frame.step == 0 ? tr("initialisation")
                         : live          ? tr("step %1 (live)").arg(frame.step)
                                         : tr("step %1").arg(frame.step));
}

void FilterView::setLook(Look look)
{
    m_lookBox->setCurrentIndex(m_lookBox->findData(int(look)));
}

FilterView::Look FilterView::look() const
{
    return Look(m_lookBox->currentData().toInt());
}

float FilterView::runMagnitude() const
{
    float m = 0.0f;
    for (const FilterFrame &frame : m_session->filterHistory()) {
        for (float v : frame.filters.values())
            m = std::max(m, std::abs(v));
    }
    return m;
}

// A recorded frame of the first layer in the chosen look.
void FilterView::drawFrame(int index)
{
    const std::vector<FilterFrame> &frames = m_session->filterHistory();
    const FilterFrame &frame = frames[size_t(index)];
    const int channel = std::max(0, m_channelBox->currentIndex());
    if (look() == Look::ChangeSinceStart) {
        Tensor change = frame.filters;
        const std::vector<float> &start = frames.front().filters.values();
        for (size_t i = 0; i < start.size(); ++i)
            change.values()[i] -= start[i];
        draw(change, channel, frame.step);
        return;
    }
    if (look() == Look::RunScale) {
        const float m = std::max(runMagnitude(), 1e-12f);
        draw(frame.filters, channel, frame.step, ValueRange{-m, m});
        return;
    }
    draw(frame.filters, channel, frame.step);
}

void FilterView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void FilterView::draw(const Tensor &bank, int channel, std::int64_t step,
                      std::optional<ValueRange> range)
{
    // One tile per filter: the K×C×k×k bank's input channel `channel` as 1×K×k×k.
    const Shape &s = bank.shape();
    channel = std::min(channel, s.c - 1);
    auto shown = std::make_shared<Tensor>(Shape{1, s.n, s.h, s.w});
    for (int k = 0; k < s.n; ++k)
        std::copy_n(bank.plane(k, channel), s.planeSize(), shown->plane(0, k));
    if (!range)
        range = valueRange({shown->data(), size_t(shown->size())}, ValueScale::Symmetric);
    QStringList titles;
    for (int k = 0; k < s.n; ++k)
        titles.append(QString::number(k + 1));
    m_view->setContent(shown, colorPlanes(*shown, *range, Colormap::Diverging), titles, false);
    m_shown = shown;
    m_shownStep = step;
}

int FilterView::tileCount() const
{
    return m_view->tileCount();
}

int FilterView::frameCount() const
{
    return int(m_session->filterHistory().size());
}

} // namespace convscope::ui
