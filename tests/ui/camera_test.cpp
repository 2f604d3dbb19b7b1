// The live camera of the Draw tab and the Inspect page, fed by a video file (a Motion-JPEG AVI
// written here) in place of a camera: frames reach the network several times a second, Freeze
// keeps the last one, Stop hands the page back to its drawing or picture.
#include "tests/support/bars.h"
#include "tests/support/mjpegavi.h"
#include "ui/common/camerabar.h"
#include "ui/common/framesource.h"
#include "ui/lessons/inspectpage.h"
#include "ui/mainwindow.h"
#include "ui/training/drawpanel.h"
#include "ui/training/probeview.h"
#include "ui/training/trainingpage.h"
#include "ui/training/trainingsession.h"

#include <QPainter>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

namespace convscope::ui {

namespace {

constexpr int kWaitMs = 30000;

// A digit 1 written in black on white paper, moving a little from frame to frame.
QString writeVideo(const QTemporaryDir &dir)
{
    QList<QImage> frames;
    for (int i = 0; i < 12; ++i) {
        QImage frame(160, 120, QImage::Format_RGB32);
        frame.fill(QColor(235, 232, 225));
        QPainter painter(&frame);
        painter.setPen(QPen(Qt::black, 9, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(78 + i % 4, 25, 78 + i % 4, 95);
        painter.drawLine(78 + i % 4, 25, 66 + i % 4, 38);
        frames.append(frame);
    }
    const QString path = dir.filePath("digit.avi");
    return test::writeMjpegAvi(path, frames, 10) ? path : QString();
}

} // namespace

class CameraTest : public QObject
{
    Q_OBJECT

private slots:
    void withoutACameraTheButtonSaysSo();
    void aVideoFeedsTheDrawTabAndFreezes();
    void aVideoFeedsTheInspectPage();
    void aMissingFileIsSaid();
};

void CameraTest::withoutACameraTheButtonSaysSo()
{
    if (!FrameSource::cameraName().isEmpty())
        QSKIP("this machine has a camera");
    CameraBar bar;
    // The cameras are looked for when the bar is first shown.
    QVERIFY(bar.cameraButton()->isEnabled());
    bar.show();
    QVERIFY(!bar.cameraButton()->isEnabled());
    QCOMPARE(bar.statusText(), QString("No camera found"));
    QVERIFY(!bar.startCamera());
    QCOMPARE(bar.statusText(), QString("No camera was found on this computer"));
    QVERIFY(!bar.isLive());
}

void CameraTest::aVideoFeedsTheDrawTabAndFreezes()
{
    QTemporaryDir dir;
    const QString video = writeVideo(dir);
    QVERIFY(!video.isEmpty());
    MainWindow window;
    window.show();
    window.showPage("training");
    window.trainingPage()->showTab("draw");
    window.session()->setData(test::barsData(60, 20, 1));
    auto *draw = window.findChild<DrawPanel *>();
    QVERIFY(draw);
    CameraBar *camera = draw->camera();
    QVERIFY(camera->startFile(video));
    QVERIFY(camera->isLive());
    QTRY_VERIFY_WITH_TIMEOUT(camera->framesShown() >= 3 || !camera->isLive(), kWaitMs);
    QVERIFY2(camera->isLive(), qPrintable(camera->statusText()));
    QVERIFY(draw->digit().has_value());
    QCOMPARE(draw->digit()->shape(), (Shape{1, 1, 28, 28}));
    // The stroke is dark on light paper: the digit is white on black, as MNIST's.
    float largest = 0.0f;
    for (float v : draw->digit()->values())
        largest = std::max(largest, v);
    QVERIFY(largest > 0.8f);
    QVERIFY(draw->digit()->at(0, 0, 0, 0) < 0.2f);
    QTRY_COMPARE_WITH_TIMEOUT(int(draw->probe()->pass().probabilities.size()), 10, kWaitMs);
    QVERIFY(camera->statusText().contains("digit.avi, live"));
    camera->setFrozen(true);
    const int frozen = camera->framesShown();
    QTest::qWait(3 * CameraBar::kIntervalMs);
    QCOMPARE(camera->framesShown(), frozen);
    QVERIFY(camera->statusText().contains("frozen"));
    camera->setFrozen(false);
    QTRY_VERIFY_WITH_TIMEOUT(camera->framesShown() > frozen, kWaitMs);
    camera->stop();
    QVERIFY(!camera->isLive());
    // Back to the canvas, which is empty: no digit.
    QVERIFY(!draw->digit().has_value());
}

void CameraTest::aVideoFeedsTheInspectPage()
{
    QTemporaryDir dir;
    const QString video = writeVideo(dir);
    MainWindow window;
    window.show();
    window.showPage("inspect");
    InspectPage *inspect = window.inspectPage();
    inspect->openModel(QString(CONVSCOPE_ROOT) + "/tests/data/onnx/lenet5.onnx");
    QTRY_VERIFY_WITH_TIMEOUT(inspect->isIdle(), kWaitMs);
    QSignalSpy status(inspect, &InspectPage::statusChanged);
    QVERIFY(inspect->camera()->startFile(video));
    QTRY_VERIFY_WITH_TIMEOUT(inspect->camera()->framesShown() >= 2 || !inspect->camera()->isLive(),
                             kWaitMs);
    QVERIFY2(inspect->camera()->isLive(), qPrintable(inspect->camera()->statusText()));
    inspect->camera()->setFrozen(true);
    QTRY_VERIFY_WITH_TIMEOUT(inspect->isIdle(), kWaitMs);
    QVERIFY(inspect->messageText().isEmpty());
    QVERIFY(!status.isEmpty());
    const QString said = status.last().first().toString();
    QVERIFY2(said.startsWith("lenet5.onnx on camera: "), qPrintable(said));
    // Stopped, the page runs the picture of its list again.
    inspect->camera()->stop();
    QTRY_VERIFY_WITH_TIMEOUT(inspect->isIdle(), kWaitMs);
    QVERIFY2(!status.last().first().toString().contains("on camera"),
             qPrintable(status.last().first().toString()));
    QCOMPARE(inspect->topTexts().size(), 5);
}

void CameraTest::aMissingFileIsSaid()
{
    CameraBar bar;
    QVERIFY(!bar.startFile("/nonexistent/video.avi"));
    QVERIFY(bar.statusText().contains("is not a video file"));
    QVERIFY(!bar.isLive());
}

} // namespace convscope::ui

QTEST_MAIN(convscope::ui::CameraTest)
#include "camera_test.moc"
