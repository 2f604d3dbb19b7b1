#include "ui/training/confusionview.h"

#include "core/nn/digit_input.h"
#include "core/parallel.h"
#include "ui/common/coretext.h"
#include "ui/common/latestrunner.h"
#include "ui/common/numbering.h"
#include "ui/common/planeimages.h"
#include "ui/training/trainingsession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace convscope::ui {

namespace {

QString cellPrompt()
{
    return ConfusionView::tr("Click a cell to see its test images.");
}

constexpr int kThumbScale = 3;
constexpr int kMaxExamples = 200;

QImage thumbnail(const ImageSet &set, int index)
{
    const int scale = std::max(1, kThumbScale * 28 / std::max(set.rows, set.cols));
    return setImage(set, index).scaled(set.cols * scale, set.rows * scale);
}

} // namespace

ConfusionMatrix::ConfusionMatrix(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(260, 240);
    setToolTip(tr("Rows: the true class; columns: what the network said. Click a cell to see "
                  "its images"));
}

QSize ConfusionMatrix::sizeHint() const
{
    return {520, 440};
}

void ConfusionMatrix::setClassNames(const QStringList &names)
{
    m_names = names;
    update();
}

// "true 0" and the digits, or the index and the name of every class ("3 Dress"): the columns
// are headed by the index alone, for which there is no room for the names.
QString ConfusionMatrix::rowLabel(int k) const
{
    const bool named = k < m_names.size() && m_names[k] != QString::number(k);
    if (named)
        return QString("%1 %2").arg(k).arg(m_names[k]);
    return k == 0 ? tr("true 0") : QString::number(k);
}

int ConfusionMatrix::classes() const
{
    return std::max(1, int(m_names.size()));
}

int ConfusionMatrix::rowLabelWidth() const
{
    int widest = fontMetrics().horizontalAdvance(tr("true 0"));
    for (int k = 0; k < classes(); ++k)
        widest = std::max(widest, fontMetrics().horizontalAdvance(rowLabel(k)));
    return widest + fontMetrics().horizontalAdvance(' ');
}

void ConfusionMatrix::setEvaluation(std::shared_ptr<const Evaluation> evaluation)
{
    m_evaluation = std::move(evaluation);
    m_selected = {-1, -1}; // a cell of other figures
    update();
}

// The grid fills the widget but leaves room for labels on the left and top and the per-class
// accuracy on the right.
QRectF ConfusionMatrix::cellRect(int trueClass, int predicted) const
{
    const QFontMetrics metrics = fontMetrics();
    const double left = std::min(double(rowLabelWidth()), width() / 4.0) + 4;
    const double top = metrics.height() * 2 + 4;
    const double right = metrics.horizontalAdvance(" 100.0 %") + 8;
    const double cell = std::max(4.0, std::min((width() - left - right) / classes(),
                                               (height() - top - 4) / classes()));
    return {left + predicted * cell, top + trueClass * cell, cell, cell};
}

