#include "core/lessons/quiz.h"

#include <gtest/gtest.h>

#include <set>

namespace convscope {
namespace {

// The arithmetic worked again from the lecture's formulas, sharing no code with the core.
std::int64_t slidingSize(std::int64_t input, const QuizSetting &s)
{
    const std::int64_t span = input + 2 * s.padding - s.dilation * (s.kernel - 1) - 1;
    if (!s.ceilMode)
        return span / s.stride + 1;
    std::int64_t size = (span + s.stride - 1) / s.stride + 1;
    if ((size - 1) * s.stride >= input + s.padding) // the last window would start in the padding
        --size;
    return size;
}

std::vector<std::int64_t> independentAnswer(const Question &q)
{
    const QuizSetting &s = q.setting;
    switch (q.kind) {
    case QuestionKind::OutputSize:
        return {s.filters, slidingSize(s.height, s), slidingSize(s.width, s)};
    case QuestionKind::PooledSize:
        return {s.channels, slidingSize(s.height, s), slidingSize(s.width, s)};
    case QuestionKind::Parameters:
        if (s.dense)
            return {std::int64_t(s.height) * s.filters + s.filters};
        return {std::int64_t(s.filters) * (std::int64_t(s.channels) * s.kernel * s.kernel + s.bias)};
    case QuestionKind::MultiplyAdds:
        return {std::int64_t(s.filters) * slidingSize(s.height, s) * slidingSize(s.width, s)
                * s.channels * s.kernel * s.kernel};
    case QuestionKind::ReceptiveField: {
        std::int64_t size = 1;
        std::int64_t jump = 1;
        for (const QuizLayer &layer : s.stack) {
            size += std::int64_t(layer.dilation) * (layer.kernel - 1) * jump;
            jump *= layer.stride;
        }
        return {size};
    }
    }
    return {};
}

TEST(Quiz, AThousandQuestionsAgreeWithTheFormulasWorkedIndependently)
{
    std::set<QuestionKind> seen;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        QuizGenerator quiz(seed);
        for (int i = 0; i < 100; ++i) {
            const Question q = quiz.next();
            seen.insert(q.kind);
            ASSERT_EQ(q.answer, independentAnswer(q)) << q.text;
            for (std::int64_t value : q.answer)
                EXPECT_GT(value, 0) << q.text;
            EXPECT_FALSE(q.derivation.empty()) << q.text;
            // The derivation ends on the answer's number, and the question states its numbers.
            const std::string &last = q.kind == QuestionKind::OutputSize
                                              || q.kind == QuestionKind::PooledSize
                                          ? q.derivation.front()
                                          : q.derivation.back();
            const std::string end = q.kind == QuestionKind::OutputSize
                                            || q.kind == QuestionKind::PooledSize
                                        ? "= " + std::to_string(q.answer[1])
                                        : q.answerText;
            EXPECT_NE(last.find(end), std::string::npos) << last << " | " << q.text;
            EXPECT_EQ(markAnswer(q, q.answerText).verdict, Verdict::Right) << q.answerText;
            EXPECT_EQ(q.format == "C×H×W", q.answer.size() == 3);
        }
        EXPECT_EQ(quiz.asked(), 100);
    }
    EXPECT_EQ(seen.size(), std::size(kQuestionKinds));
}

TEST(Quiz, ASeedGivesTheWholeClassTheSameQuestions)
{
    QuizGenerator a(42);
    QuizGenerator b(42);
    QuizGenerator c(43);
    int differ = 0;
    for (int i = 0; i < 50; ++i) {
        const Question qa = a.next();
        EXPECT_EQ(qa.text, b.next().text);
        differ += qa.text != c.next().text;
    }
    EXPECT_GT(differ, 40);
}

TEST(Quiz, OnlyTheChosenKindsAreAsked)
{
    QuizGenerator quiz(7, {QuestionKind::ReceptiveField, QuestionKind::PooledSize});
    for (int i = 0; i < 200; ++i) {
        const QuestionKind kind = quiz.next().kind;
        EXPECT_TRUE(kind == QuestionKind::ReceptiveField || kind == QuestionKind::PooledSize);
    }
}

// Values worked by hand in the lectures.
TEST(Quiz, TheLecturesExamples)
{
    const Question lenet = makeQuestion(QuestionKind::OutputSize,
                                        QuizSetting::window(1, 32, 32, 6, 5, 1, 0));
    EXPECT_EQ(lenet.answerText, "6×28×28");
    const Question alexnet = makeQuestion(QuestionKind::OutputSize,
                                          QuizSetting::window(3, 227, 227, 96, 11, 4, 0));
    EXPECT_EQ(alexnet.answerText, "96×55×55");
    EXPECT_EQ(alexnet.text, "96 filters of 11×11×3 slide over a 3×227×227 input with stride 4. "
                            "What is the output's size?");
    const Question popQuiz = makeQuestion(QuestionKind::OutputSize,
                                          QuizSetting::window(3, 10, 10, 1, 5, 1, 2));
    EXPECT_EQ(popQuiz.answerText, "1×10×10");

    QuizSetting conv1 = QuizSetting::window(3, 227, 227, 96, 11, 4, 0);
    EXPECT_EQ(makeQuestion(QuestionKind::Parameters, conv1).answerText, "34,944");
    conv1.bias = false;
    EXPECT_EQ(makeQuestion(QuestionKind::Parameters, conv1).answerText, "34,848");
    QuizSetting fc6;
    fc6.dense = true;
    fc6.height = 9216;
    fc6.filters = 4096;
    EXPECT_EQ(makeQuestion(QuestionKind::Parameters, fc6).answerText, "37,752,832");

    // LeNet-5's conv1 on the digits, as summary counts it.
    const Question macs = makeQuestion(QuestionKind::MultiplyAdds,
                                       QuizSetting::window(1, 28, 28, 6, 5, 1, 2));
    EXPECT_EQ(macs.answerText, "117,600");
    EXPECT_EQ(macs.derivation.back(), "C_out·H_out·W_out·C_in·K_h·K_w = 6·28·28·1·5·5 = 117,600");

    QuizSetting vgg;
    vgg.height = vgg.width = 64;
    vgg.stack = {{false, 3, 1, 1}, {false, 3, 1, 1}, {false, 3, 1, 1}};
    EXPECT_EQ(makeQuestion(QuestionKind::ReceptiveField, vgg).answerText, "7");
    vgg.stack = {{false, 3, 1, 1}, {true, 2, 2, 1}, {false, 3, 1, 1}};
    const Question stacked = makeQuestion(QuestionKind::ReceptiveField, vgg);
    EXPECT_EQ(stacked.answerText, "8");
    EXPECT_EQ(stacked.derivation.back(),
              "layer 3, conv 3×3 (stride 1): r3 = r2 + D·(K−1)·j2 = 4 + 1·2·2 = 8, j3 = j2·S = "
              "2·1 = 2");

    QuizSetting googlenet = QuizSetting::window(64, 112, 112, 1, 3, 2, 0);
    googlenet.ceilMode = true;
    EXPECT_EQ(makeQuestion(QuestionKind::PooledSize, googlenet).answerText, "64×56×56");
    googlenet.ceilMode = false;
    EXPECT_EQ(makeQuestion(QuestionKind::PooledSize, googlenet).answerText, "64×55×55");
}

TEST(Quiz, AnswersAreReadAsStudentsTypeThem)
{
    const Question shape = makeQuestion(QuestionKind::OutputSize,
                                        QuizSetting::window(1, 32, 32, 6, 5, 1, 0));
    for (const char *typed : {"6x28x28", "6 × 28 × 28", "6,28,28", " 6X28X28 ", "(6, 28, 28)"})
        EXPECT_EQ(markAnswer(shape, typed).verdict, Verdict::Right) << typed;
    EXPECT_EQ(markAnswer(shape, "5x28x28").verdict, Verdict::Wrong);
    EXPECT_EQ(markAnswer(shape, "5x28x28").message, "Not quite: the answer is 6×28×28.");
    const Marking partly = markAnswer(shape, "28x28");
    EXPECT_EQ(partly.verdict, Verdict::Unreadable);
    EXPECT_EQ(partly.message,
              "The height and width 28×28 are right: write the channels too, C×H×W.");
    EXPECT_EQ(markAnswer(shape, "").verdict, Verdict::Unreadable);
    EXPECT_EQ(markAnswer(shape, "twenty-eight").verdict, Verdict::Unreadable);
    EXPECT_EQ(markAnswer(shape, "99999999999999999999x1x1").verdict, Verdict::Wrong);

    QuizSetting conv1 = QuizSetting::window(3, 227, 227, 96, 11, 4, 0);
    const Question count = makeQuestion(QuestionKind::Parameters, conv1);
    for (const char *typed : {"34944", "34,944", "34,944 parameters"})
        EXPECT_EQ(markAnswer(count, typed).verdict, Verdict::Right) << typed;
    for (const char *typed : {"34 944", "34,94", "34,9444"})
        EXPECT_EQ(markAnswer(count, typed).verdict, Verdict::Unreadable) << typed;
    EXPECT_EQ(markAnswer(count, "35000").verdict, Verdict::Wrong);
}

} // namespace
} // namespace convscope
