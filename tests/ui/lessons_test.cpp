#include "core/lessons/quiz.h"
#include "core/nn/architecture.h"
#include "tests/support/bars.h"
#include "ui/common/fieldcanvas.h"
#include "ui/common/tensorview.h"
#include "ui/explorer/convknobs.h"
#include "ui/explorer/convolutionpage.h"
#include "ui/explorer/kerneleditor.h"
#include "ui/lessons/equivariancepage.h"
#include "ui/lessons/fieldnetwork.h"
#include "ui/lessons/quizpage.h"
#include "ui/lessons/receptivefieldpage.h"
#include "ui/mainwindow.h"
#include "ui/training/architecturespage.h"
#include "ui/training/layertree.h"
#include "ui/training/networkpage.h"
#include "ui/training/probeview.h"
#include "ui/training/trainingpage.h"
#include "ui/training/trainingsession.h"

#include <QCheckBox>
#include <QDialog>
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
        QVERIFY(!page.setNetwork("mlp")); // its first layer already sees everything
        QVERIFY(!page.setNetwork("lenet7"));
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

    // A preset of another input size draws on the photo: one of few multiply-adds at once,
    // and equal to the core's gradient; AlexNet's maps without its dense layers, off the GUI
    // thread, the views empty and saying so until the gradient is there, which never leaves
    // the theoretical field.
    void theReceptiveFieldPageDrawsAnyPreset()
    {
        ReceptiveFieldPage page;
        page.resize(1280, 800);
        page.show();
        QVERIFY(page.setNetwork("lecture-cnn"));
        QCOMPARE(page.effective().shape(), (Shape{1, 1, 32, 32}));
        Network twin = Network::create(*parseArchitecture("lecture-cnn"), Shape{1, 3, 32, 32})
                           .value();
        twin.initialize(1);
        const Tensor photo = fieldPhoto(Shape{1, 3, 32, 32});
        QCOMPARE(page.effective().values(),
                 effectiveField(twin, photo, page.unit()).value().values());
        QCOMPARE(page.inputCanvas()->image().pixel(3, 5),
                 qRgb(int(std::lround(photo.at(0, 0, 5, 3) * 255)),
                      int(std::lround(photo.at(0, 1, 5, 3) * 255)),
                      int(std::lround(photo.at(0, 2, 5, 3) * 255))));

        QVERIFY(page.setNetwork("alexnet"));
        QVERIFY(page.networkNote().contains("its dense layers, 58,631,144 of its 61,100,840 "
                                            "parameters, are left out"));
        QVERIFY(page.steps()->item(page.steps()->rowCount() - 1, 0)->text().startsWith("conv"));
        QVERIFY(page.theoretical().height <= 112); // the deepest conv that fits twice
        QVERIFY(page.effective().values().empty());
        QVERIFY(page.summaryText().contains("Working out its gradient"));
        page.waitForField();
        QCOMPARE(page.effective().shape(), (Shape{1, 1, 224, 224}));
        const FieldRect f = page.theoretical();
        double inside = 0;
        for (int y = 0; y < 224; ++y) {
            for (int x = 0; x < 224; ++x) {
                const float v = page.effective().at(0, 0, y, x);
                if (y < f.top || y >= f.top + f.height || x < f.left || x >= f.left + f.width)
                    QCOMPARE(v, 0.0f);
                else
                    inside += v;
            }
        }
        QVERIFY(inside > 0);
        QVERIFY(page.summaryText().contains("90 % of its gradient"));
        page.setUnit({99, 0, 0, 0});
        QCOMPARE(page.steps()->rowCount(), 13);
        QCOMPARE(page.steps()->item(12, 0)->text(), QString("maxpool3"));
        page.waitForField();
    }

    // A stack written on the page: its fields are the geometry's, its input the photo in its
    // channels; a stack or an input that does not build says why and leaves the last one.
    void theReceptiveFieldPageDrawsYourOwnStack()
    {
        ReceptiveFieldPage page;
        page.resize(1280, 800);
        page.show();
        page.setStack("conv 4 3x3 | relu | conv 4 3x3 dilation 2 | maxpool 2", "2x20x30");
        QCOMPARE(page.networkSource(), QString("stack"));
        QCOMPARE(page.stackError(), QString());
        QCOMPARE(page.steps()->rowCount(), 3); // the second conv, the page's first choice
        QCOMPARE(page.theoretical().height, 1 + 2 + 4);
        QCOMPARE(page.effective().shape(), (Shape{1, 1, 20, 30}));
        QVERIFY(page.networkNote().contains("2×20×30"));
        page.setUnit({3, 1, 2, 3});
        QCOMPARE(page.theoretical().height, 8); // the pool: 7 + 1·(2−1)·1
        QCOMPARE(page.theoretical().top, 4);
        // The same layer at a new size starts again in its middle: (40−2−4)/2 = 17 rows.
        page.setStack("conv 4 3x3 | relu | conv 4 3x3 dilation 2 | maxpool 2", "2x40x30");
        QCOMPARE(page.unit().row, 3);
        QCOMPARE(page.unit().y, 8);
        QCOMPARE(page.unit().x, 6);

        page.setStack("conv 4 9x9", "1x5x5");
        QVERIFY(page.stackError().contains("smaller than the"));
        QCOMPARE(page.steps()->rowCount(), 4); // the last stack that was built
        QCOMPARE(page.effective().shape(), (Shape{1, 1, 40, 30}));
        page.setStack("conv 4 3x3", "5 by 5");
        QVERIFY(page.stackError().startsWith("input: "));
        page.setStack("conv 4 3x3", "1x5x5");
        QCOMPARE(page.stackError(), QString());
        QCOMPARE(page.steps()->rowCount(), 1);
        QCOMPARE(page.effective().shape(), (Shape{1, 1, 5, 5}));
    }

    // On the Convolution page's image and filters: reduced, at stride 1 and with zeros round
    // it, whatever the page's stride and padding, and the note says so; equal to the bit inside
    // the border; no curve, there being no classifier; a change of the filters follows.
    void theEquivariancePageShiftsTheExplorersImage()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        ConvolutionPage &explorer = *window.convolutionPage();
        const auto settle = [&explorer] {
            return QTest::qWaitFor([&explorer] { return explorer.isIdle(); }, 20000);
        };
        explorer.openImage(":/samples/coffee.png");
        explorer.kernelEditor()->setKernelSize(5);
        explorer.kernelEditor()->setFilterCount(2);
        explorer.knobs()->setStride(2, 2);
        explorer.knobs()->setPadding(PaddingSpec::uniform(1));
        explorer.knobs()->setPadMode(PadMode::Reflect);
        QVERIFY(settle());
        QVERIFY(window.showPage("equivariance"));
        EquivariancePage &page = *window.equivariancePage();
        QVERIFY(page.setSource("explorer"));
        QVERIFY(!page.setSource("elsewhere"));
        page.setShift(2, -3);
        QVERIFY(page.sourceNote().contains("reduced from 400×600 to 85×128"));
        QVERIFY(page.sourceNote().contains("stride 1 (the page's is 2×2"));
        QVERIFY(page.sourceNote().contains("reflect"));
        QVERIFY(!page.showsCurve());
        // 85 + 2·1 − 5 + 1 = 83 rows, 128 + 2 − 5 + 1 = 126 columns, a map per filter.
        QCOMPARE(page.convolutionDifference().magnitude.shape(), (Shape{1, 2, 83, 126}));
        QCOMPARE(page.convolutionDifference().largestInside, 0.0f);
        QVERIFY(page.convolutionDifference().largest > 0.0f);
        QVERIFY(std::count(page.interior().begin(), page.interior().end(), 1) > 70 * 110);
        QVERIFY(page.summaryText().contains("largest difference 0)"));

        explorer.kernelEditor()->setFilterCount(3);
        QVERIFY(settle());
        QCOMPARE(page.convolutionDifference().magnitude.shape().c, 3);
        page.setSource("session");
        QVERIFY(page.showsCurve());
        QCOMPARE(page.convolutionDifference().magnitude.shape().h, 28);
    }

    // The Architectures page opens its chosen row, and the probe maps their clicked unit.
    void otherPagesOpenAUnitsField()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        QVERIFY(window.showPage("architectures"));
        ArchitecturesPage &gallery = *window.architecturesPage();
        QVERIFY(gallery.showNetwork("lecture-cnn"));
        gallery.tree()->setCurrentItem(gallery.tree()->itemOf("conv3"));
        const int row = gallery.chosenRow();
        QVERIFY(row > 0);
        QTest::mouseClick(gallery.fieldButton(), Qt::LeftButton);
        ReceptiveFieldPage &page = *window.receptiveFieldPage();
        QCOMPARE(window.currentPageKey(), QString("receptive-field"));
        QCOMPARE(page.networkSource(), QString("lecture-cnn"));
        QCOMPARE(page.unit().row, row);
        QCOMPARE(page.steps()->item(row, 0)->text(), QString("conv3"));
        page.waitForField();

        window.session()->setData(test::barsData(400, 100, 3));
        QVERIFY(window.networkPage()->setSpec("lenet5"));
        QVERIFY(window.showPage("training"));
        ProbeView &probe = *window.trainingPage()->probe();
        const QList<TensorView *> rows = probe.findChildren<TensorView *>();
        TensorView *conv2 = rows[4]; // the input, conv1, relu1, maxpool1, conv2
        QTRY_VERIFY(!conv2->cellRect(2, 4, 5).isEmpty());
        QTest::mouseClick(conv2, Qt::LeftButton, {}, conv2->cellRect(2, 0, 0).center().toPoint());
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = probe.findChild<QDialog *>()) != nullptr);
        auto *enlarged = dialog->findChild<TensorView *>();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        const QPoint unit = enlarged->cellRect(0, 4, 5).center().toPoint();
        QTest::mouseClick(enlarged, Qt::LeftButton, {}, unit);
        QCOMPARE(window.currentPageKey(), QString("receptive-field"));
        QCOMPARE(page.networkSource(), QString("session"));
        QCOMPARE(page.unit().row, 3);
        QCOMPARE(page.unit().channel, 2);
        QCOMPARE(page.unit().y, 4);
        QCOMPARE(page.unit().x, 5);
        QVERIFY(page.summaryText().contains("<b>conv2</b> sees <b>14×14</b>"));
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

        // A preset keeps its own network through a run, and follows a new data set's image.
        QVERIFY(page.setNetwork("tiny"));
        const std::vector<float> tiny = page.effective().values();
        for (int i = 0; i < 3; ++i)
            session.singleStep();
        QTRY_VERIFY_WITH_TIMEOUT(session.stepCount() >= 3, 20000);
        QCOMPARE(page.effective().values(), tiny);
        session.reset(); // a paused run keeps its data set
        session.setData(test::barsData(400, 100, 7));
        QTRY_VERIFY(page.effective().values() != tiny);
        QCOMPARE(page.networkSource(), QString("tiny"));
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
