#include "ui/lessons/quizpage.h"

#include "ui/common/coretext.h"
#include "ui/common/style.h"

#include <QCheckBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace convscope::ui {

namespace {

constexpr int kMaxSeed = 999999;

QString text(const std::string &words)
{
    return QString::fromStdString(words);
}

} // namespace

// The core phrases a receptive-field question as one sentence around a list of any length,
// which no translation of the whole could follow: the window says it a layer at a time.
QString QuizPage::questionText(const Question &question)
{
    if (question.kind != QuestionKind::ReceptiveField)
        return coreText(question.text);
    QStringList layers;
    for (const QuizLayer &layer : question.setting.stack) {
        const QString kind = (layer.pool ? tr("max pool %1×%1") : tr("conv %1×%1")).arg(layer.kernel);
        layers << (layer.dilation > 1 ? tr("%1 (stride %2, dilation %3)")
                                            .arg(kind)
                                            .arg(layer.stride)
                                            .arg(layer.dilation)
                                      : tr("%1 (stride %2)").arg(kind).arg(layer.stride));
    }
    return tr("Layer by layer: %1. How many input pixels wide is the receptive field of one unit "
              "of the last layer?")
        .arg(layers.join(tr(", then ")));
}

QuizPage::QuizPage(QWidget *parent)
    : QWidget(parent)
    , m_seed(new QSpinBox(this))
    , m_heading(new QLabel(this))
    , m_text(new QLabel(this))
    , m_answer(new QLineEdit(this))
    , m_check(new QPushButton(tr("Check"), this))
    , m_next(new QPushButton(tr("Next question"), this))
    , m_feedback(new QLabel(this))
    , m_showWorking(new QPushButton(tr("Show the working"), this))
    , m_working(new QLabel(this))
    , m_score(new QLabel(this))
{
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_heading->setEnabled(false); // greyed: the number and kind of the question, not the question
    m_feedback->setWordWrap(true);
    m_working->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_working->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_working->setWordWrap(true);
    m_working->setFrameShape(QFrame::StyledPanel);
    m_working->setMargin(8);
    m_next->setShortcut(QKeySequence(tr("Ctrl+N")));
    m_next->setToolTip(tr("The next question (Ctrl+N, or Return once answered)"));
    m_showWorking->setToolTip(tr("How to work the answer out, with this question's numbers"));

    auto *answerRow = new QHBoxLayout;
    answerRow->addWidget(m_answer, 1);
    answerRow->addWidget(m_check);
    answerRow->addWidget(m_next);
    // The question in a card of a readable width (the column's, set with the font); the score
    // under it, where the class sees it.
    auto *card = new QFrame(this);
    card->setFrameShape(QFrame::StyledPanel);
    card->setBackgroundRole(QPalette::Base);
    card->setAutoFillBackground(true);
    auto *question = new QVBoxLayout(card);
    question->setContentsMargins(16, 12, 16, 16);
    question->addWidget(m_heading);
    question->addWidget(m_text);
    question->addSpacing(8);
    question->addLayout(answerRow);
    question->addWidget(m_feedback);
    question->addWidget(m_showWorking, 0, Qt::AlignLeft);
    question->addWidget(m_working);
    auto *hint = new QLabel(tr("Work it out on paper first, then type the answer and press "
                               "Return. One try a question; an answer that cannot be read may "
                               "be typed again."),
                            this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    m_column = new QWidget(this);
    auto *column = new QVBoxLayout(m_column);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(card);
    column->addWidget(m_score);
    column->addWidget(hint);
    column->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(buildSettings());
    layout->addWidget(m_column, 1);
    layout->addStretch(0);
    setQuestionFont();

    connect(m_check, &QPushButton::clicked, this, &QuizPage::check);
    connect(m_next, &QPushButton::clicked, this, &QuizPage::nextQuestion);
    connect(m_answer, &QLineEdit::returnPressed, this, [this] {
        if (answered())
            nextQuestion();
        else
            check();
    });
    connect(m_showWorking, &QPushButton::clicked, this, [this] {
        m_working->setVisible(true);
        m_showWorking->setVisible(false);
    });
    startQuiz(QRandomGenerator::global()->bounded(1, kMaxSeed + 1));
}

QWidget *QuizPage::buildSettings()
{
    auto *box = new QGroupBox(tr("Pop quiz"), this);
    box->setObjectName(style::kSettingsColumn);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(new QLabel(tr("Questions on"), box));
    for (QuestionKind kind : kQuestionKinds) {
        auto *check = new QCheckBox(capitalised(coreText(questionKindName(kind))), box);
        check->setChecked(true);
        m_kinds.push_back(check);
        layout->addWidget(check);
        // At least one kind stays chosen; a change starts the next question with the new mix.
        connect(check, &QCheckBox::toggled, this, [this, check](bool on) {
            if (!on && chosenKinds().empty()) {
                check->setChecked(true);
                return;
            }
            startQuiz(seed());
        });
    }
    m_seed->setRange(1, kMaxSeed);
    m_seed->setToolTip(tr("Give the class one seed: everyone gets the same questions in the "
                          "same order"));
    auto *form = new QFormLayout;
    form->addRow(tr("Seed"), m_seed);
    layout->addSpacing(8);
    layout->addLayout(form);
    auto *restart = new QPushButton(tr("New quiz"), box);
    restart->setToolTip(tr("Start again from question 1 with this seed"));
    layout->addWidget(restart);
    auto *note = new QLabel(tr("The same seed gives the whole class the same questions: write "
                               "it on the board, or start ConvScope with --page quiz --seed N."),
                            box);
    note->setWordWrap(true);
    layout->addWidget(note);
    layout->addStretch(1);
    box->setMaximumWidth(fontMetrics().horizontalAdvance(QString(34, 'x')));
    connect(restart, &QPushButton::clicked, this, [this] { startQuiz(seed()); });
    return box;
}

std::vector<QuestionKind> QuizPage::chosenKinds() const
{
    std::vector<QuestionKind> kinds;
    for (size_t i = 0; i < m_kinds.size(); ++i) {
        if (m_kinds[i]->isChecked())
            kinds.push_back(kQuestionKinds[i]);
    }
    return kinds;
}

void QuizPage::startQuiz(std::uint64_t seed)
{
    const std::uint64_t chosen = std::clamp<std::uint64_t>(seed, 1, kMaxSeed);
    m_seed->setValue(int(chosen));
    m_quiz.emplace(chosen, chosenKinds());
    m_right = m_marked = m_streak = m_bestStreak = 0;
    nextQuestion();
}

std::uint64_t QuizPage::seed() const
{
    return std::uint64_t(m_seed->value());
}

void QuizPage::nextQuestion()
{
    m_question = m_quiz->next();
    m_verdict.reset();
    showQuestion();
}

void QuizPage::showQuestion()
{
    m_heading->setText(
        tr("Question %1 · %2").arg(m_quiz->asked()).arg(coreText(questionKindName(m_question.kind))));
    m_text->setText(questionText(m_question));
    m_answer->clear();
    m_answer->setReadOnly(false);
    m_answer->setPlaceholderText(m_question.format == "C×H×W" ? tr("C×H×W, e.g. 3×32×32")
                                                              : tr("a number, e.g. 1,216"));
    m_answer->setFocus();
    m_check->setEnabled(true);
    m_feedback->clear();
    m_feedback->setStyleSheet(QString());
    QStringList lines;
    for (const std::string &line : m_question.derivation)
        lines << coreText(line);
    m_working->setText(lines.join('\n'));
    m_working->setVisible(false);
    m_showWorking->setVisible(false);
    showScore();
}

void QuizPage::answer(const QString &typed)
{
    m_answer->setText(typed);
    check();
}

// One try a question: a wrong answer shows the working and ends the streak; an answer that
// cannot be read (or lacks its channels) may be typed again.
void QuizPage::check()
{
    if (answered())
        return;
    const Marking marking = markAnswer(m_question, m_answer->text().toStdString());
    m_feedback->setText(coreText(marking.message));
    if (marking.verdict == Verdict::Unreadable) {
        m_feedback->setStyleSheet(QString());
        return;
    }
    m_verdict = marking.verdict;
    ++m_marked;
    const bool right = marking.verdict == Verdict::Right;
    m_right += right;
    m_streak = right ? m_streak + 1 : 0;
    m_bestStreak = std::max(m_bestStreak, m_streak);
    m_feedback->setStyleSheet(
        QString("color: %1").arg((right ? style::kRight : style::kError).name()));
    m_answer->setReadOnly(true);
    m_check->setEnabled(false);
    m_working->setVisible(!right);
    m_showWorking->setVisible(right);
    // The focus stays in the answer box, where Return now goes on to the next question.
    showScore();
}

void QuizPage::showScore()
{
    const QString score = tr("Score %1 of %2 · streak %3 · best streak %4")
                              .arg(m_right)
                              .arg(m_marked)
                              .arg(m_streak)
                              .arg(m_bestStreak);
    m_score->setText(score);
    emit statusChanged(tr("Quiz, seed %1: %2").arg(seed()).arg(score));
}

QString QuizPage::feedbackText() const
{
    return m_feedback->text();
}

QString QuizPage::workingText() const
{
    return m_working->text();
}

bool QuizPage::workingShown() const
{
    return m_working->isVisibleTo(this);
}

void QuizPage::save(QSettings &settings) const
{
    QStringList kinds;
    for (QuestionKind kind : chosenKinds())
        kinds << text(questionKindName(kind));
    settings.setValue("kinds", kinds);
}

// Names this version does not know are passed over; no known name keeps every kind.
void QuizPage::restore(QSettings &settings)
{
    const QStringList kinds = settings.value("kinds").toStringList();
    std::vector<bool> on;
    for (QuestionKind kind : kQuestionKinds)
        on.push_back(kinds.contains(text(questionKindName(kind))));
    if (std::find(on.begin(), on.end(), true) == on.end())
        return;
    for (size_t i = 0; i < m_kinds.size(); ++i) {
        const QSignalBlocker block(m_kinds[i]);
        m_kinds[i]->setChecked(on[i]);
    }
    startQuiz(seed());
}

// The question a step above the page's font, also once presentation mode has enlarged it.
void QuizPage::setQuestionFont()
{
    QFont large = font();
    large.setPointSizeF(large.pointSizeF() * 1.4);
    m_text->setFont(large);
    m_answer->setFont(large);
    QFont working = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    working.setPointSizeF(font().pointSizeF());
    m_working->setFont(working);
    QFont score = font();
    score.setBold(true);
    score.setPointSizeF(font().pointSizeF() * 1.2);
    m_score->setFont(score);
    if (m_column)
        m_column->setMaximumWidth(QFontMetrics(large).averageCharWidth() * 80);
}

void QuizPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        setQuestionFont();
}

} // namespace convscope::ui
