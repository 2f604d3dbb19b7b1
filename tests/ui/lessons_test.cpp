#include "core/lessons/quiz.h"
#include "core/nn/architecture.h"
#include "tests/support/bars.h"
#include "ui/common/fieldcanvas.h"
#include "ui/lessons/equivariancepage.h"
#include "ui/lessons/quizpage.h"
#include "ui/lessons/receptivefieldpage.h"
#include "ui/mainwindow.h"
#include "ui/training/networkpage.h"
#include "ui/training/trainingsession.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
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

    // The page draws what the core works out for the unit, follows a click on the map, and
    // its table grows the field layer by layer to the unit's row.
    void theReceptiveFieldPageShowsBothFields()
    {
        ReceptiveFieldPage page;
        page.resize(1280, 800);
        page.show();
        QVERIFY(page.setNetwork("lenet5"));
        QVERIFY(!page.setNetwork("alexnet"));
        QCOMPARE(page.unit().row, 3); // conv2, the lecture's example
        QCOMPARE(page.theoretical().height, 14);
        QVERIFY(page.summaryText().contains("sees <b>14×14</b> input pixels"));
        QCOMPARE(page.steps()->rowCount(), 4);
        QVERIFY(page.steps()->item(3, 4)->text().contains("= 14, j = j′·S = 2·1 = 2"));
        const QList<FieldCanvas::Mark> marks = page.inputCanvas()->marks();
        QCOMPARE(marks.size(), 1);
        QCOMPARE(marks[0].rect,
                 QRect(int(page.theoretical().left), int(page.theoretical().top), 14, 14));

        QTest::mouseClick(page.mapCanvas(), Qt::LeftButton, {}, page.mapCanvas()->pixelCentre(0, 9));
        QCOMPARE(page.unit().y, 0);
        QCOMPARE(page.unit().x, 9);
        QCOMPARE(page.theoretical().top, -2);
        QCOMPARE(page.theoretical().left, -2 + 9 * 2);
        QVERIFY(page.inputCanvas()->marks()[0].rect.top() < 0); // into the padding

        // Without a session the page shows a preset with the seed-1 weights on a blank input:
        // its effective field is the core's for the same network and unit.
        Network twin = Network::create(*parseArchitecture("lenet5"), Shape{1, 1, 28, 28}).value();
        twin.initialize(1);
        const Tensor expected = effectiveField(twin, Tensor(Shape{1, 1, 28, 28}, 0.0f), page.unit())
                                    .value();
        QCOMPARE(page.effective().values(), expected.values());

        page.setUnit({int(twin.describe().size()) - 1, 4, 0, 0});
        QCOMPARE(page.steps()->rowCount(), int(twin.describe().size()));
        QVERIFY(page.summaryText().contains("dense3"));
    }

    // In the window the page draws the Training page's network: a new network, new weights,
    // a new data set and a reset each redraw it, never the network that trains.
    void theReceptiveFieldFollowsTheTrainingPage()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(window.showPage("receptive-field"));
        ReceptiveFieldPage &page = *window.receptiveFieldPage();
        TrainingSession &session = *window.session();
        QCOMPARE(page.networkSource(), QString("session"));
        session.setData(test::barsData(400, 100, 3));
        QVERIFY(window.networkPage()->setSpec("conv 4 3x3 pad 1 | relu | maxpool 2 | conv 6 3x3 "
                                              "| relu | flatten | dense 10"));
        QCOMPARE(page.unit().row, 3); // its second conv
        QVERIFY(page.summaryText().contains("<b>conv2</b> sees <b>8×8</b>"));
        const std::vector<float> fresh = page.effective().values();
        QVERIFY(*std::max_element(fresh.begin(), fresh.end()) > 0);

        const std::int64_t target = session.stepCount() + 5;
        for (int i = 0; i < 5; ++i)
            session.singleStep();
        QTRY_VERIFY_WITH_TIMEOUT(session.stepCount() >= target, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(page.effective().values() != fresh, 20000);

        session.reset();
        QTRY_COMPARE(page.effective().values(), fresh);

        QVERIFY(window.networkPage()->setSpec("lenet5"));
        QVERIFY(page.summaryText().contains("<b>conv2</b> sees <b>14×14</b>"));
    }

    // On the Training page's network and data: the convolution commutes with the shift to the
    // bit inside the border (as wide as the geometry says), the pool keeps only part of its
    // values, the curve is the network's probability, and a new network redraws the page.
    void theEquivariancePageProvesItWithNumbers()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(window.showPage("equivariance"));
        EquivariancePage &page = *window.equivariancePage();
        window.session()->setData(test::barsData(400, 100, 3));
        QVERIFY(window.networkPage()->setSpec("lenet5"));
        page.setShift(0, 3);
        QCOMPARE(page.convolutionDifference().largestInside, 0.0f);
        QVERIFY(page.convolutionDifference().largest > 0.0f);
        // conv1 is 5×5 with padding 2: columns 4 to 26 (from 1) are clear of the border.
        QCOMPARE(std::count(page.interior().begin(), page.interior().end(), 1), 23 * 28);
        QCOMPARE(page.pooledAgreement().count, 6 * 14 * 14);
        QVERIFY(page.pooledAgreement().same < page.pooledAgreement().count);
        QCOMPARE(page.acrossCurve().size(), size_t(13));
        QCOMPARE(page.acrossCurve()[6], page.downCurve()[6]);
        for (double p : page.acrossCurve())
            QVERIFY(p >= 0.0 && p <= 1.0);
        QVERIFY(page.summaryText().contains("largest difference 0)"));

        page.setShift(0, 0);
        QCOMPARE(page.convolutionDifference().largest, 0.0f);
        QCOMPARE(page.pooledAgreement().same, page.pooledAgreement().count);

        QVERIFY(window.networkPage()->setSpec("tiny"));
        page.setFilter(7);
        QVERIFY(page.summaryText().contains("pooled values"));
        QCOMPARE(page.pooledAgreement().count, 8 * 14 * 14);
        QVERIFY(window.networkPage()->setSpec("mlp"));
        QVERIFY(page.summaryText().contains("no convolution"));
    }

    // The window has the page, and --page quiz --seed N shows the seed's
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
