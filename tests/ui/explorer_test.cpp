#include "core/explorer/pool_shift.h"
#include "core/io/npy.h"
#include "core/ops/reference.h"
#include "ui/common/colorbar.h"
#include "ui/common/featureexport.h"
#include "ui/common/planeimages.h"
#include "ui/common/tensorview.h"
#include "ui/explorer/convknobs.h"
#include "ui/explorer/convolutionpage.h"
#include "ui/explorer/explorerhistory.h"
#include "ui/explorer/inputpicker.h"
#include "ui/explorer/kerneleditor.h"
#include "ui/explorer/poolingpage.h"
#include "ui/explorer/stepbar.h"
#include "ui/mainwindow.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

namespace convscope::ui {

namespace {

constexpr int kWaitMs = 20000;

bool waitIdle(ConvolutionPage &page)
{
    return QTest::qWaitFor([&] { return page.isIdle(); }, kWaitMs);
}

// A mouse move delivered straight to the view, independent of where the platform puts windows.
void hover(TensorView *view, int tile, int y, int x)
{
    const QPointF at = view->cellRect(tile, y, x).center();
    QMouseEvent move(QEvent::MouseMove, at, view->mapToGlobal(at), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QApplication::sendEvent(view, &move);
}

Shape outputShape(const ConvolutionPage &page)
{
    return page.result() ? page.result()->outcome.output.shape() : Shape{};
}

// The explorer opened on the lecture's 7×7 pattern (exact values 0 to 3).
struct LectureWindow
{
    LectureWindow()
    {
        window.resize(1280, 800);
        window.show();
        page().openImage(":/samples/pattern-7x7.npy");
    }
    ConvolutionPage &page() { return *window.convolutionPage(); }
    MainWindow window;
};

} // namespace

class ExplorerTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void knobsChangeTheFormulaAndTheOutputShape()
    {
        MainWindow window;
        ConvolutionPage &page = *window.convolutionPage();
        QVERIFY(waitIdle(page));
        QCOMPARE(outputShape(page), (Shape{1, 1, 510, 510}));
        QVERIFY2(page.formulaText().contains(
                     "O_h = floor((512 + 0 + 0 − 1·(3−1) − 1) / 1) + 1 = 510"),
                 qPrintable(page.formulaText()));
        page.knobs()->setStride(2, 2);
        QVERIFY(waitIdle(page));
        QCOMPARE(outputShape(page), (Shape{1, 1, 255, 255}));
        QVERIFY(page.formulaText().contains("/ 2) + 1 = 255"));
        page.knobs()->setPadding(PaddingSpec::mode(PaddingKind::Same));
        QVERIFY(waitIdle(page));
        QCOMPARE(outputShape(page), (Shape{1, 1, 256, 256}));
        page.knobs()->setDilation(3, 1);
        QVERIFY(waitIdle(page));
        QVERIFY(page.formulaText().contains("Effective kernel D·(K−1) + 1 = 7×3"));
        page.kernelEditor()->setFilterCount(3);
        QVERIFY(waitIdle(page));
        QCOMPARE(outputShape(page).c, 3);
        QCOMPARE(page.outputView()->tileCount(), 3);
        QVERIFY(window.statusText().contains("output 3×256×256"));
    }

    // At the default size nothing a student reads is cut: the output's shape, the filter's
    // name; the channel choice appears only when there is one to make.
    void theShapeAndTheFilterNameStayWhole()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        ConvolutionPage &page = *window.convolutionPage();
        QVERIFY(waitIdle(page));
        auto find = [&](auto match) {
            for (QWidget *w : page.findChildren<QWidget *>()) {
                if (match(w))
                    return w;
            }
            return static_cast<QWidget *>(nullptr);
        };
        auto *shape = qobject_cast<QLabel *>(find([](QWidget *w) {
            auto *label = qobject_cast<QLabel *>(w);
            return label && label->text().startsWith("C<sub>out</sub>");
        }));
        auto combo = [&](const QString &first) {
            return qobject_cast<QComboBox *>(find([&](QWidget *w) {
                auto *box = qobject_cast<QComboBox *>(w);
                return box && box->count() > 0 && box->itemText(0).startsWith(first);
            }));
        };
        QVERIFY(shape && combo("Filter 1") && combo("1 channel"));
        QVERIFY(shape->text().contains("1×510×510"));
        QVERIFY(shape->width() >= shape->sizeHint().width());
        // The combo's own size hint is taken before its items exist: measure the text.
        auto whole = [](QComboBox *box) {
            return box->width() > box->fontMetrics().horizontalAdvance(box->currentText()) + 24;
        };
        QVERIFY(whole(combo("Filter 1")));
        QVERIFY(!combo("1 channel")->isVisible());

