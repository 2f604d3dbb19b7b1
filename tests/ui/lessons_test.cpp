#include "core/lessons/quiz.h"
#include "ui/lessons/quizpage.h"
#include "ui/mainwindow.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

namespace convscope::ui {

class LessonsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The page asks what the core's generator asks for the seed, marks as the core marks, and
    // keeps the score: a right answer grows the streak, a wrong one shows the working and ends
    // it, an unreadable one may be typed again.
    void theQuizAsksMarksAndScores()
    {
        QuizPage page;
        page.startQuiz(2024);
        QCOMPARE(page.seed(), std::uint64_t(2024));
        QuizGenerator same(2024);
        const Question first = same.next();
        QCOMPARE(page.question().text, first.text);

        page.answer("");
        QVERIFY(!page.answered());
        QCOMPARE(page.asked(), 0);
        page.answer(QString::fromStdString(first.answerText));
        QVERIFY(page.answered());
        QCOMPARE(page.score(), 1);
        QCOMPARE(page.streak(), 1);
        QVERIFY(page.feedbackText().startsWith("Right"));
        QVERIFY(!page.workingShown());

        page.nextQuestion();
        const Question second = same.next();
        QCOMPARE(page.question().text, second.text);
        QStringList wrong;
        for (std::int64_t value : second.answer)
            wrong << QString::number(value + 1);
        page.answer(wrong.join('x'));
        QCOMPARE(page.score(), 1);
        QCOMPARE(page.asked(), 2);
        QCOMPARE(page.streak(), 0);
        QCOMPARE(page.bestStreak(), 1);
        QVERIFY(page.feedbackText().contains(QString::fromStdString(second.answerText)));
        QVERIFY(page.workingShown());
        QStringList lines;
        for (const std::string &line : second.derivation)
            lines << QString::fromStdString(line);
        QCOMPARE(page.workingText(), lines.join('\n'));
        // Answered: a second try counts nothing.
        page.answer(QString::fromStdString(second.answerText));
        QCOMPARE(page.score(), 1);

        // A new quiz with the same seed starts again at its first question.
        page.startQuiz(2024);
        QCOMPARE(page.question().text, first.text);
        QCOMPARE(page.asked(), 0);
    }

    // Return checks, and once answered goes on; the kinds chosen are the kinds asked, and
    // the last one cannot be unticked.
    void theKeyboardAndTheKindsDriveIt()
    {
        QuizPage page;
        page.show();
        QApplication::setActiveWindow(&page);
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.startQuiz(5);
        auto *field = page.findChild<QLineEdit *>();
        QVERIFY(field);
        // Typed where the keyboard's focus is, as a student types.
        const auto type = [](const QString &keys) {
            QTest::keyClicks(QApplication::focusWidget(), keys);
        };
        QTRY_COMPARE(QApplication::focusWidget(), field);
        type(QString::fromStdString(page.question().answerText));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(page.score(), 1);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QVERIFY(!page.answered());
        QCOMPARE(page.asked(), 1);
        type("12");
        QCOMPARE(field->text(), QString("12"));

        QList<QCheckBox *> kinds = page.findChildren<QCheckBox *>();
        QCOMPARE(kinds.size(), qsizetype(std::size(kQuestionKinds)));
        for (int i = 0; i < kinds.size(); ++i)
            kinds[i]->setChecked(i == 3); // receptive field only
        QVERIFY(kinds[3]->isChecked());
        kinds[3]->setChecked(false);
        QVERIFY(kinds[3]->isChecked());
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(page.question().kind, QuestionKind::ReceptiveField);
            page.nextQuestion();
        }

        QTemporaryDir dir;
        QSettings settings(dir.filePath("quiz.ini"), QSettings::IniFormat);
        page.save(settings);
        QuizPage again;
        again.restore(settings);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(again.question().kind, QuestionKind::ReceptiveField);
            again.nextQuestion();
        }
        settings.setValue("kinds", QStringList{"tomorrow's kind"});
        QuizPage unknown;
        unknown.restore(settings);
        QCOMPARE(unknown.findChildren<QCheckBox *>().count(), kinds.size());
        for (QCheckBox *kind : unknown.findChildren<QCheckBox *>())
            QVERIFY(kind->isChecked());
    }

    // The window has the page, Ctrl+7 reaches it, and --page quiz --seed N shows the seed's
    // first question in a screenshot.
    void theQuizIsAPageOfTheWindowAndOfTheCommandLine()
    {
        MainWindow window;
        QVERIFY(window.showPage("quiz"));
        QCOMPARE(window.currentPageKey(), QString("quiz"));
        QVERIFY(window.quizPage());

        QTemporaryDir dir;
        const QString shot = dir.filePath("quiz.png");
        QProcess gui;
        gui.setProcessEnvironment([] {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert("QT_QPA_PLATFORM", "offscreen");
            return env;
        }());
        gui.start(CONVSCOPE_GUI, {"--page", "quiz", "--seed", "31", "--screenshot", shot});
        QVERIFY(gui.waitForFinished(60000));
        QCOMPARE(gui.exitCode(), 0);
        QVERIFY(QImage(shot).width() > 0);

        gui.start(CONVSCOPE_GUI, {"--page", "quiz", "--seed", "zero", "--screenshot", shot});
        QVERIFY(gui.waitForFinished(60000));
        QCOMPARE(gui.exitCode(), 2);
        QVERIFY(gui.readAllStandardError().contains("--seed"));
    }
};

} // namespace convscope::ui

QTEST_MAIN(convscope::ui::LessonsTest)
#include "lessons_test.moc"
