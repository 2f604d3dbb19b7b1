#pragma once

#include <QBuffer>
#include <QByteArray>
#include <QFile>
#include <QImage>
#include <QList>
#include <QString>

#include <algorithm>
#include <cstdint>

namespace convscope::test {

// A Motion-JPEG AVI of the frames (all of one size), what a camera test plays in a loop: the
// simplest video that every player reads, written without an encoder library.
inline bool writeMjpegAvi(const QString &path, const QList<QImage> &frames, int fps)
{
    if (frames.isEmpty())
        return false;
    const int w = frames.first().width(), h = frames.first().height();
    // Little-endian, as RIFF is (and as x86 stores them).
    auto u32 = [](std::uint32_t v) {
        return QByteArray(reinterpret_cast<const char *>(&v), 4);
    };
    auto u16 = [](std::uint16_t v) {
        return QByteArray(reinterpret_cast<const char *>(&v), 2);
    };
    auto chunk = [&](const char *id, const QByteArray &data) {
        QByteArray out = QByteArray(id, 4) + u32(std::uint32_t(data.size())) + data;
        if (data.size() % 2)
            out += '\0';
        return out;
    };
    auto list = [&](const char *type, const QByteArray &data) {
        return QByteArray("LIST", 4) + u32(std::uint32_t(data.size() + 4)) + QByteArray(type, 4)
               + data;
    };
    QList<QByteArray> jpegs;
    std::uint32_t largest = 0;
    for (const QImage &frame : frames) {
        QByteArray jpeg;
        QBuffer buffer(&jpeg);
        buffer.open(QIODevice::WriteOnly);
        if (!frame.save(&buffer, "JPG", 90))
            return false;
        largest = std::max(largest, std::uint32_t(jpeg.size()));
        jpegs.append(jpeg);
    }
    const std::uint32_t count = std::uint32_t(frames.size());
    QByteArray avih = u32(1000000 / std::uint32_t(fps)) + u32(0) + u32(0) + u32(0x10) + u32(count)
                      + u32(0) + u32(1) + u32(largest) + u32(std::uint32_t(w))
                      + u32(std::uint32_t(h)) + QByteArray(16, '\0');
    QByteArray strh = QByteArray("vidsMJPG", 8) + u32(0) + u16(0) + u16(0) + u32(0) + u32(1)
                      + u32(std::uint32_t(fps)) + u32(0) + u32(count) + u32(largest)
                      + u32(0xffffffff) + u32(0) + u16(0) + u16(0) + u16(std::uint16_t(w))
                      + u16(std::uint16_t(h));
    QByteArray strf = u32(40) + u32(std::uint32_t(w)) + u32(std::uint32_t(h)) + u16(1) + u16(24)
                      + QByteArray("MJPG", 4) + u32(std::uint32_t(w * h * 3)) + u32(0) + u32(0)
                      + u32(0) + u32(0);
    const QByteArray hdrl = list("hdrl",
                                 chunk("avih", avih)
                                     + list("strl", chunk("strh", strh) + chunk("strf", strf)));
    QByteArray movi, index;
    std::uint32_t offset = 4;
    for (const QByteArray &jpeg : jpegs) {
        const QByteArray frame = chunk("00dc", jpeg);
        index += QByteArray("00dc", 4) + u32(0x10) + u32(offset) + u32(std::uint32_t(jpeg.size()));
        offset += std::uint32_t(frame.size());
        movi += frame;
    }
    const QByteArray body = QByteArray("AVI ", 4) + hdrl + list("movi", movi)
                            + chunk("idx1", index);
    QFile file(path);
    return file.open(QIODevice::WriteOnly)
           && file.write(QByteArray("RIFF", 4) + u32(std::uint32_t(body.size())) + body) > 0;
}

} // namespace convscope::test
