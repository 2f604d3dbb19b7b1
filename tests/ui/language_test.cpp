#include "core/explorer/colormap.h"
#include "core/lessons/quiz.h"
#include "core/lessons/receptive_field.h"
#include "core/nn/architecture.h"
#include "core/nn/network.h"
#include "core/ops/geometry.h"
#include "tests/support/bars.h"
#include "ui/aboutdialog.h"
#include "ui/common/ask.h"
#include "ui/common/coretext.h"
#include "ui/common/language.h"
#include "ui/guidedialog.h"
#include "ui/languagemenu.h"
#include "ui/lessons/quizpage.h"
#include "ui/mainwindow.h"
#include "ui/training/networkpage.h"
#include "ui/training/trainingpage.h"
#include "ui/training/trainingsession.h"

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTabBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTreeWidget>
#include <QXmlStreamReader>
#include <QtTest>

#include <set>

namespace convscope::ui {

namespace {

const QString kTranslations = QString(CONVSCOPE_ROOT) + "/resources/translations/convscope_ko.ts";

struct Message
{
    QString context;
    QString source;
    QString translation;
    QString type; // "unfinished", "vanished", "obsolete" or empty
};

QList<Message> readTs(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            messages.append({context, {}, {}, {}});
        else if (xml.name() == QLatin1String("source"))
            messages.last().source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            messages.last().type = xml.attributes().value("type").toString();
            messages.last().translation = xml.readElementText();
        }
    }
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression slot("%(\\d+|v|m|n)");
    std::set<QString> found;
    for (const QRegularExpressionMatch &m : slot.globalMatch(text))
        found.insert(m.captured());
    return QStringList(found.begin(), found.end());
}

// Words a Korean window keeps in Latin letters: names (of programs, networks, data sets,
// optimizers, file formats), the spec language and the CLI's names (conv, sobel-x), formula
// symbols and keys. Anything else in Latin letters is English that was not translated.
const QSet<QString> &keptWords()
{
    static const QSet<QString> words = [] {
        QSet<QString> set;
        for (const char *w :
             {"convscope", "mnist",       "fashion", "cifar",    "pytorch",     "onnx",
              "relu",      "lenet",       "alexnet", "vgg",      "googlenet",   "resnet",
              "inception", "mlp",         "cnn",     "imagenet", "torchvision", "numpy",
              "png",       "pdf",         "csv",     "npy",      "csm",         "txt",
              "idx",       "sgd",         "adam",    "adamw",    "adagrad",     "rmsprop",
              "adadelta",  "grad",        "cam",     "ctrl",     "shift",       "space",
              "return",    "backspace",   "right",   "left",     "conv",        "dense",
              "maxpool",   "avgpool",     "flatten", "dropout",  "batchnorm",   "pad",
              "stride",    "dilation",    "valid",   "same",     "full",        "floor",
              "ceil",      "ceil_mode",   "viridis", "sobel",    "laplacian",   "gaussian",
              "sharpen",   "emboss",      "outline", "box",      "lecture",     "custom",
              "random",    "camera",      "begin",   "end",      "out",         "in",
              "max",       "min",         "float32", "rgb",      "bgr",         "mean",
              "std",       "crop",        "resize",  "digit",    "mini",        "tiny",
              "gpl",       "lgpl",        "apache",  "mpl",      "zlib",        "opencv",
              "eigen",     "qcustomplot", "qt",      "cc",       "scikit",      "image",
              "licenses",  "md",          "readme",  "nan",      "inf",         "ln",
              "px",        "ms",          "mb",      "mib",      "img",         "eta",
              "jpg",       "jpeg",        "bmp",     "webp",     "pgm",         "ppm",
              "pnm",       "apple",       "banana",  "train",    "test",        "softmax",
              "cli",       "lecun",       "english", "enter",    "torch",       "optim",
              "groups",    "scripts",     "setup",   "identity", "sigmoid",     "tanh",
              "leaky",     "leakyrelu",   "relu6",   "gap",      "lrn",         "residual",
              "concat",    "bars",        "lav",     "varshney", "nasa",        "eileen",
              "collins",   "tensorflow",  "rachel",  "michetti", "stefan",      "van",
              "der",       "walt"}) {
            set.insert(w);
        }
        return set;
    }();
    return words;
}

