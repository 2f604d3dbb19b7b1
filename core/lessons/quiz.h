#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace convscope {

// The lecture's pop quizzes: questions on the arithmetic of convolutional layers, with settings
// drawn like the lectures' (LeNet's, AlexNet's and VGG's sizes among them), answered by the
// same code the explorer and `summary` use, and explained with the student's numbers.
enum class QuestionKind { OutputSize, Parameters, MultiplyAdds, ReceptiveField, PooledSize };

inline constexpr QuestionKind kQuestionKinds[] = {QuestionKind::OutputSize,
                                                  QuestionKind::Parameters,
                                                  QuestionKind::MultiplyAdds,
                                                  QuestionKind::ReceptiveField,
                                                  QuestionKind::PooledSize};

// "output size", "parameters", …: what a quiz's menu and a seed's description call a kind.
std::string questionKindName(QuestionKind kind);

// One layer of a receptive-field question's stack.
struct QuizLayer
{
    bool pool = false;
    int kernel = 3;
    int stride = 1;
    int dilation = 1;
};

// What a question is about: enough for anyone to work the answer out again.
struct QuizSetting
{
    int channels = 1; // of the input
    int height = 28;
    int width = 28;
    int filters = 1; // a conv's output channels; a dense layer's outputs
    int kernel = 3;
    int stride = 1;
    int padding = 0; // on every side
    int dilation = 1;
    bool bias = true;
    bool dense = false;           // a parameters question on a dense layer of height inputs
    bool ceilMode = false;        // a pooled-size question with PyTorch's ceil_mode
    std::vector<QuizLayer> stack; // a receptive-field question's layers, input first

    // A convolution (or a pool) on a C×H×W input: the lectures' examples in one line.
    static QuizSetting window(int channels, int height, int width, int filters, int kernel,
                              int stride, int padding);
};

struct Question
{
    QuestionKind kind = QuestionKind::OutputSize;
    QuizSetting setting;
    std::string text;                    // the question, as a teacher asks it
    std::string format;                  // what to type: "C×H×W" or "a number"
    std::vector<std::int64_t> answer;    // C, H, W, or one number
    std::string answerText;              // "6×28×28", "34,944"
    std::vector<std::string> derivation; // how to work it out, with the question's numbers
};

// The same seed gives every student the same questions in the same order, on any machine.
class QuizGenerator
{
public:
    explicit QuizGenerator(std::uint64_t seed, std::vector<QuestionKind> kinds = {});

    Question next();
    int asked() const { return m_asked; }

private:
    std::uint64_t draw(std::uint64_t bound); // uniform in [0, bound)
    int pick(std::initializer_list<int> values);

    Question outputSize();
    Question parameters();
    Question multiplyAdds();
    Question receptiveField();
    Question pooledSize();

    std::uint64_t m_state;
    std::vector<QuestionKind> m_kinds;
    int m_asked = 0;
};

enum class Verdict {
    Right,
    Wrong,
    Unreadable, // no numbers, or not as many as the answer has
};

struct Marking
{
    Verdict verdict = Verdict::Unreadable;
    std::string message;
};

// Reads the numbers of a typed answer ("6x28x28", "6 × 28 × 28", "34,944", "34944") and says
// whether they are the answer, with a hint when only the channels are missing.
Marking markAnswer(const Question &question, const std::string &typed);

// The question's answer worked out by the core (geometry and the network's table), the
// derivation with its numbers. Exposed for the tests and for a teacher's own settings.
Question makeQuestion(QuestionKind kind, const QuizSetting &setting);

} // namespace convscope
