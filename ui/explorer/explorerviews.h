#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QTextBrowser;

namespace convscope::ui {

class ColorBar;
class TensorView;

// The views of an explorer page: the input and the output side by side, each under its heading
// (when it has one) and a line about it, the output with its colour bar; below them, in a
// splitter that the teacher moves, the formula and the explanation of the value under the
// cursor. The Convolution and the Pooling pages fill it in.
class ExplorerViews : public QWidget
{
    Q_OBJECT

public:
    // An empty title leaves its heading out: the info line then says what the view shows.
    ExplorerViews(const QString &inputTitle, const QString &outputTitle, QWidget *parent = nullptr);

    TensorView *inputView() const { return m_inputView; }
    TensorView *outputView() const { return m_outputView; }
    ColorBar *colorBar() const { return m_colorBar; }
    QLabel *inputInfo() const { return m_inputInfo; }
    QLabel *outputInfo() const { return m_outputInfo; }
    QLabel *formula() const { return m_formula; }
    QTextBrowser *explanation() const { return m_explanation; }
    // The formula and the explanation side by side, below the splitter's handle.
    QWidget *explanations() const { return m_explanations; }
    // The output's heading row, for the controls of its colours; only with an output title.
    QHBoxLayout *outputHeader() const { return m_outputHeader; }
    // A line under both views, above the splitter's handle.
    void addUnderViews(QWidget *widget);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildImages(const QString &inputTitle, const QString &outputTitle);
    QWidget *buildExplanations();
    void fitExplanations();

    TensorView *m_inputView;
    TensorView *m_outputView;
    ColorBar *m_colorBar;
    QLabel *m_inputInfo;
    QLabel *m_outputInfo;
    QLabel *m_formula;
    QTextBrowser *m_explanation;
    QHBoxLayout *m_outputHeader = nullptr;
    QWidget *m_top = nullptr;
    QWidget *m_explanations = nullptr;
};

} // namespace convscope::ui
