#include "ui/explorer/explorerviews.h"

#include "ui/common/colorbar.h"
#include "ui/common/fittinglabel.h"
#include "ui/common/tensorview.h"
#include "ui/common/wrappingrow.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace convscope::ui {

namespace {

constexpr int kExplanationLines = 6;

// A view's heading (when it has a title) with room for its tools, which go under the heading
// when both do not fit; then its info line.
QVBoxLayout *panel(const QString &title, QLabel *info, QHBoxLayout **tools, QWidget *parent)
{
    auto *layout = new QVBoxLayout;
    if (!title.isEmpty()) {
        auto *toolsHost = new QWidget(parent);
        *tools = new QHBoxLayout(toolsHost);
        (*tools)->setContentsMargins(0, 0, 0, 0);
        auto *heading = new QLabel(QString("<b>%1</b>").arg(title), parent);
        layout->addWidget(new WrappingRow(heading, toolsHost, parent));
    }
    layout->addWidget(info);
    return layout;
}

} // namespace

ExplorerViews::ExplorerViews(const QString &inputTitle, const QString &outputTitle, QWidget *parent)
    : QWidget(parent)
    , m_inputView(new TensorView(this))
    , m_outputView(new TensorView(this))
    , m_colorBar(new ColorBar(this))
    , m_inputInfo(new FittingLabel(this))
    , m_outputInfo(new FittingLabel(this))
    , m_formula(new QLabel(this))
    , m_explanation(new QTextBrowser(this))
{
    // The teacher decides how much room the pictures and the explanations get.
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(buildImages(inputTitle, outputTitle));
    split->addWidget(buildExplanations());
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

QWidget *ExplorerViews::buildImages(const QString &inputTitle, const QString &outputTitle)
{
    QHBoxLayout *inputTools = nullptr;
    QVBoxLayout *input = panel(inputTitle, m_inputInfo, &inputTools, this);
    input->addWidget(m_inputView, 1);
    QVBoxLayout *output = panel(outputTitle, m_outputInfo, &m_outputHeader, this);
    auto *outputRow = new QHBoxLayout;
    outputRow->addWidget(m_outputView, 1);
    outputRow->addWidget(m_colorBar);
    output->addLayout(outputRow, 1);

    auto *images = new QHBoxLayout;
    images->addLayout(input, 1);
    images->addLayout(output, 1);
    m_top = new QWidget(this);
    auto *layout = new QVBoxLayout(m_top);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(images, 1);
    return m_top;
}

QWidget *ExplorerViews::buildExplanations()
{
    m_formula->setWordWrap(true);
    m_formula->setTextFormat(Qt::RichText);
    m_formula->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formula->setMargin(6);
    m_formula->setBackgroundRole(QPalette::Base);
    m_formula->setAutoFillBackground(true);
    auto *explain = new QWidget(this);
    auto *layout = new QHBoxLayout(explain);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *formulaFrame = new QScrollArea(explain);
    formulaFrame->setWidget(m_formula);
    formulaFrame->setWidgetResizable(true);
    layout->addWidget(formulaFrame, 1);
    layout->addWidget(m_explanation, 1);
    m_explanations = explain;
    fitExplanations();
    return explain;
}

// Room for the derivation and a 3×3 dot product at the current font: presentation mode makes
// the panels taller instead of cutting them after five lines.
void ExplorerViews::fitExplanations()
{
    m_explanations->setMinimumHeight(fontMetrics().lineSpacing() * kExplanationLines);
}

void ExplorerViews::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitExplanations();
}

void ExplorerViews::addUnderViews(QWidget *widget)
{
    m_top->layout()->addWidget(widget);
}

} // namespace convscope::ui
