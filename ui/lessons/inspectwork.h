#pragma once

#include "core/lessons/inspection.h"
#include "core/nn/model_file.h"

#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace convscope::ui {

// What the Inspect page asks of its worker: a model file, a picture, how to feed it.
struct InspectRequest
{
    QString modelPath;
    std::shared_ptr<const Tensor> picture; // 1×C×H×W in [0, 1], RGB
    QString pictureName;                   // "chelsea"
    std::optional<std::string> recipe;     // the model's own when empty
    std::optional<std::vector<std::string>> labels;
};

// The model as the page describes it, taken on the worker when it is read.
struct ModelInfo
{
    QString path;
    Shape input;
    int classes = 0;
    std::int64_t parameters = 0;
    std::int64_t multiplyAdds = 0;
    std::string ownRecipe; // the model's, or the default for its shape
    std::vector<std::string> ownLabels;
    std::string producer; // "pytorch 1.13.1" for ONNX, "ConvScope" for .csm
};

struct InspectOutcome
{
    std::optional<ModelInfo> model; // empty when the model could not be read
    std::string recipe;             // the recipe used
    std::vector<std::string> labels;
    Expected<Inspection> inspection = Error{""};
};

// Reads models and runs pictures through them, one request at a time on a worker thread: the
// model of the last request stays loaded (VGG-16 takes seconds to read) until another is asked.
class InspectWorker
{
public:
    InspectOutcome run(const InspectRequest &request);
    // The model read last, or null; only while no request runs.
    Model *model() const { return m_model.get(); }
    void forget();

private:
    QString m_path;
    std::unique_ptr<Model> m_model;
    ModelInfo m_info;
};

} // namespace convscope::ui
