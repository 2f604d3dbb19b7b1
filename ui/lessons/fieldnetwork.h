#pragma once

#include "core/expected.h"
#include "core/nn/network.h"
#include "ui/lessons/networksnapshot.h"

#include <QList>
#include <QPair>
#include <QString>

#include <memory>

namespace convscope::ui {

// The networks whose fields the Receptive Field page draws: the Training page's, every preset
// with random weights (its own input shape), and a stack the student writes.
constexpr const char *kSessionField = "session";
constexpr const char *kOwnStackField = "stack";

// (what the menu says, the source's name), in menu order.
QList<QPair<QString, QString>> fieldSources();

struct FieldNetwork
{
    std::shared_ptr<Network> network;
    bool digits = true; // reads the data set's test images; otherwise the photo
    QString note;       // what it is built from and what was left out
};

// Builds a copy of the source's network with its weights: the Training page's for "session"
// (LeNet-5 with seed 1 when it has none), seed 1 for the others. A preset over the parameter
// budget keeps its maps only (featureTrunk). For the own stack, `spec` and `input` (C×H×W);
// an error says what is wrong with them.
Expected<FieldNetwork> buildFieldNetwork(const QString &source, const NetworkSnapshot &snapshot,
                                         const QString &spec, const QString &input);

// The built-in photo (the Samples page's cat) as the input of a network of `shape`.
Tensor fieldPhoto(const Shape &shape);

} // namespace convscope::ui
