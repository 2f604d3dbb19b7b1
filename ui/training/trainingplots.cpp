#include "ui/training/trainingplots.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

namespace convscope::ui {

namespace {

const QColor kRawLoss(160, 190, 230);
const QColor kSmoothLoss(20, 80, 180);
const QColor kTrainColor(230, 120, 20);
const QColor kTestColor(30, 150, 60);
const QColor kRateColor(130, 60, 160);

QCPGraph *addGraph(QCustomPlot *plot, QCPAxisRect *row, const QString &name, const QColor &color,
                   double width)
{
    QCPGraph *graph = plot->addGraph(row->axis(QCPAxis::atBottom), row->axis(QCPAxis::atLeft));
    graph->setName(name);
    graph->setPen(QPen(color, width));
    graph->setAdaptiveSampling(true);
    return graph;
}

} // namespace

TrainingPlots::TrainingPlots(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->plotLayout()->clear();
    // Each row has its own legend, filled here and by setKeptRuns; none is filled behind them.
    m_plot->setAutoAddPlottableToLegend(false);
    auto *margins = new QCPMarginGroup(m_plot);
    for (const QString &label : {tr("loss"), tr("accuracy %"), tr("learning rate")}) {
        QCPAxisRect *row = addRow(label);
        row->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    }
    m_rows.back()->axis(QCPAxis::atBottom)->setLabel(tr("training step"));
    m_plot->plotLayout()->setRowStretchFactor(2, 0.5);

    m_loss = addGraph(m_plot, m_rows[0], tr("loss of each batch"), kRawLoss, 1.0);
    m_smoothed = addGraph(m_plot, m_rows[0], tr("smoothed"), kSmoothLoss, 2.0);
    m_train = addGraph(m_plot, m_rows[1], tr("train (epoch)"), kTrainColor, 2.0);
    m_test = addGraph(m_plot, m_rows[1], tr("test"), kTestColor, 2.0);
    m_rate = addGraph(m_plot, m_rows[2], tr("learning rate"), kRateColor, 1.5);
    for (QCPGraph *graph : {m_train, m_test})
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    m_rows[1]->axis(QCPAxis::atLeft)->setRange(0, 100);

    for (QCPAxisRect *row : m_rows) {
        auto *legend = new QCPLegend;
        // Loss falls and accuracy rises: each legend sits where its curves are not.
        row->insetLayout()->addElement(legend, row == m_rows[1] ? Qt::AlignBottom | Qt::AlignRight
                                                                : Qt::AlignTop | Qt::AlignRight);
        legend->setLayer("legend");
        legend->setBrush(QColor(255, 255, 255, 200));
        legend->setFont(font());
        m_legends.push_back(legend);
        for (int i = 0; i < m_plot->graphCount(); ++i) {
            if (m_plot->graph(i)->keyAxis()->axisRect() == row)
                legend->addItem(new QCPPlottableLegendItem(legend, m_plot->graph(i)));
        }
        // One step axis for all three: zooming or panning one moves the others.
        connect(row->axis(QCPAxis::atBottom), qOverload<const QCPRange &>(&QCPAxis::rangeChanged),
                this, [this](const QCPRange &range) {
                    for (QCPAxisRect *other : m_rows)
                        other->axis(QCPAxis::atBottom)->setRange(range);
                });
    }
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // A live replot is a quarter cheaper this way, and the raw loss, a noisy hairline, looks
    // the same without antialiasing.
    m_plot->setPlottingHint(QCP::phFastPolylines);
    m_loss->setAntialiased(false);
    connect(m_plot, &QCustomPlot::mousePress, this, [this] { m_follow = false; });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_follow = false; });
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        m_follow = true;
        redraw();
    });
    m_plot->setToolTip(tr("Wheel: zoom · drag: pan · double-click: follow the whole run"));
    setMinimumSize(240, 300);
}

QCPAxisRect *TrainingPlots::addRow(const QString &label)
{
    auto *row = new QCPAxisRect(m_plot);
    row->axis(QCPAxis::atLeft)->setLabel(label);
    row->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    row->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    m_plot->plotLayout()->addElement(int(m_rows.size()), 0, row);
    m_rows.push_back(row);
    return row;
}

void TrainingPlots::append(const std::vector<StepReport> &steps, size_t first)
{
    QList<double> keys, loss, smoothed, rate, testKeys, test;
    for (size_t i = first; i < steps.size(); ++i) {
        const StepReport &s = steps[i];
        keys.append(double(s.step));
        loss.append(s.loss);
        smoothed.append(s.smoothedLoss);
        rate.append(s.learningRate);
        if (s.testAccuracy) {
            testKeys.append(double(s.step));
            test.append(100.0 * *s.testAccuracy);
        }
        m_lastStep = double(s.step);
    }
    if (keys.isEmpty())
        return;
    m_loss->addData(keys, loss, true);
    m_smoothed->addData(keys, smoothed, true);
    m_rate->addData(keys, rate, true);
    if (!testKeys.isEmpty())
        m_test->addData(testKeys, test, true);
    redraw();
}