        page.openImage(":/samples/coffee.png");
        QTRY_VERIFY_WITH_TIMEOUT(combo("all channels") && combo("all channels")->isVisible(),
                                 kWaitMs);
        QVERIFY(whole(combo("Filter 1")));
    }

    void hoverShowsTheDotProductOfTheComputedValue()
    {
        LectureWindow lecture;
        ConvolutionPage &page = lecture.page();
        page.kernelEditor()->applyPreset("lecture");
        page.kernelEditor()->setFilterCount(2);
        page.knobs()->setPadding(PaddingSpec::uniform(1));
        page.knobs()->setPadMode(PadMode::Reflect);
        QVERIFY(waitIdle(page));
        const auto result = page.result();
        QCOMPARE(result->outcome.output.shape(), (Shape{1, 2, 7, 7}));
        const Tensor reference = conv2dReference(result->outcome.plan, *result->input,
                                                 result->outcome.weights, result->outcome.bias);
        TensorView *view = page.outputView();
        const QList<QPoint> cells = {{0, 0}, {3, 2}, {6, 6}, {1, 5}};
        for (int channel : {0, 1}) {
            for (const QPoint &cell : cells) {
                hover(view, channel, cell.y(), cell.x());
                const DotProduct &dot = page.shownDotProduct();
                const float value = result->outcome.output.at(0, channel, cell.y(), cell.x());
                QCOMPARE(int(dot.terms.size()), 9);
                QVERIFY(std::abs(dot.value - value) < 1e-5);
                QVERIFY(std::abs(dot.value - reference.at(0, channel, cell.y(), cell.x())) < 1e-5);
                QVERIFY2(page.dotProductText().contains("✓"), qPrintable(page.dotProductText()));
                // The tile titled "filter 2" is channel 2, and rows and columns count from 1.
                QVERIFY2(page.dotProductText().contains(
                             QString("Output channel %1, row %2, column %3")
                                 .arg(channel + 1)
                                 .arg(cell.y() + 1)
                                 .arg(cell.x() + 1)),
                         qPrintable(page.dotProductText()));
                QCOMPARE(view->tileTitle(channel), QString("filter %1").arg(channel + 1));
            }
        }
        // The lecture's value: the window at the top left of the 7×7 pattern with its kernel.
        page.knobs()->setPadding(PaddingSpec::uniform(0));
        QVERIFY(waitIdle(page));
        QCOMPARE(page.result()->outcome.output.at(0, 0, 0, 0), 15.0f);
    }

    void hoveringAnInputPixelMarksEveryOutputItFeeds()
    {
        LectureWindow lecture;
        ConvolutionPage &page = lecture.page();
        QVERIFY(waitIdle(page));
        hover(page.inputView(), 0, 3, 3);
        // A 3×3 window with stride 1 over a 7×7 input: the centre pixel feeds 3×3 outputs.
        QVERIFY2(page.dotProductText().contains("feeds 9 output"),
                 qPrintable(page.dotProductText()));
    }