void ConfusionMatrix::paintEvent(QPaintEvent *)
{
    const int kClasses = classes();
    QPainter painter(this);
    const QColor text = palette().color(QPalette::Text);
    painter.setPen(text);
    const QRectF first = cellRect(0, 0);
    painter.drawText(QRectF(first.left(), 0, first.width() * kClasses, fontMetrics().height()),
                     Qt::AlignCenter, tr("predicted"));
    for (int k = 0; k < kClasses; ++k) {
        const QRectF column = cellRect(0, k);
        if (fitsCell(QString::number(k), column.width()))
            painter.drawText(QRectF(column.left(), fontMetrics().height(), column.width(),
                                    fontMetrics().height()),
                             Qt::AlignCenter, QString::number(k));
        const QRectF row = cellRect(k, 0);
        painter.drawText(QRectF(0, row.top(), row.left() - 4, row.height()),
                         Qt::AlignVCenter | Qt::AlignRight,
                         fontMetrics().elidedText(rowLabel(k), Qt::ElideRight, int(row.left()) - 4));
    }
    if (!m_evaluation || m_evaluation->classes != kClasses) {
        painter.drawText(rect(), Qt::AlignCenter, tr("Evaluate to fill the matrix"));
        return;
    }
    const std::vector<int> &m = m_evaluation->confusion;
    for (int t = 0; t < kClasses; ++t) {
        int rowTotal = 0;
        for (int p = 0; p < kClasses; ++p)
            rowTotal += m[size_t(t * kClasses + p)];
        for (int p = 0; p < kClasses; ++p) {
            const int count = m[size_t(t * kClasses + p)];
            const double share = rowTotal ? double(count) / rowTotal : 0.0;
            // Right answers in blue, mistakes in red, both deeper with the row's share.
            const QColor hue = t == p ? QColor(30, 90, 200) : QColor(210, 40, 40);
            const double strength = t == p ? share : std::min(1.0, share * 5);
            const QColor fill = QColor::fromRgbF(1 - (1 - hue.redF()) * strength,
                                                 1 - (1 - hue.greenF()) * strength,
                                                 1 - (1 - hue.blueF()) * strength);
            const QRectF cell = cellRect(t, p);
            painter.fillRect(cell, fill);
            painter.setPen(QColor(200, 200, 200));
            painter.drawRect(cell);
            painter.setPen(strength > 0.55 ? Qt::white : Qt::black);
            if (count > 0 && fitsCell(QString::number(count), cell.width()))
                painter.drawText(cell, Qt::AlignCenter, QString::number(count));
        }
        const QRectF last = cellRect(t, kClasses - 1);
        painter.setPen(text);
        painter.drawText(QRectF(last.right() + 4, last.top(), width() - last.right() - 4,
                                last.height()),
                         Qt::AlignVCenter | Qt::AlignLeft,
                         rowTotal ? QString::number(100.0 * m[size_t(t * kClasses + t)] / rowTotal,
                                                    'f', 1)
                                        + " %"
                                  : QString("–"));
    }
    if (m_selected.x() >= 0) {
        painter.setPen(QPen(text, 2));
        painter.drawRect(cellRect(m_selected.y(), m_selected.x()));
    }
}

// A hundred classes leave cells too small for their counts: the colour says it, the tooltip of
// the cell's images the rest.
bool ConfusionMatrix::fitsCell(const QString &text, double cell) const
{
    return fontMetrics().horizontalAdvance(text) + 2 <= cell && fontMetrics().height() <= cell;
}

void ConfusionMatrix::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_evaluation || m_evaluation->classes != classes())
        return;
    for (int t = 0; t < classes(); ++t) {
        for (int p = 0; p < classes(); ++p) {
            if (cellRect(t, p).contains(event->position())) {
                m_selected = {p, t};
                update();
                emit cellClicked(t, p);
                return;
            }
        }
    }
}

