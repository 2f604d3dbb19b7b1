#pragma once

#include <QLocale>
#include <QString>

#include <cstdint>

namespace convscope::ui {

// A count as the tables write it, with thousands grouped: "61,706".
inline QString grouped(std::int64_t value)
{
    return QLocale(QLocale::English).toString(qlonglong(value));
}

// The number a student reads for a 0-based index. The lectures count channels, filters, rows,
// columns and test images from 1, and so does every text and title of the window; PyTorch's
// 0-based indices appear only where code is meant (file names, .npy contents, the CLI).
constexpr int ordinal(int index)
{
    return index + 1;
}

} // namespace convscope::ui