// The Latin words of a text that are neither kept nor a layer's name (conv1, fc3, layer4.1).
QStringList englishWords(const QString &html)
{
    // Subscripts are the formulas' indices: C<sub>out</sub> reads as the symbol C_out.
    QString marked = html;
    marked.replace(QRegularExpression("<sub>([^<]*)</sub>"), "_\\1");
    marked.replace(QRegularExpression("<sup>"), "^");
    QTextDocument document;
    document.setHtml(marked);
    QString text = Qt::mightBeRichText(html) ? document.toPlainText() : html;
    // Quoted titles of the English README, command lines and file names stay as they are.
    static const QRegularExpression verbatim(
        "\"[^\"]*\"|--[a-z-]+( [A-Za-z0-9-]+)?|[\\w./-]+\\.(png|npy|txt|csm|onnx|csv|md|pdf)\\b");
    text.remove(verbatim);
    static const QRegularExpression word("[A-Za-z][A-Za-z_]+[0-9]*(?:[.\\-][A-Za-z0-9_]+)*");
    QStringList found;
    for (const QRegularExpressionMatch &m : word.globalMatch(text)) {
        const QString w = m.captured();
        const QStringList parts = w.toLower().split(QRegularExpression("[.\\-_]"),
                                                    Qt::SkipEmptyParts);
        const bool kept = std::all_of(parts.begin(), parts.end(), [](QString part) {
            part.remove(QRegularExpression("[0-9]+$"));
            return part.size() < 2 || keptWords().contains(part) || part.size() == 1;
        });
        const bool layerName
            = QRegularExpression("^[a-z]+[0-9]+([._][a-z0-9]+)*$").match(w).hasMatch();
        const bool symbol = QRegularExpression("^[A-Z][a-z]?(_[A-Za-z]+)?$").match(w).hasMatch();
        if (!kept && !layerName && !symbol)
            found.append(w);
    }
    return found;
}

// What a person can read in a widget: its text, title, items, headers, placeholder and tooltip.
QStringList visibleTexts(const QWidget *w)
{
    QStringList texts{w->toolTip()};
    if (const auto *label = qobject_cast<const QLabel *>(w))
        texts << label->text();
    if (const auto *button = qobject_cast<const QAbstractButton *>(w))
        texts << button->text();
    if (const auto *box = qobject_cast<const QGroupBox *>(w))
        texts << box->title();
    if (const auto *edit = qobject_cast<const QLineEdit *>(w))
        texts << edit->placeholderText();
    if (const auto *combo = qobject_cast<const QComboBox *>(w); combo && !combo->isEditable()) {
        for (int i = 0; i < combo->count(); ++i)
            texts << combo->itemText(i);
    }
    if (const auto *tabs = qobject_cast<const QTabBar *>(w)) {
        for (int i = 0; i < tabs->count(); ++i)
            texts << tabs->tabText(i) << tabs->tabToolTip(i);
    }
    if (const auto *header = qobject_cast<const QHeaderView *>(w)) {
        for (int i = 0; i < header->count(); ++i)
            texts << header->model()
                         ->headerData(i, header->orientation(), Qt::DisplayRole)
                         .toString();
    }
    if (const auto *plot = qobject_cast<const QCustomPlot *>(w)) {
        for (QCPAxis *axis : plot->axisRect()->axes())
            texts << axis->label();
    }
    return texts;
}

QStringList untranslated(const QWidget *root, const QString &where)
{
    QStringList found;
    QList<const QWidget *> widgets{root};
    for (const QWidget *w : root->findChildren<const QWidget *>())
        widgets << w;
    for (const QWidget *w : widgets) {
        if (!w->isVisibleTo(root) && w != root)
            continue;
        for (const QString &text : visibleTexts(w)) {
            const QStringList words = englishWords(text);
            if (!words.isEmpty())
                found << QString("%1: %2 \"%3\": %4")
                             .arg(where, w->metaObject()->className(), text.left(80),
                                  words.join(' '));
        }
    }
    return found;
}