    void anInvalidSettingShowsTheReasonAndKeepsTheLastOutput()
    {
        LectureWindow lecture;
        ConvolutionPage &page = lecture.page();
        QVERIFY(waitIdle(page));
        const auto before = page.result();
        QCOMPARE(before->outcome.output.shape(), (Shape{1, 1, 5, 5}));
        page.kernelEditor()->setKernelSize(9);
        QVERIFY(waitIdle(page));
        QVERIFY2(page.formulaText().contains("smaller than the kernel 9×9"),
                 qPrintable(page.formulaText()));
        QVERIFY(page.outputView()->isGreyedOut());
        QCOMPARE(page.result(), before);
        QCOMPARE(page.outputView()->tileCount(), 1);
        page.knobs()->setPadding(PaddingSpec::uniform(1));
        QVERIFY(waitIdle(page));
        QVERIFY(!page.outputView()->isGreyedOut());
        QCOMPARE(outputShape(page), (Shape{1, 1, 1, 1}));
    }

    void exportsWritePicturesOfTheRightSizeAndValidArrays()
    {
        LectureWindow lecture;
        ConvolutionPage &page = lecture.page();
        page.kernelEditor()->setFilterCount(2);
        QVERIFY(waitIdle(page));
        const FeatureMaps maps = page.featureMaps();
        QCOMPARE(maps.stem, QString("pattern-7x7_sobel-x-sobel-y_k3_s1_p0_d1"));
        QTemporaryDir dir;
        const QString png = dir.filePath("one.png");
        QCOMPARE(writeExportPng(png, maps, {1, 8, false}), QString());
        QImage image(png);
        QCOMPARE(image.size(), QSize(40, 40));
        QCOMPARE(image.text("stride"), QString("1×1"));
        QCOMPARE(writeExportPng(dir.filePath("bar.png"), maps, {-1, 8, true}), QString());
        image = QImage(dir.filePath("bar.png"));
        QVERIFY(image.width() > 2 * 40 + 4);
        QCOMPARE(image.height(), 84); // room for three labels of 14 px: 6 × 14

        // A worked example for a slide: the numbers in the cells, as the window shows them.
        const QImage plain = exportImage(maps, {0, 48, false, false});
        const QImage numbered = exportImage(maps, {0, 48, false, true});
        QCOMPARE(numbered.size(), QSize(5 * 48, 5 * 48));
        QVERIFY(numbered != plain.convertToFormat(QImage::Format_RGB32));
        // …and nothing written where cells are too small to hold a number.
        QCOMPARE(exportImage(maps, {0, 8, false, true}).convertToFormat(QImage::Format_RGB32),
                 exportImage(maps, {0, 8, false, false}).convertToFormat(QImage::Format_RGB32));
        const float corner = maps.values->at(0, 0, 0, 0);
        QCOMPARE(cellText(corner, 48), QString::number(corner, 'g', 6).replace('-', QChar(0x2212)));

        const QString npy = dir.filePath("maps.npy");
        QCOMPARE(writeExportNpy(npy, maps, -1), QString());
        QFile file(npy);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        Expected<NpyArray> array = parseNpy(bytes.toStdString(), "maps.npy");
        QVERIFY(array.ok());
        QCOMPARE(array->shape, (std::vector<std::int64_t>{2, 5, 5}));
        QCOMPARE(array->values, page.result()->outcome.output.values());
        QVERIFY(QFile::exists(npy + ".txt"));

        int written = 0;
        QCOMPARE(writeAllChannels(dir.filePath("all"), maps, {-1, 2, false}, &written), QString());
        QCOMPARE(written, 4);
        QCOMPARE(QImage(dir.filePath("all/" + maps.stem + "_c1.png")).size(), QSize(10, 10));
        QVERIFY(!writeExportPng(dir.filePath("missing/x.png"), maps, {}).isEmpty());
    }

