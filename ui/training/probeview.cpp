#include "ui/training/probeview.h"

#include "ui/common/colorbar.h"
#include "ui/common/exportdialog.h"
#include "ui/common/livelabel.h"
#include "ui/common/numbering.h"
#include "ui/common/planeimages.h"
#include "ui/common/tensorview.h"
#include "ui/training/probabilitybars.h"

#include <QDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>

#include <cmath>

namespace convscope::ui {

namespace {

constexpr int kRowHeight = 96;

} // namespace

ProbeView::ProbeView(TrainingSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_index(new QSpinBox(this))
    , m_truth(new LiveLabel(1, this))
    , m_bars(new ProbabilityBars(this))
    , m_rowsHost(new QWidget(this))
    , m_rowsLayout(new QVBoxLayout(m_rowsHost))
{
    auto *top = new QHBoxLayout;
    m_indexLabel = new QLabel(tr("Probe: test image"), this);
    top->addWidget(m_indexLabel);
    top->addWidget(m_index);
    top->addWidget(m_truth, 1);
    m_index->setRange(1, 1);
    m_index->setToolTip(tr("Which test image runs through the network, counted from 1"));
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_rowsHost);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_barsTitle = new QLabel(tr("<b>Softmax</b><br>green frame: true class"), this);
    m_barsTitle->setWordWrap(true);
    auto *body = new QHBoxLayout;
    body->addWidget(m_scroll, 3);
    auto *barsBox = new QVBoxLayout;
    barsBox->addWidget(m_barsTitle);
    m_loss = new LiveLabel(1, this);
    m_loss->setWidthSample(tr("loss −ln p = 00.000"));
    m_loss->setToolTip(tr("The cross-entropy of this image: −ln of the probability given to its "
                          "true class; training lowers its mean over each batch"));
    barsBox->addWidget(m_loss);
    barsBox->addWidget(m_bars, 1);
    body->addLayout(barsBox, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(body, 1);
    // Names change with the data set, never during a run: a new label width asks for a layout.
    m_bars->setClassNames(session->classNames());
    connect(session, &TrainingSession::dataChanged, this,
            [this] { m_bars->setClassNames(m_session->classNames()); });
    connect(m_index, &QSpinBox::valueChanged, this, &ProbeView::refresh);
    rebuildLayers();
}

void ProbeView::rebuildLayers()
{
    while (QLayoutItem *item = m_rowsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_rows.clear();
    QStringList names{tr("input")};
    for (const LayerDescription &d : m_session->viewer().describe())
        names.append(QString::fromStdString(d.name + " · " + d.spec));
    for (const QString &name : names) {
        auto *frame = new QWidget(m_rowsHost);
        auto *layout = new QVBoxLayout(frame);
        layout->setContentsMargins(0, 2, 0, 2);
        auto *header = new QHBoxLayout;
        auto *title = new QLabel(frame);
        // Wrapped, so that a long layer name never widens the rows past the view and cuts
        // off the maps.
        title->setWordWrap(true);
        title->setText(QString("<b>%1</b>").arg(name.toHtmlEscaped()));
        auto *exportButton = new QPushButton(tr("Export…"), frame);
        exportButton->setToolTip(tr("Save this layer's maps as a PNG grid, one PNG per channel "
                                    "or .npy"));
        header->addWidget(title, 1);
        header->addWidget(exportButton);
        auto *view = new TensorView(frame);
        view->setFixedHeight(kRowHeight);
        view->setMinimumWidth(80);
        view->setToolTip(tr("Click a map to enlarge it"));
        layout->addLayout(header);
        layout->addWidget(view);
        m_rowsLayout->addWidget(frame);
        const size_t index = m_rows.size();
        m_rows.push_back({name, title, view, nullptr});
        connect(view, &TensorView::tileClicked, this,
                [this, index](int tile) { enlarge(int(index), tile); });
        connect(exportButton, &QPushButton::clicked, this,
                [this, index] { exportRow(m_rows[index]); });
    }
    m_rowsLayout->addStretch(1);
    m_stale = true;
    refresh();
}

int ProbeView::probeIndex() const
{
    return m_index->value() - 1;
}

void ProbeView::setExternalImage(std::optional<Tensor> image, const QString &name)
{
    m_external = std::move(image);
    m_externalName = name.isEmpty() ? tr("your drawing") : name;
    m_message.clear();
    m_index->setVisible(!m_external);
    m_indexLabel->setVisible(!m_external);
    m_stale = true;
    refresh();
}

void ProbeView::showMessage(const QString &message)
{
    m_external.reset();
    m_message = message;
    m_index->setVisible(false);
    m_indexLabel->setVisible(false);
    m_stale = true;
    refresh();
}

void ProbeView::refresh()
{
    const DataSet *data = m_session->data();
    // Only when it changes: a spin box's new range asks the whole window for a new layout.
    // The spin box counts test images from 1, as the student reads them.
    if (const int last = data ? std::max(1, data->test.count()) : 1; last != m_index->maximum()) {
        const QSignalBlocker block(m_index);
        m_index->setRange(1, last);
    }
    // Empty rows would look broken: with a message there is only the message.
    for (QWidget *part : std::initializer_list<QWidget *>{m_scroll, m_barsTitle, m_bars})
        part->setVisible(m_message.isEmpty());
    if (!m_message.isEmpty()) {
        for (Row &row : m_rows) {
            row.view->clear();
            row.maps.reset();
        }
        m_pass = {};
        m_bars->setProbabilities({}, -1);
        m_loss->setText({});
        m_truth->setText(m_message);
        return;
    }
    if (!m_external && (!data || data->test.count() == 0)) {
        m_truth->setText(tr("no data set: choose one on the Network page"));
        return;
    }
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    const int index = probeIndex();
    const int label = m_external ? -1 : data->test.labels[size_t(index)];
    const Tensor input = m_external ? *m_external : m_session->testImage(index);
    m_pass = m_frame >= 0 ? m_session->probeAt(input, m_frame) : m_session->probe(input);
    for (size_t i = 0; i < m_rows.size() && i < m_pass.activations.size(); ++i) {
        Row &row = m_rows[i];
        const Tensor &activation = i == 0 ? input : m_pass.activations[i];
        auto maps = std::make_shared<Tensor>(drawableMaps(activation));
        const Shape &s = activation.shape();
        row.title->setText(
            QString("<b>%1</b> · %2")
                .arg(row.name.toHtmlEscaped(), QString::fromStdString(s.imageString())));
        const ValueRange range = i == 0 ? ValueRange{0, 1}
                                        : valueRange({maps->data(), size_t(maps->size())},
                                                     ValueScale::Symmetric);
        row.view->setContent(maps,
                             colorPlanes(*maps, range,
                                         i == 0 ? Colormap::Gray : Colormap::Diverging),
                             {}, false);
        row.maps = maps;
    }
    showPrediction(label);
}

// The prediction in the class names of the data set and, for a test image, the cross-entropy
// loss of its true class: what training pushes down.
void ProbeView::showPrediction(int label)
{
    const QStringList names = m_session->classNames();
    const std::vector<float> &p = m_pass.probabilities;
    const int best = int(std::max_element(p.begin(), p.end()) - p.begin());
    const QString prediction
        = tr("predicted %1 (%2 %)").arg(names.value(best)).arg(100.0 * p[size_t(best)], 0, 'f', 1);
    const std::vector<FilterFrame> &frames = m_session->filterHistory();
    const QString when = m_frame >= 0 && m_frame < int(frames.size())
                             ? tr(" · at step %1").arg(frames[size_t(m_frame)].step)
                             : QString();
    m_truth->setText(m_external
                         ? tr("%1 · %2").arg(m_externalName, prediction)
                         : tr("true class %1 · %2%3").arg(names.value(label), prediction, when));
    m_bars->setProbabilities(p, label);
    // −ln p of the true class, as the loss plot averages it over a batch.
    m_loss->setText(
        label < 0 ? QString()
                  : tr("loss −ln p = %1")
                        .arg(-std::log(std::max(double(p[size_t(label)]), 1e-30)), 0, 'f', 3));
}

QString ProbeView::truthText() const
{
    return m_truth->text();
}

QString ProbeView::lossText() const
{
    return m_loss->text();
}

void ProbeView::setFrame(int frame)
{
    if (frame == m_frame)
        return;
    m_frame = frame;
    refresh();
}

void ProbeView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void ProbeView::enlarge(int rowIndex, int channel)
{
    const Row &row = m_rows[size_t(rowIndex)];
    if (!row.maps || channel < 0 || channel >= row.maps->shape().c)
        return;
    const Shape &s = row.maps->shape();
    auto one = std::make_shared<Tensor>(Shape{1, 1, s.h, s.w});
    std::copy_n(row.maps->plane(0, channel), s.planeSize(), one->data());
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("%1, channel %2 at step %3")
                               .arg(row.name)
                               .arg(ordinal(channel))
                               .arg(m_session->stepCount()));
    auto *view = new TensorView(dialog);
    const ValueRange range = valueRange({one->data(), size_t(one->size())}, ValueScale::Symmetric);
    view->setContent(one, colorPlanes(*one, range, Colormap::Diverging), {}, false);
    auto *bar = new ColorBar(dialog);
    bar->setScale(Colormap::Diverging, range);
    // The value under the cursor, counted from 1 as everywhere in the window.
    auto *value = new LiveLabel(1, dialog);
    value->setWidthSample(tr("row 000, column 000: −0.00000"));
    const QString hint = rowIndex > 0 ? tr("Hover over the map to read its values; click a unit "
                                           "to see its receptive field")
                                      : tr("Hover over the map to read its values");
    value->setText(hint);
    connect(view, &TensorView::hovered, value, [one, value, hint](int tile, int y, int x) {
        value->setText(tile < 0 ? hint
                                : tr("row %1, column %2: %3")
                                      .arg(ordinal(y))
                                      .arg(ordinal(x))
                                      .arg(cellText(one->at(0, 0, y, x), 44)));
    });
    // Row 0 is the input; a dense layer's units are drawn as one strip, a unit per column.
    if (rowIndex > 0) {
        connect(view, &TensorView::cellClicked, dialog,
                [this, dialog, rowIndex, channel](int, int y, int x) {
                    const std::vector<LayerDescription> &rows = m_session->viewer().describe();
                    if (rowIndex - 1 >= int(rows.size()))
                        return;
                    const Shape out = rows[size_t(rowIndex - 1)].output;
                    const bool strip = out.h == 1 && out.w == 1;
                    dialog->close();
                    emit receptiveFieldAsked(rowIndex - 1, strip ? x : channel, strip ? 0 : y,
                                             strip ? 0 : x);
                });
    }
    auto *maps = new QHBoxLayout;
    maps->addWidget(view, 1);
    maps->addWidget(bar);
    auto *layout = new QVBoxLayout(dialog);
    layout->addLayout(maps, 1);
    layout->addWidget(value);
    dialog->resize(560, 560);
    dialog->show();
}

void ProbeView::exportRow(const Row &row)
{
    if (!row.maps)
        return;
    FeatureMaps maps;
    maps.values = row.maps.get();
    maps.colormap = Colormap::Diverging;
    maps.range = valueRange({row.maps->data(), size_t(row.maps->size())}, ValueScale::Symmetric);
    maps.tiles = colorPlanes(*row.maps, maps.range, maps.colormap);
    const QString layer = row.name.section(' ', 0, 0);
    maps.stem = QString("probe%1_%2_step%3").arg(probeIndex()).arg(layer).arg(m_session->stepCount());
    maps.settings = {{"layer", row.name.toStdString()},
                     {"network", m_session->architecture().toString()},
                     {"probe", "test image index " + std::to_string(probeIndex())},
                     {"step", std::to_string(m_session->stepCount())}};
    ExportDialog dialog(maps, m_exportFolder, this);
    dialog.exec();
    m_exportFolder = dialog.lastFolder();
}

} // namespace convscope::ui
