#include "ui/lessons/inspectwork.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace convscope::ui {

InspectOutcome InspectWorker::run(const InspectRequest &request)
{
    InspectOutcome outcome;
    if (!m_model || m_path != request.modelPath) {
        forget();
        Expected<Model> read = loadModel(request.modelPath.toStdString());
        if (!read) {
            outcome.inspection = read.error();
            return outcome;
        }
        m_model = std::make_unique<Model>(std::move(*read));
        m_path = request.modelPath;
        const Network &network = m_model->network;
        const bool onnx = QFileInfo(m_path).suffix().compare("onnx", Qt::CaseInsensitive) == 0;
        m_info = {m_path,
                  network.inputShape(),
                  network.classes(),
                  network.parameterCount(),
                  network.multiplyAdds(),
                  inputRecipe(*m_model).toString(),
                  m_model->metadata.labels,
                  onnx ? "ONNX" : "ConvScope"};
    }
    outcome.model = m_info;
    const std::string recipeText = request.recipe.value_or(m_info.ownRecipe);
    Expected<InputRecipe> recipe = InputRecipe::parse(recipeText);
    outcome.recipe = recipeText;
    outcome.labels = request.labels.value_or(m_info.ownLabels);
    if (!recipe) {
        outcome.inspection = recipe.error();
        return outcome;
    }
    if (!request.picture) {
        outcome.inspection = makeError(
            QCoreApplication::translate("convscope::ui::InspectPage",
                                        "open a picture to run through the model")
                .toStdString());
        return outcome;
    }
    outcome.inspection = inspectPicture(m_model->network, *request.picture, *recipe, outcome.labels);
    return outcome;
}

void InspectWorker::forget()
{
    m_model.reset();
    m_path.clear();
    m_info = {};
}

} // namespace convscope::ui
