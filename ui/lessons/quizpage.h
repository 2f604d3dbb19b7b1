#pragma once

#include "core/lessons/quiz.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;

namespace convscope::ui {

// The lecture's pop quizzes: a question on output sizes, parameters, multiply-adds, receptive
// fields or pooling; an answer box; on a wrong answer the working with the question's numbers.
// A score and a streak, and a seed that gives the whole class the same questions.
class QuizPage : public QWidget
{
    Q_OBJECT

public:
    explicit QuizPage(QWidget *parent = nullptr);

    // A new quiz from a seed: the score starts again.
    void startQuiz(std::uint64_t seed);
    std::uint64_t seed() const;
    const Question &question() const { return m_question; }
    // Marks a typed answer as the Check button does; an unreadable one may be typed again.
    void answer(const QString &typed);
    void nextQuestion();
    bool answered() const { return m_verdict.has_value(); }
    int score() const { return m_right; }
    int asked() const { return m_marked; }
    int streak() const { return m_streak; }
    int bestStreak() const { return m_bestStreak; }
    QString feedbackText() const;
    QString workingText() const;
    bool workingShown() const;

    // The question in the window's language.
    static QString questionText(const Question &question);

    // The kinds of question chosen.
    void save(QSettings &settings) const;
    void restore(QSettings &settings);

signals:
    void statusChanged(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildSettings();
    std::vector<QuestionKind> chosenKinds() const;
    void check();
    void showQuestion();
    void showScore();
    void setQuestionFont();

    std::optional<QuizGenerator> m_quiz;
    Question m_question;
    std::optional<Verdict> m_verdict;
    int m_right = 0;
    int m_marked = 0;
    int m_streak = 0;
    int m_bestStreak = 0;

    std::vector<QCheckBox *> m_kinds;
    QSpinBox *m_seed;
    QLabel *m_heading;
    QLabel *m_text;
    QLineEdit *m_answer;
    QPushButton *m_check;
    QPushButton *m_next;
    QLabel *m_feedback;
    QPushButton *m_showWorking;
    QLabel *m_working;
    QLabel *m_score;
    QWidget *m_column = nullptr;
};

} // namespace convscope::ui