QStringList untranslatedMenus(const QMenuBar *bar)
{
    QStringList found;
    QList<QAction *> actions = bar->actions();
    while (!actions.isEmpty()) {
        QAction *action = actions.takeFirst();
        if (action->menu())
            actions << action->menu()->actions();
        const QString text = QString(action->text()).remove('&');
        if (!englishWords(text).isEmpty())
            found << QString("menu: \"%1\"").arg(text);
    }
    return found;
}

bool coreKnows(const std::string &english)
{
    QStringList pieces;
    const QString shape = coreShape(QString::fromStdString(english), &pieces);
    // A line of numbers and formula symbols alone needs no translation.
    return corePhrases().contains(shape) || englishWords(shape).isEmpty();
}

} // namespace

class LanguageTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Every string of the window has its Korean, with the same %1…, accelerators and markup.
    void koreanIsCompleteAndKeepsPlaceholders()
    {
        const QList<Message> messages = readTs(kTranslations);
        QVERIFY2(messages.size() > 500, qPrintable(kTranslations));
        QStringList problems;
        for (const Message &m : messages) {
            const QString what = QString("%1: \"%2\"").arg(m.context, m.source.left(60));
            if (!m.type.isEmpty() || m.translation.trimmed().isEmpty())
                problems << what + " has no Korean (" + m.type + ")";
            else if (placeholders(m.source) != placeholders(m.translation))
                problems << what + " changes its placeholders";
            else if (m.source.contains(QRegularExpression("&[A-Za-z]"))
                     != m.translation.contains(QRegularExpression("&[A-Za-z]")))
                problems << what + " loses its accelerator";
            else if (m.source.count('<') != m.translation.count('<'))
                problems << what + " changes its markup";
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    }

    // lupdate finds no string in ui/ and app/gui/ that the catalog lacks, and none it no longer
    // needs: a tr() added without its Korean fails here.
    void catalogHoldsEveryStringOfTheSources()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath("convscope_ko.ts");
        QVERIFY(QFile::copy(kTranslations, copy));
        QProcess lupdate;
        lupdate.setWorkingDirectory(CONVSCOPE_ROOT);
        lupdate.start(CONVSCOPE_LUPDATE, {"-silent", "-locations", "none", "-no-obsolete", "-I",
                                          CONVSCOPE_ROOT, "ui", "app/gui", "-ts", copy});
        QVERIFY(lupdate.waitForFinished(60000));
        QCOMPARE(lupdate.exitCode(), 0);
        QList<Message> before = readTs(kTranslations), after = readTs(copy);
        QStringList changes;
        for (const Message &m : after) {
            if (m.type == "unfinished")
                changes << QString("new: %1: \"%2\"").arg(m.context, m.source);
        }
        QCOMPARE(after.size(), before.size());
        QVERIFY2(changes.isEmpty(), qPrintable(changes.join('\n')));
    }

    // The core's sentences that the window shows all have a shape the catalog lists.
    void corePhrasesCoverWhatTheCoreWrites()
    {
        QStringList missing;
        const auto check = [&](const std::string &line) {
            if (!coreKnows(line))
                missing << QString::fromStdString(line);
        };
        for (std::uint64_t seed = 1; seed <= 200; ++seed) {
            QuizGenerator quiz(seed);
            for (int i = 0; i < 5; ++i) {
                const Question q = quiz.next();
                if (q.kind != QuestionKind::ReceptiveField)
                    check(q.text);
                check(q.format);
                check(questionKindName(q.kind));
                for (const std::string &line : q.derivation)
                    check(line);
                for (const std::string &typed : {q.answerText, std::string("1"), std::string("x")})
                    check(markAnswer(q, typed).message);
            }
        }
        for (Colormap c : kColormaps)
            check(std::string(colormapName(c)));
        for (ValueScale s : kValueScales)
            check(std::string(valueScaleName(s)));
        for (int k = -1; k <= 9; k += 2) {
            for (int pad = -1; pad <= 2; ++pad) {
                WindowSpec spec;
                spec.kernelH = k;
                spec.kernelW = 3;
                spec.strideH = pad;
                spec.padding = PaddingSpec::perSide({pad, 0, pad, 1});
                spec.padMode = pad > 1 ? PadMode::Reflect : PadMode::Zero;
                spec.ceilMode = pad == 2;
                for (const std::string &line : deriveOutputSize(4, 5, spec))
                    check(line);
                if (Expected<Geometry> g = resolveGeometry(4, 5, spec); !g)
                    check(g.error().message);
            }
        }
        for (const char *preset : {"lenet5", "mini-resnet", "mini-inception"}) {
            Expected<Network> net = Network::create(*parseArchitecture(preset), Shape{1, 1, 28, 28},
                                                    10);
            QVERIFY(bool(net));
            const auto rows = net->describe();
            for (const FieldStep &step : fieldSteps(rows, int(rows.size()) - 1))
                check(step.rule);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join('\n')));
    }

    void coreTextPutsTheNumbersWhereTheTranslationSays()
    {
        QStringList pieces;
        QCOMPARE(coreShape("padded input 3×3 is smaller than the dilated kernel 5×5: on the "
                           "width add at least 2 padding, or use a smaller kernel or dilation, "
                           "or a larger input",
                           &pieces),
                 QString("padded input %1×%2 is smaller than the dilated kernel %3×%4: on the "
                         "width add at least %5 padding, or use a smaller kernel or dilation, or "
                         "a larger input"));
        QCOMPARE(pieces, QStringList({"3", "3", "5", "5", "2"}));
        pieces.clear();
        QCOMPARE(coreShape("the network's 'conv 8' has 34,944 weights and -0.5", &pieces),
                 QString("the network's %1 has %2 weights and %3"));
        QCOMPARE(pieces, QStringList({"'conv 8'", "34,944", "-0.5"}));
        // Without a translation the core's words come back untouched.
        QCOMPARE(coreText("Right: 6×28×28."), QString("Right: 6×28×28."));
        QTranslator korean;
        QVERIFY(korean.load(":/i18n/convscope_ko.qm"));
        QCoreApplication::installTranslator(&korean);
        QCOMPARE(coreText("Right: 6×28×28."), QString("정답: 6×28×28."));
        QCOMPARE(coreText("Not quite: the answer is 34,944."),
                 QString("아쉽습니다: 정답은 34,944입니다."));
        // The Korean puts the filters' count after their size: %1 moves, its number with it.
        Question q = makeQuestion(QuestionKind::OutputSize,
                                  QuizSetting::window(3, 32, 32, 6, 5, 1, 0));
        QCOMPARE(coreText(q.text), QString("5×5×3 필터 6개가 3×32×32 입력 위를 스트라이드 1로 "
                                           "움직입니다. 출력의 크기는 얼마입니까?"));
        q.setting.stack = {{false, 3, 1, 1}, {true, 2, 2, 1}, {false, 3, 1, 2}};
        q.kind = QuestionKind::ReceptiveField;
        QCOMPARE(QuizPage::questionText(q),
                 QString("층별로: 합성곱 3×3 (스트라이드 1), 다음 최대 풀링 2×2 (스트라이드 2), "
                         "다음 합성곱 3×3 (스트라이드 1, 팽창 2). 마지막 층 유닛 하나의 수용 "
                         "영역은 입력 픽셀 몇 개 너비입니까?"));
        QCoreApplication::removeTranslator(&korean);
        QCOMPARE(QuizPage::questionText(q),
                 QString("Layer by layer: conv 3×3 (stride 1), then max pool 2×2 (stride 2), "
                         "then conv 3×3 (stride 1, dilation 2). How many input pixels wide is "
                         "the receptive field of one unit of the last layer?"));
    }

    // Every page, tab, menu and dialog of the Korean window, walked as a student would see
    // it: no English word may be left.
    void theKoreanWindowHasNoEnglishLeft()
    {
        installLanguage(*QCoreApplication::instance(), "ko");
        QCOMPARE(currentLanguage(), QString("ko"));
        QStringList found;
        {
            MainWindow window;
            window.resize(1280, 800);
            window.show();
            window.networkPage()->setSpec("lenet5");
            window.session()->setData(test::barsData(200, 50, 3));
            window.quizPage()->startQuiz(7);
            for (const QString &page :
                 QStringList{"convolution", "pooling", "network", "training", "architectures",
                             "receptive-field", "equivariance", "samples", "quiz", "inspect"}) {
                QVERIFY(window.showPage(page));
                const QStringList tabs = page == "training"
                                             ? QStringList{"live", "evaluation", "draw", "explain"}
                                             : QStringList{QString()};
                for (const QString &tab : tabs) {
                    if (!tab.isEmpty())
                        window.trainingPage()->showTab(tab);
                    QTRY_VERIFY_WITH_TIMEOUT(window.isSettled(), 20000);
                    found << untranslated(&window, page + (tab.isEmpty() ? "" : "/" + tab));
                }
            }
            window.quizPage()->answer("1");
            found << untranslated(window.quizPage(), "quiz, answered");
            found << untranslatedMenus(window.menuBar());
            GuideDialog guide(&window);
            QVERIFY(guide.pageCount() >= 8);
            for (int i = 0; i < guide.pageCount(); ++i) {
                guide.showPage(i);
                found << untranslated(&guide, "guide " + guide.pageTitle(i));
                QFile page(GuideDialog::pagePaths().value(i));
                QVERIFY(page.open(QIODevice::ReadOnly));
                const QStringList words = englishWords(QString::fromUtf8(page.readAll()));
                if (!words.isEmpty())
                    found << "guide page " + guide.pageTitle(i) + ": " + words.join(' ');
            }
            AboutDialog about(&window);
            found << untranslated(&about, "about");
        }
        installLanguage(*QCoreApplication::instance(), "en");
        found.removeDuplicates();
        for (const QString &line : std::as_const(found))
            qWarning("untranslated: %s", qPrintable(line));
        QVERIFY2(found.isEmpty(), "the window shows English in Korean (listed above)");
    }

    void theLanguageMenuKeepsTheChoiceAndOffersARestart()
    {
        QSettings().remove(kLanguageSetting);
        QStringList asked;
        const Asker previous = setAsker([&](QWidget *, const QString &, const QString &text,
                                            QMessageBox::StandardButtons,
                                            QMessageBox::StandardButton) {
            asked << text;
            return QMessageBox::No;
        });
        MainWindow window;
        QMenu *language = nullptr;
        for (QAction *action : window.menuBar()->actions()) {
            for (QAction *item : action->menu()->actions()) {
                if (item->menu() && item->text() == "&Language")
                    language = item->menu();
            }
        }
        QVERIFY(language);
        QStringList names;
        for (QAction *action : language->actions()) {
            if (!action->isSeparator())
                names << action->text();
        }
        QCOMPARE(names, QStringList({"System Language", "English", "한국어"}));
        QVERIFY(language->actions().first()->isChecked());
        language->actions().last()->trigger();
        QCOMPARE(QSettings().value(kLanguageSetting).toString(), QString("ko"));
        QCOMPARE(asked.size(), 1);
        QVERIFY(asked.first().contains("한국어"));
        // English is what runs: choosing it again asks nothing.
        language->actions()[2]->trigger();
        QCOMPARE(QSettings().value(kLanguageSetting).toString(), QString("en"));
        QCOMPARE(asked.size(), 1);
        setAsker(previous);
        QSettings().remove(kLanguageSetting);
    }

    void languagesResolveAndRestartsDropTheOldChoice()
    {
        QCOMPARE(resolveLanguage("ko"), QString("ko"));
        QCOMPARE(resolveLanguage("en"), QString("en"));
        const QString system = resolveLanguage(QString());
        QVERIFY(system == "en" || system == "ko");
        QCOMPARE(resolveLanguage("xx"), system);
        QCOMPARE(restartArguments({"--page", "quiz", "--language", "ko", "--language=en", "--dark"}),
                 QStringList({"--page", "quiz", "--dark"}));
    }

    // The program itself: --language ko starts in Korean, an unknown language is refused.
    void theProgramStartsInTheLanguageItIsGiven()
    {
        QProcess refused;
        refused.start(CONVSCOPE_GUI, {"--language", "fr", "--page", "quiz"});
        QVERIFY(refused.waitForFinished(30000));
        QCOMPARE(refused.exitCode(), 2);
        QVERIFY(refused.readAllStandardError().contains("--language 'fr': choose en or ko"));
    }
};

} // namespace convscope::ui

QTEST_MAIN(convscope::ui::LanguageTest)
#include "language_test.moc"
