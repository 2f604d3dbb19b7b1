#pragma once

#include <QWidget>

#include <vector>

namespace convscope::ui {

// The softmax as ten labelled bars with percentages; the winner highlighted, the true class
// (when known) marked.
class ProbabilityBars : public QWidget
{
    Q_OBJECT

public:
    explicit ProbabilityBars(QWidget *parent = nullptr);

    void setProbabilities(std::vector<float> probabilities, int trueClass = -1);
    // The label of each bar (the digits until told).
    void setClassNames(const QStringList &names);
    const std::vector<float> &probabilities() const { return m_p; }
    int winner() const;
    QSize sizeHint() const override;

private:
    int labelWidth() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<float> m_p;
    QStringList m_names;
    int m_true = -1;
};

} // namespace convscope::ui
