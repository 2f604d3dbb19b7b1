#pragma once

#include <QString>
#include <QStringList>

#include <string>
#include <string_view>

namespace convscope::ui {

// The core writes English: the quiz, the output-size derivations, the receptive field's rules
// and the refusals of a convolution. The window shows them in its language by their shape: the
// numbers and the words in quotes are taken out (%1, %2, …), the rest is looked up among
// corePhrases() in the context "convscope::core", and the numbers go back in where the
// translation puts them. A sentence of another shape stays as the core wrote it.
QString coreText(std::string_view english);

// The sentence with its numbers and quoted words as %1, %2, …, and what they were.
QString coreShape(const QString &english, QStringList *pieces);

// The core's phrases start in lower case, to follow a colon; a line of their own starts with a
// capital (in a language that has them).
QString capitalised(QString words);

// Every shape of sentence the window translates, in English.
QStringList corePhrases();

} // namespace convscope::ui