    void badInputsGiveAMessageAndKeepTheWindowAlive()
    {
        LectureWindow lecture;
        ConvolutionPage &page = lecture.page();
        QVERIFY(waitIdle(page));
        QTemporaryDir dir;

        const QString text = dir.filePath("notes.png");
        QFile notes(text);
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("these are not pixels");
        notes.close();
        const QString shownBefore = page.inputPicker()->shownName();
        page.openImage(text);
        QVERIFY(waitIdle(page));
        QVERIFY2(page.messageText().contains("notes.png"), qPrintable(page.messageText()));
        QCOMPARE(page.input()->shape(), (Shape{1, 1, 7, 7}));
        // The Image box names the input on screen, not the file that failed.
        QCOMPARE(page.inputPicker()->shownName(), shownBefore);

        const QString huge = dir.filePath("huge.png");
        QImage big(10000, 10000, QImage::Format_Grayscale8);
        big.fill(40);
        QVERIFY(big.save(huge));
        big = QImage();
        page.openImage(huge);
        QVERIFY(waitIdle(page));
        QVERIFY2(page.messageText().contains("10000×10000"), qPrintable(page.messageText()));
        QCOMPARE(page.input()->shape(), (Shape{1, 1, 7, 7}));

        const QString large = dir.filePath("large.png");
        QImage wide(3000, 1000, QImage::Format_Grayscale8);
        wide.fill(200);
        QVERIFY(wide.save(large));
        page.openImage(large);
        QVERIFY(waitIdle(page));
        QCOMPARE(page.input()->shape(), (Shape{1, 1, 683, 2048}));
        QVERIFY(page.messageText().isEmpty());

        const QString tiny = dir.filePath("tiny.png");
        QImage one(1, 1, QImage::Format_Grayscale8);
        one.fill(255);
        QVERIFY(one.save(tiny));
        page.openImage(tiny);
        QVERIFY(waitIdle(page));
        QCOMPARE(page.input()->shape(), (Shape{1, 1, 1, 1}));
        QVERIFY(page.outputView()->isGreyedOut());
        QVERIFY(page.formulaText().contains("padded input 1×1 is smaller than the kernel 3×3"));
        page.kernelEditor()->setKernelSize(1);
        QVERIFY(waitIdle(page));
        QCOMPARE(outputShape(page), (Shape{1, 1, 1, 1}));
    }

    void stepModeReachesTheLastCellAndMatchesTheFullResult()
    {
        LectureWindow lecture;
        ConvolutionPage &page = lecture.page();
        page.kernelEditor()->setFilterCount(2);
        page.knobs()->setStride(2, 1);
        page.knobs()->setPadding(PaddingSpec::uniform(1));
        QVERIFY(waitIdle(page));
        const Shape out = outputShape(page);
        QCOMPARE(out, (Shape{1, 2, 4, 7}));
        StepBar *bar = page.stepBar();
        bar->step();
        QCOMPARE(bar->position(), 1);
        QCOMPARE(page.shownDotProduct().terms.size(), size_t(9));
        bar->setSpeed(2000);
        bar->play();
        QVERIFY(QTest::qWaitFor([&] { return bar->position() == out.h * out.w; }, kWaitMs));
        const Tensor &stepped = page.steppedOutput();
        const Tensor &full = page.result()->outcome.output;
        QCOMPARE(stepped.shape(), full.shape());
        for (std::int64_t i = 0; i < full.size(); ++i)
            QVERIFY(std::abs(stepped.values()[size_t(i)] - full.values()[size_t(i)]) < 1e-5);
        bar->reset();
        QVERIFY(!bar->isActive());
    }

