#pragma once

#include "core/nn/trainer.h"

#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;
class QPushButton;

namespace convscope::ui {

class LatestRunner;
class TrainingSession;

// The confusion matrix as a heatmap (rows: true class, columns: predicted), with the accuracy
// of every class; clicking a cell lists its test images with their predicted probabilities.
class ConfusionMatrix : public QWidget
{
    Q_OBJECT

public:
    explicit ConfusionMatrix(QWidget *parent = nullptr);

    void setEvaluation(std::shared_ptr<const Evaluation> evaluation);
    // The rows' labels: each class's index and name (the digits until told).
    void setClassNames(const QStringList &names);
    QRectF cellRect(int trueClass, int predicted) const;
    QSize sizeHint() const override;

signals:
    void cellClicked(int trueClass, int predicted);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QString rowLabel(int k) const;
    int rowLabelWidth() const;
    int classes() const; // as many as the names
    bool fitsCell(const QString &text, double cell) const;

    std::shared_ptr<const Evaluation> m_evaluation;
    QStringList m_names;
    QPoint m_selected{-1, -1};
};

// Evaluates the newest weights on the whole test set off the GUI thread, when asked and after
// every epoch while it is on screen.
class ConfusionView : public QWidget
{
    Q_OBJECT

public:
    explicit ConfusionView(TrainingSession *session, QWidget *parent = nullptr);

    void evaluateNow();
    // Clears what belongs to the old weights or data and, on screen, evaluates the new.
    void invalidate();
    bool isIdle() const;
    std::shared_ptr<const Evaluation> evaluation() const { return m_evaluation; }
    ConfusionMatrix *matrix() const { return m_matrix; }
    int exampleCount() const;
    QString cellTitle() const;
    QString summary() const;
    void showCell(int trueClass, int predicted);

signals:
    void evaluated();
    // An example was double-clicked (or chosen with Enter): explain test image `index`.
    void explainAsked(int index);

protected:
    void showEvent(QShowEvent *event) override;

private:
    TrainingSession *m_session;
    LatestRunner *m_runner;
    ConfusionMatrix *m_matrix;
    QPushButton *m_evaluateButton;
    QLabel *m_summary;
    QLabel *m_cellTitle;
    QListWidget *m_examples;
    std::shared_ptr<const Evaluation> m_evaluation;
    std::shared_ptr<const DataSet> m_evaluatedData;
    int m_generation = 0; // counts invalidations, so a late result of old weights is dropped
    bool m_stale = true;
};

} // namespace convscope::ui