ConfusionView::ConfusionView(TrainingSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_runner(new LatestRunner(this))
    , m_matrix(new ConfusionMatrix(this))
    , m_evaluateButton(new QPushButton(tr("Evaluate now"), this))
    , m_summary(new QLabel(this))
    , m_cellTitle(new QLabel(cellPrompt(), this))
    , m_examples(new QListWidget(this))
{
    m_examples->setViewMode(QListView::IconMode);
    m_examples->setIconSize(QSize(28 * kThumbScale, 28 * kThumbScale));
    m_examples->setResizeMode(QListView::Adjust);
    m_examples->setMovement(QListView::Static);
    m_examples->setSpacing(4);
    m_examples->setWordWrap(true);
    m_examples->setGridSize(QSize(28 * kThumbScale + 70, 28 * kThumbScale + 50));
    auto *left = new QVBoxLayout;
    auto *top = new QHBoxLayout;
    top->addWidget(m_evaluateButton);
    top->addWidget(m_summary, 1);
    left->addLayout(top);
    left->addWidget(m_matrix, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(m_cellTitle);
    right->addWidget(m_examples, 1);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(left, 3);
    layout->addLayout(right, 2);
    m_summary->setWordWrap(true);
    connect(m_evaluateButton, &QPushButton::clicked, this, &ConfusionView::evaluateNow);
    connect(m_matrix, &ConfusionMatrix::cellClicked, this, &ConfusionView::showCell);
    connect(m_examples, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit explainAsked(item->data(Qt::UserRole).toInt()); });
    connect(session, &TrainingSession::epochFinished, this, [this] {
        if (isVisible())
            evaluateNow();
        else
            m_stale = true;
    });
    connect(session, &TrainingSession::historyCleared, this, &ConfusionView::invalidate);
}

// New weights or a new data set: the figures, the clicked cell and its images belong to the
// old ones, and go with them.
void ConfusionView::invalidate()
{
    ++m_generation;
    m_evaluation.reset();
    m_evaluatedData.reset();
    m_matrix->setEvaluation(nullptr);
    m_examples->clear();
    m_cellTitle->setText(cellPrompt());
    m_summary->setText(tr("Not evaluated for these weights yet."));
    if (isVisible() && m_session->dataSet())
        evaluateNow();
    else
        m_stale = true;
}

void ConfusionView::evaluateNow()
{
    std::shared_ptr<const DataSet> data = m_session->dataSet();
    if (!data) {
        m_summary->setText(tr("No data set: choose one on the Network page."));
        return;
    }
    m_stale = false;
    const Architecture architecture = m_session->architecture();
    const std::vector<Tensor> weights = m_session->weights();
    const PixelNormalization norm = m_session->normalization();
    const std::int64_t step = m_session->stepCount();
    const int generation = m_generation;
    m_summary->setText(tr("Evaluating %1 test images…").arg(data->test.count()));
    m_runner->submit(
        [this, data, architecture, weights, norm, step, generation]() -> LatestRunner::Finish {
            // A network of its own on the newest weights; serial, so training keeps both cores.
            const SerialScope serial;
            Expected<Network> network = Network::create(architecture, data->inputShape(),
                                                        data->classCount());
            Expected<void> ready = network ? network->setWeights(weights) : network.error();
            if (!ready) {
                const QString why = coreText(ready.error().message);
                return [this, why] {
                    m_summary->setText(tr("Cannot evaluate: %1").arg(why));
                };
            }
            auto result = std::make_shared<const Evaluation>(evaluate(*network, data->test, norm));
            return [this, data, result, step, generation] {
                if (generation != m_generation)
                    return; // the weights it evaluated are gone; a newer evaluation follows
                m_evaluation = result;
                m_evaluatedData = data;
                m_matrix->setClassNames(m_session->classNames());
                m_matrix->setEvaluation(result);
                m_summary->setText(tr("Step %1: %2 of %3 test images right (%4 %), mean loss %5")
                                       .arg(step)
                                       .arg(result->correct)
                                       .arg(result->count)
                                       .arg(100.0 * result->accuracy(), 0, 'f', 2)
                                       .arg(result->loss, 0, 'f', 4));
                m_examples->clear();
                m_cellTitle->setText(cellPrompt());
                emit evaluated();
            };
        });
}

bool ConfusionView::isIdle() const
{
    return m_runner->isIdle();
}

QString ConfusionView::cellTitle() const
{
    return m_cellTitle->text();
}

QString ConfusionView::summary() const
{
    return m_summary->text();
}

int ConfusionView::exampleCount() const
{
    return m_examples->count();
}

void ConfusionView::showCell(int trueClass, int predicted)
{
    m_examples->clear();
    if (!m_evaluation || !m_evaluatedData)
        return;
    const QStringList names = m_session->classNames();
    const ImageSet &test = m_evaluatedData->test;
    int shown = 0, total = 0;
    for (int i = 0; i < test.count(); ++i) {
        if (test.labels[size_t(i)] != trueClass || m_evaluation->predicted[size_t(i)] != predicted)
            continue;
        ++total;
        if (shown >= kMaxExamples)
            continue;
        const int classes = m_evaluation->classes;
        const float *p = m_evaluation->probabilities.data() + std::int64_t(i) * classes;
        auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(thumbnail(test, i))),
                                         tr("#%1\n%2: %3 %")
                                             .arg(ordinal(i))
                                             .arg(names.value(predicted))
                                             .arg(100.0 * p[predicted], 0, 'f', 1));
        QStringList lines;
        for (int k = 0; k < classes; ++k)
            lines.append(QString("%1: %2 %").arg(names.value(k)).arg(100.0 * p[k], 0, 'f', 1));
        item->setToolTip(
            tr("test image %1, true class %2\n").arg(ordinal(i)).arg(names.value(trueClass))
            + lines.join('\n') + tr("\nDouble-click: why? (the Explain tab)"));
        item->setData(Qt::UserRole, i);
        m_examples->addItem(item);
        ++shown;
    }
    const QString more = total > shown ? tr(" (first %1 shown)").arg(shown) : QString();
    m_cellTitle->setText(trueClass == predicted
                             ? tr("%1 images of %2 recognised%3; double-click one to see why")
                                   .arg(total)
                                   .arg(names.value(trueClass), more)
                             : tr("%1 images of %2 taken for %3%4; double-click one to see why")
                                   .arg(total)
                                   .arg(names.value(trueClass), names.value(predicted), more));
}

void ConfusionView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale && m_session->dataSet())
        evaluateNow();
}

} // namespace convscope::ui