    void poolingMarksWinnersRoutesGradientsAndComparesAShift()
    {
        LectureWindow lecture;
        MainWindow &window = lecture.window;
        QVERIFY(waitIdle(lecture.page()));
        window.showPage("pooling");
        PoolingPage &pooling = *window.poolingPage();
        pooling.setUseImage(true);
        pooling.setKernel(2);
        const PoolResult *result = pooling.result();
        QVERIFY(result);
        QCOMPARE(result->output.shape(), (Shape{1, 1, 3, 3}));
        QVERIFY(
            pooling.formulaText().contains("O_h = floor((7 + 0 + 0 − 1·(2−1) − 1) / 2) + 1 = 3"));
        double routed = 0;
        for (float g : pooling.gradient().values())
            routed += g;
        QCOMPARE(routed, 9.0);
        hover(pooling.outputView(), 0, 1, 1);
        // Rows 3–4, columns 3–4 of the pattern (counted from 1) hold 1, 2 / 0, 1.
        QVERIFY2(pooling.windowText().contains("max = 2, won by the input at row 3, column 4"),
                 qPrintable(pooling.windowText()));
        pooling.setPoolType(PoolType::Average);
        hover(pooling.outputView(), 0, 1, 2);
        QVERIFY(pooling.windowText().contains("average = Σ / 4"));
        pooling.setPoolType(PoolType::Max);
        pooling.setShifted(true);
        // Counted over the windows with something in them, as the core counts them, and shown
        // before and after side by side.
        PoolOptions max;
        const Tensor &pattern = *lecture.page().input();
        const ShiftComparison expected = *compareShift(pattern, max);
        QVERIFY(expected.withContent > 0 && expected.withContent <= 9);
        QVERIFY2(pooling.shiftText().contains(
                     QString("of the %1 windows with something in them, %2 keep their maximum")
                         .arg(expected.withContent)
                         .arg(expected.unchangedWithContent)),
                 qPrintable(pooling.shiftText()));
        QVERIFY(pooling.shiftText().contains(
            QString("average pooling would keep %1").arg(expected.otherUnchangedWithContent)));
        QCOMPARE(pooling.outputView()->tileCount(), 2);
        hover(pooling.outputView(), 1, 1, 1);
        QVERIFY(pooling.windowText().contains("max = "));
        pooling.setPadding(2);
        QVERIFY(pooling.formulaText().contains("padding"));
        QVERIFY(pooling.outputView()->isGreyedOut());
    }

    // The camera through Sobel-x spans −3.37 to 3.37: the bar is as wide as those labels.
    void theColourBarHoldsItsLabels()
    {
        MainWindow window;
        window.resize(1280, 800);
        window.show();
        ConvolutionPage &page = *window.convolutionPage();
        QVERIFY(waitIdle(page));
        auto *bar = page.findChild<ColorBar *>();
        QVERIFY(bar);
        QApplication::processEvents();
        const QFontMetrics metrics = bar->fontMetrics();
        const ValueRange range = bar->range();
        const int label = std::max(metrics.horizontalAdvance(QString::number(range.low, 'g', 3)),
                                   metrics.horizontalAdvance(QString::number(range.high, 'g', 3)));
        QVERIFY2(bar->width() >= 27 + label, qPrintable(QString::number(bar->width())));
    }