void TrainingPlots::addEpoch(const EpochReport &epoch)
{
    // At the step that ended the epoch, where its test evaluation was made: several epochs of a
    // small data set end between two redraws.
    const double step = double(epoch.step > 0 ? epoch.step : m_lastStep);
    m_train->addData(step, 100.0 * epoch.trainAccuracy);
    if (m_test->data()->isEmpty() || m_test->data()->at(m_test->dataCount() - 1)->key < step)
        m_test->addData(step, 100.0 * epoch.testAccuracy);
    redraw();
}

void TrainingPlots::clear()
{
    for (QCPGraph *graph : {m_loss, m_smoothed, m_train, m_test, m_rate})
        graph->data()->clear();
    m_lastStep = 0;
    m_follow = true;
    redraw();
}

void TrainingPlots::setKeptRuns(const std::vector<KeptRun> &runs)
{
    // Out of the row legends first: removeGraph clears only the plot's own legend, and a legend
    // item left on a removed graph draws freed memory.
    for (QCPGraph *graph : m_kept) {
        for (QCPLegend *legend : m_legends) {
            if (QCPPlottableLegendItem *item = legend->itemWithPlottable(graph))
                legend->removeItem(item);
        }
        m_plot->removeGraph(graph);
    }
    m_kept.clear();
    for (const KeptRun &run : runs) {
        if (!run.shown)
            continue;
        QCPGraph *loss = addGraph(m_plot, m_rows[0], run.label, run.colour, 1.5);
        QCPGraph *test = addGraph(m_plot, m_rows[1], run.label, run.colour, 1.5);
        test->setPen(QPen(run.colour, 1.5, Qt::DashLine));
        test->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        for (const StepReport &s : run.steps)
            loss->addData(double(s.step), s.smoothedLoss);
        for (const auto &[step, accuracy] : run.testAccuracies())
            test->addData(double(step), 100.0 * accuracy);
        m_legends[0]->addItem(new QCPPlottableLegendItem(m_legends[0], loss));
        m_legends[1]->addItem(new QCPPlottableLegendItem(m_legends[1], test));
        m_kept.insert(m_kept.end(), {loss, test});
    }
    redraw();
}

QList<QPointF> TrainingPlots::keptGraphPoints(int graph) const
{
    QList<QPointF> points;
    for (const QCPGraphData &d : *m_kept[size_t(graph)]->data())
        points.append({d.key, d.value});
    return points;
}

int TrainingPlots::legendEntries(int row) const
{
    return m_legends[size_t(row)]->itemCount();
}

void TrainingPlots::fit()
{
    double end = std::max(m_lastStep, 10.0);
    for (QCPGraph *graph : m_kept) {
        if (!graph->data()->isEmpty())
            end = std::max(end, (graph->data()->constEnd() - 1)->key);
    }
    for (QCPAxisRect *row : m_rows)
        row->axis(QCPAxis::atBottom)->setRange(0, end * 1.02);
    bool found = false;
    QCPRange loss = m_loss->data()->valueRange(found);
    for (QCPGraph *graph : m_kept) {
        bool kept = false;
        const QCPRange r = graph->data()->valueRange(kept);
        if (kept && graph->keyAxis()->axisRect() == m_rows[0]) {
            loss = found ? QCPRange(std::min(loss.lower, r.lower), std::max(loss.upper, r.upper))
                         : r;
            found = true;
        }
    }
    if (found)
        m_rows[0]->axis(QCPAxis::atLeft)->setRange(0, std::max(loss.upper * 1.05, 0.1));
    QCPRange accuracy(100, 0);
    for (QCPGraph *graph : {m_train, m_test}) {
        const QCPRange r = graph->data()->valueRange(found);
        if (found)
            accuracy.expand(r);
    }
    m_rows[1]
        ->axis(QCPAxis::atLeft)
        ->setRange(accuracy.lower <= accuracy.upper
                       ? QCPRange(std::max(0.0, accuracy.lower - 5), 100.5)
                       : QCPRange(0, 100.5));
    const QCPRange rate = m_rate->data()->valueRange(found);
    if (found)
        m_rows[2]->axis(QCPAxis::atLeft)->setRange(0, std::max(rate.upper * 1.1, 1e-6));
}

void TrainingPlots::redraw()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    if (m_follow)
        fit();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingPlots::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        redraw();
}

// QCustomPlot keeps the fonts it was made with; presentation mode gives them the new one.
void TrainingPlots::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::FontChange)
        return;
    for (QCPAxisRect *row : m_rows) {
        for (QCPAxis *axis : row->axes()) {
            axis->setTickLabelFont(font());
            axis->setLabelFont(font());
        }
        for (int i = 0; i < row->insetLayout()->elementCount(); ++i) {
            if (auto *legend = qobject_cast<QCPLegend *>(row->insetLayout()->elementAt(i)))
                legend->setFont(font());
        }
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int TrainingPlots::lossPointCount() const
{
    return m_loss->dataCount();
}

int TrainingPlots::testPointCount() const
{
    return m_test->dataCount();
}

int TrainingPlots::trainPointCount() const
{
    return m_train->dataCount();
}

bool TrainingPlots::savePng(const QString &path)
{
    return m_plot->savePng(path, 0, 0, 2.0);
}

bool TrainingPlots::savePdf(const QString &path)
{
    return m_plot->savePdf(path);
}

} // namespace convscope::ui
