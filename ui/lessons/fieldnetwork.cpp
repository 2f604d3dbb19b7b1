#include "ui/lessons/fieldnetwork.h"

#include "core/io/image_io.h"
#include "core/lessons/receptive_field.h"
#include "core/nn/architecture.h"
#include "core/nn/digit_input.h"
#include "ui/common/coretext.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>

namespace convscope::ui {

namespace {

// The words of free functions, in a context of their own.
struct Words
{
    Q_DECLARE_TR_FUNCTIONS(convscope::ui::FieldNetwork)
};

QString text(std::string_view words)
{
    return QString::fromUtf8(words.data(), qsizetype(words.size()));
}

// Random weights, seeded so that a class sees the same fields.
Expected<FieldNetwork> randomNetwork(const Architecture &architecture, const Shape &input,
                                     int classes, QString note)
{
    Expected<Network> network = Network::create(architecture, input, classes);
    if (!network)
        return network.error();
    FieldNetwork built{std::make_shared<Network>(std::move(*network)), false, std::move(note)};
    built.network->initialize(1);
    built.digits = input.c == 1 && input.h == kDigitSize && input.w == kDigitSize;
    return built;
}

Expected<FieldNetwork> presetNetwork(const Preset &preset)
{
    const Architecture architecture = *parseArchitecture(preset.spec);
    const ArchitectureTable table = tabulate(architecture, preset.input, preset.classes);
    const QString title = coreText(preset.title);
    if (table.parameters() <= kMaxTrainableParameters)
        return randomNetwork(architecture, preset.input, preset.classes,
                             Words::tr("%1 with random weights (seed 1).").arg(title));
    // The dense layers hold most of AlexNet's and VGG's weights, and their units all see the
    // whole image: without them the maps build.
    const Architecture trunk = featureTrunk(architecture);
    const std::int64_t kept = tabulate(trunk, preset.input, 0).parameters();
    return randomNetwork(trunk, preset.input, 0,
                         Words::tr(
                             "%1's maps with random weights (seed 1): its dense layers, %2 of "
                             "its %3 parameters, are left out, and each of their units sees the "
                             "whole image.")
                             .arg(title, QLocale().toString(table.parameters() - kept),
                                  QLocale().toString(table.parameters())));
}

Expected<FieldNetwork> stackNetwork(const QString &spec, const QString &input)
{
    const Expected<Shape> shape = parseImageShape(input.trimmed().toStdString());
    if (!shape)
        return makeError(Words::tr("input: %1").arg(coreText(shape.error().message)).toStdString());
    const Expected<Architecture> architecture = parseArchitecture(spec.toStdString());
    if (!architecture)
        return architecture.error();
    if (architecture->layers.empty())
        return makeError(
            Words::tr("the stack has no layers: write one, such as 'conv 8 3x3'").toStdString());
    return randomNetwork(*architecture, *shape, 0,
                         Words::tr("Your stack on a %1 input, with random weights (seed 1).")
                             .arg(text(shape->imageString())));
}

} // namespace

QList<QPair<QString, QString>> fieldSources()
{
    QList<QPair<QString, QString>> sources{{Words::tr("Training page"), kSessionField}};
    for (const Preset &preset : presets()) {
        // The MLP's first layer already sees the whole image: it has no field to draw.
        if (preset.name != "mlp")
            sources.append({Words::tr("%1, random").arg(coreText(preset.title)), text(preset.name)});
    }
    sources.append({Words::tr("Your own stack"), kOwnStackField});
    return sources;
}

Expected<FieldNetwork> buildFieldNetwork(const QString &source, const NetworkSnapshot &snapshot,
                                         const QString &spec, const QString &input)
{
    if (source == kOwnStackField)
        return stackNetwork(spec, input);
    if (source != kSessionField) {
        const Preset *preset = findPreset(source.toStdString());
        if (!preset)
            return makeError(Words::tr("no network is called '%1'").arg(source).toStdString());
        return presetNetwork(*preset);
    }
    if (snapshot.architecture.layers.empty())
        return presetNetwork(*findPreset("lenet5"));
    Expected<Network> network = Network::create(snapshot.architecture, snapshot.input,
                                                snapshot.classes);
    if (!network)
        return network.error();
    FieldNetwork built{std::make_shared<Network>(std::move(*network)), true,
                       Words::tr("The Training page's network, with its weights as they are now.")};
    if (!built.network->setWeights(snapshot.weights)) {
        built.network->initialize(1);
        built.note = Words::tr("The Training page's network, with random weights (seed 1).");
    }
    return built;
}

Tensor fieldPhoto(const Shape &shape)
{
    static const Tensor photo = [] {
        QFile file(":/samples/chelsea.png");
        const QByteArray bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        Expected<Tensor> image = decodeImage(bytes.toStdString(), "chelsea.png", ColorMode::Rgb);
        return image ? *image : Tensor(Shape{1, 3, 1, 1}, 0.5f);
    }();
    return photoInput(photo, shape);
}

} // namespace convscope::ui