    // Every settled change is a step; undo, redo and a group's Reset put the state back.
    void undoRedoAndResetTheSettings()
    {
        LectureWindow w;
        ConvolutionPage &page = w.page();
        QVERIFY(waitIdle(page));
        ExplorerHistory *history = page.history();
        history->settle();
        QUndoStack *stack = history->stack();
        const int start = stack->count();
        const auto padding = [&] {
            return page.knobs()->options().padding.sides.top;
        };
        const auto kernel = [&] {
            return page.kernelEditor()->filters().weights.values();
        };
        const std::vector<float> sobel = kernel();

        page.knobs()->setPadding(PaddingSpec::uniform(2));
        history->settle();
        page.kernelEditor()->applyPreset("lecture");
        history->settle();
        QCOMPARE(stack->count(), start + 2);
        QCOMPARE(padding(), 2);
        QVERIFY(kernel() != sobel);

        stack->undo();
        QCOMPARE(kernel(), sobel);
        QCOMPARE(padding(), 2);
        stack->undo();
        QCOMPARE(padding(), 0);
        stack->redo();
        QCOMPARE(padding(), 2);
        QVERIFY(waitIdle(page));
        QCOMPARE(outputShape(page), (Shape{1, 1, 9, 9}));

        // The convolution group's Reset, itself a step.
        history->reset("knobs/", "Reset the convolution");
        QCOMPARE(padding(), 0);
        QCOMPARE(kernel(), sobel);
        stack->undo();
        QCOMPARE(padding(), 2);

        // Ctrl+Z in the window is Edit ▸ Undo on the explorer's pages.
        w.window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w.window));
        QTest::keyClick(&w.window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(padding(), 0);
        QTest::keyClick(&w.window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(padding(), 2);

        // Ctrl+Z before a change has settled undoes that change alone, and Redo brings it back.
        page.knobs()->setPadding(PaddingSpec::uniform(3));
        QTest::keyClick(&w.window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(padding(), 2);
        QTest::keyClick(&w.window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(padding(), 3);
        page.knobs()->setPadding(PaddingSpec::uniform(2));
        history->settle();

        // The Pooling page undoes its own settings.
        w.window.showPage("pooling");
        PoolingPage &pooling = *w.window.poolingPage();
        const int pooled = pooling.result()->output.shape().h; // the 9×9 maps by 2: 4
        pooling.setKernel(3);
        pooling.history()->settle();
        QCOMPARE(pooling.result()->output.shape().h, 3);
        QTest::keyClick(&w.window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(pooling.result()->output.shape().h, pooled);
        QCOMPARE(padding(), 2); // the Convolution page is untouched
    }

    void theWheelScrollsTheSettingsInsteadOfChangingThem()
    {
        LectureWindow w;
        QVERIFY(waitIdle(w.page()));
        auto *padding = w.page().knobs()->findChild<QComboBox *>("padding");
        QVERIFY(padding);
        const int before = padding->currentIndex();
        const auto wheel = [](QWidget *target) {
            const QPointF at(target->width() / 2.0, target->height() / 2.0);
            QWheelEvent event(at, target->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                              Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(target, &event);
        };
        wheel(padding);
        QCOMPARE(padding->currentIndex(), before);
        // A control the user chose takes the wheel as usual.
        padding->setFocus();
        QTRY_VERIFY(padding->hasFocus());
        wheel(padding);
        QVERIFY(padding->currentIndex() != before);
    }

    void settingsComeBackInANewWindow()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("convscope.ini"), QSettings::IniFormat);
        {
            LectureWindow lecture;
            lecture.page().knobs()->setStride(2, 2);
            lecture.page().kernelEditor()->setKernelSize(5);
            QVERIFY(waitIdle(lecture.page()));
            lecture.window.saveSettings(settings);
        }
        MainWindow window;
        window.restoreSettings(settings);
        ConvolutionPage &page = *window.convolutionPage();
        QVERIFY(QTest::qWaitFor(
            [&] { return page.isIdle() && page.input() && page.input()->shape().h == 7; }, kWaitMs));
        QVERIFY(waitIdle(page));
        QCOMPARE(page.knobs()->options().strideH, 2);
        QCOMPARE(page.kernelEditor()->kernelSize(), 5);
        QCOMPARE(outputShape(page), (Shape{1, 1, 2, 2}));
    }

    void theProgramOpensAPageAndAnImageForAScreenshot()
    {
        QTemporaryDir dir;
        QProcess app;
        app.start(CONVSCOPE_GUI, {"--page", "pooling", "--image", ":/samples/pattern-4x4.npy",
                                  "--screenshot", dir.filePath("pooling.png")});
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitCode(), 0);
        QCOMPARE(QImage(dir.filePath("pooling.png")).size(), QSize(1280, 800));

        app.start(CONVSCOPE_GUI, {"--page", "trainer", "--screenshot", dir.filePath("x.png")});
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitCode(), 2);
        QVERIFY(QString(app.readAllStandardError())
                    .contains("convolution, pooling, network, training, architectures, "
                              "receptive-field, equivariance, inspect, samples or quiz"));

        app.start(CONVSCOPE_GUI, {"--image", dir.filePath("absent.png"), "--screenshot",
                                  dir.filePath("absent-shot.png")});
        QVERIFY(app.waitForFinished(60000));
        QCOMPARE(app.exitCode(), 1);
        QVERIFY(QString(app.readAllStandardError()).contains("absent.png"));
    }
};

} // namespace convscope::ui

QTEST_MAIN(convscope::ui::ExplorerTest)
#include "explorer_test.moc"
