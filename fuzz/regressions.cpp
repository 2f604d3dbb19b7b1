// fuzz/regressions/: every input here must be refused with a message, by the fuzz targets, the
// CLI (tests/cli/malformed_test.cpp) and the window. Issue 14's reproducers are rebuilt byte for
// byte; the other files break each format in one way that a hand or a fuzzer could.
#include "core/io/npy.h"
#include "core/nn/digit_input.h"
#include "core/nn/model_file.h"
#include "core/nn/network.h"
#include "fuzz/corpus_files.h"

#include <onnx/onnx_pb.h>

#include <zlib.h>

#include <limits>

namespace convscope::fuzz {

namespace {

using namespace std::string_literals;
using Folder = std::filesystem::path;

std::string pngChunk(const std::string &type, const std::string &data)
{
    const std::string body = type + data;
    const auto crc = std::uint32_t(
        crc32(0, reinterpret_cast<const Bytef *>(body.data()), uInt(body.size())));
    return bigEndian32(std::uint32_t(data.size())) + body + bigEndian32(crc);
}

std::string png(std::uint32_t width, std::uint32_t height)
{
    const std::string header = bigEndian32(width) + bigEndian32(height) + "\x08\0\0\0\0"s;
    std::string pixels(size_t(std::min<std::uint32_t>(height, 64))
                           * (std::min<std::uint32_t>(width, 64) + 1),
                       '\0');
    uLongf size = compressBound(uLong(pixels.size()));
    std::string idat(size, '\0');
    compress(reinterpret_cast<Bytef *>(idat.data()), &size,
             reinterpret_cast<const Bytef *>(pixels.data()), uLong(pixels.size()));
    idat.resize(size);
    return "\x89PNG\r\n\x1a\n"s + pngChunk("IHDR", header) + pngChunk("IDAT", idat)
           + pngChunk("IEND", "");
}

// A BITMAPINFOHEADER file of the given size, depth and compression, with no pixels.
std::string bmp(std::int32_t width, std::int32_t height, int bits, int compression)
{
    std::string info = littleEndian32(40) + littleEndian32(std::uint32_t(width))
                       + littleEndian32(std::uint32_t(height)) + littleEndian16(1)
                       + littleEndian16(std::uint16_t(bits))
                       + littleEndian32(std::uint32_t(compression)) + std::string(20, '\0');
    const std::uint32_t palette = bits <= 8 ? 4u << bits : 0;
    return "BM" + littleEndian32(54 + palette) + std::string(4, '\0') + littleEndian32(54 + palette)
           + info + std::string(palette, '\0');
}

bool issueImages(const Folder &out)
{
    bool ok = true;
    std::string dicom("RIFF\x7f\0\0\0WEBPVP8L\x0a\0\0\0\x2f\0\0\0\0", 25);
    dicom.resize(128, '\0');
    dicom += "DICM\x01\x02\x03";
    ok &= write(out, "webp-with-dicom-signature", dicom);
    ok &= write(out, "pnm-hash-after-number", "P5\n3#7\n1\n255\n\0"s);
    std::string jpeg("\xff\xd8\xff\x00\xff\xe1\x00\x0d", 8);
    jpeg += "\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01"s;
    jpeg += "\xff\xc0\x00\x0b\x08\x75\x30\x75\x30\x01\x01\x11\x00"s;
    ok &= write(out, "jpeg-stuffed-zero-fake-frame", jpeg);
    ok &= write(out, "webp-lossy-30-bytes",
                "RIFF\x16\0\0\0WEBPVP8 \x0a\0\0\0\0\0\0\x9d\x01\x2a\x05\0\x07\0"s);
    return ok;
}

bool brokenImages(const Folder &out)
{
    bool ok = true;
    ok &= write(out, "png-huge-dimensions.png", png(100000, 100000));
    ok &= write(out, "png-zero-width.png", png(0, 5));
    ok &= write(out, "png-truncated.png", png(4, 4).substr(0, 40));
    std::string crc = png(4, 4);
    crc[30] = char(crc[30] ^ 0xff);
    ok &= write(out, "png-bad-checksum.png", crc);
    ok &= write(out, "jpeg-huge-frame.jpg",
                "\xff\xd8\xff\xc0\x00\x0b\x08\xff\xff\xff\xff\x01\x01\x11\x00\xff\xd9"s);
    ok &= write(out, "jpeg-header-ends-early.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00"s);
    ok &= write(out, "jpeg-start-marker-only.jpg", "\xff\xd8"s);
    ok &= write(out, "bmp-huge-dimensions.bmp", bmp(50000, -50000, 24, 0));
    ok &= write(out, "bmp-negative-width.bmp", bmp(-4, 4, 24, 0));
    ok &= write(out, "bmp-header-cut.bmp", bmp(4, 4, 24, 0).substr(0, 34));
    std::string rle = bmp(4, 4, 8, 1);
    for (int i = 0; i < 11; ++i)
        rle += "\xff\x01"s;
    ok &= write(out, "bmp-rle-runs-past-the-end.bmp", rle);
    ok &= write(out, "pgm-huge.pgm", "P5\n65535 65535\n255\n");
    ok &= write(out, "pgm-negative-width.pgm", "P5\n-3 4\n255\n");
    ok &= write(out, "pgm-maxval-zero.pgm", "P5\n3 3\n0\n"s + std::string(9, '\0'));
    ok &= write(out, "pgm-ascii-cut.pgm", "P2\n3 3\n255\n1 2 3");
    ok &= write(out, "webp-huge-lossless.webp",
                "RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0\x2f\xff\xff\xff\x0f"s + std::string(8, '\0'));
    ok &= write(out, "empty.png", "");
    ok &= write(out, "lecture-notes.png", "not a picture at all\n");
    return ok;
}

// Formats ConvScope does not read, some of which OpenCV's own decoders would try.
bool otherFormats(const Folder &out)
{
    bool ok = true;
    ok &= write(out, "tiff.tif", "II*\0\x08\0\0\0"s + std::string(16, '\0'));
    ok &= write(out, "gif.gif", "GIF89a\xff\xff\xff\xff\0\0\0"s);
    ok &= write(out, "dicom.dcm", std::string(128, '\0') + "DICM" + std::string(32, '\0'));
    ok &= write(out, "radiance.hdr", "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 60000 +X 60000\n");
    ok &= write(out, "openexr.exr", "\x76\x2f\x31\x01"s + std::string(40, '\0'));
    ok &= write(out, "float-map.pfm", "PF\n60000 60000\n-1.0\n");
    ok &= write(out, "pam-huge.pam",
                "P7\nWIDTH 60000\nHEIGHT 60000\nDEPTH 3\nMAXVAL 255\n"
                "TUPLTYPE RGB\nENDHDR\n");
    ok &= write(out, "sun-raster.ras",
                bigEndian32(0x59a66a95) + bigEndian32(60000) + bigEndian32(60000) + bigEndian32(24)
                    + std::string(16, '\0'));
    return ok;
}

std::string npyWith(const std::string &dict, const std::string &data)
{
    std::string header = dict;
    header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');
    header.push_back('\n');
    return "\x93NUMPY\x01\0"s + littleEndian16(std::uint16_t(header.size())) + header + data;
}

std::string npyDict(const std::string &descr, const std::string &shape, bool fortran = false)
{
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
           + ", 'shape': " + shape + ", }";
}

bool brokenArrays(const Folder &out)
{
    bool ok = true;
    ok &= write(out, "npy-huge-shape.npy", npyWith(npyDict("<f4", "(100000, 100000, 100000)"), ""));
    ok &= write(out, "npy-shape-overflows.npy",
                npyWith(npyDict("<f4", "(4294967296, 4294967296, 4294967296)"), ""));
    ok &= write(out, "npy-negative-dimension.npy", npyWith(npyDict("<f4", "(-1, 4)"), ""));
    ok &= write(out, "npy-objects.npy", npyWith(npyDict("|O", "(2, 2)"), std::string(32, '\0')));
    ok &= write(out, "npy-fortran-order.npy",
                npyWith(npyDict("<f4", "(2, 2)", true), std::string(16, '\0')));
    ok &= write(out, "npy-big-endian.npy", npyWith(npyDict(">f4", "(2, 2)"), std::string(16, '\0')));
    ok &= write(out, "npy-header-beyond-the-file.npy", "\x93NUMPY\x01\0\xff\xff{"s);
    ok &= write(out, "npy-no-dtype.npy",
                "\x93NUMPY\x03\0\x10\0\0\0{}"s + std::string(13, ' ') + "\n");
    ok &= write(out, "npy-short-data.npy", npyWith(npyDict("<f4", "(3, 3)"), std::string(20, '\0')));
    ok &= write(out, "npy-one-dimension.npy",
                encodeNpy(std::vector<std::int64_t>{4}, std::vector<float>{1, 2, 3, 4}));
    std::vector<float> holed(25, 1.0f);
    holed[7] = std::numeric_limits<float>::quiet_NaN();
    holed[9] = std::numeric_limits<float>::infinity();
    ok &= write(out, "npy-not-finite.npy", encodeNpy(std::vector<std::int64_t>{5, 5}, holed));
    return ok;
}

bool brokenKernels(const Folder &out)
{
    bool ok = true;
    std::string row;
    for (int x = 0; x < 65; ++x)
        row += x == 0 ? "1" : " 1";
    std::string big;
    for (int y = 0; y < 65; ++y)
        big += row + "\n";
    ok &= write(out, "kernel-65x65.txt", big);
    ok &= write(out, "kernel-nan.txt", "nan 1\n1 1\n");
    ok &= write(out, "kernel-too-large-a-number.txt", "1e39 1\n1 1\n");
    ok &= write(out, "kernel-ragged.txt", "1 2\n3\n");
    ok &= write(out, "kernel-binary.txt", "\0\xff\xfe"s + std::string(100, '\x01'));
    ok &= write(out, "kernel-empty.txt", "");
    ok &= write(out, "kernel-words.txt", "one two\nthree four\n");
    return ok;
}

bool brokenIdx(const Folder &out)
{
    bool ok = true;
    std::string bomb("\0\0\x08\x01\0\0\0\x01", 8);
    bomb += std::string(16 << 20, '\0');
    ok &= write(out, "gzip-bomb-one-byte-promised.gz", gzipped(bomb));
    ok &= write(out, "idx-huge-dimensions", idxBytes({{60000, 60000, 60000}, {}}));
    ok &= write(out, "idx-data-cut", idxBytes({{10, 28, 28}, std::vector<std::uint8_t>(100)}));
    ok &= write(out, "idx-wrong-magic", "\x01\x02\x08\x03"s + std::string(12, '\0'));
    std::string floats = idxBytes({{2, 2, 2}, std::vector<std::uint8_t>(32)});
    floats[2] = '\x0d';
    ok &= write(out, "idx-float-elements", floats);
    ok &= write(out, "idx-no-dimensions", idxBytes({{}, {}}));
    const std::string whole = gzipped(idxBytes({{10, 28, 28}, std::vector<std::uint8_t>(7840, 9)}));
    ok &= write(out, "idx-gzip-cut.gz", whole.substr(0, whole.size() / 2));
    ok &= write(out, "idx-gzip-garbage.gz", "\x1f\x8b\x08\0"s + std::string(40, '\xff'));
    return ok;
}

// The model file's first tensor header, found by walking a good file's fields.
size_t firstTensorAt(const std::string &good)
{
    const auto u32at = [&](size_t at) {
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i)
            v |= std::uint32_t(std::uint8_t(good[at + size_t(i)])) << (8 * i);
        return v;
    };
    size_t at = 8 + 4;
    at += 4 + u32at(at);
    at += 16 + 8;
    return at + 4 + u32at(at);
}

// The file with its checksum made right again, so that the loader reads past it.
std::string resealed(std::string bytes)
{
    bytes.resize(bytes.size() - 4);
    const auto crc = std::uint32_t(
        crc32(0, reinterpret_cast<const Bytef *>(bytes.data()), uInt(bytes.size())));
    return bytes + littleEndian32(crc);
}

std::string withSpec(const std::string &good, const std::string &spec)
{
    const size_t at = 8 + 4;
    const auto length = std::uint32_t(std::uint8_t(good[at]))
                        | std::uint32_t(std::uint8_t(good[at + 1])) << 8;
    return resealed(good.substr(0, at) + littleEndian32(std::uint32_t(spec.size())) + spec
                    + good.substr(at + 4 + length));
}

bool brokenModels(const Folder &out)
{
    Network network = Network::create(*parseArchitecture("tiny"), kDigitShape).value();
    network.initialize(1);
    const std::string good = encodeModel(network, {}, {});
    const size_t at = firstTensorAt(good);
    // One tensor, then its N×C×H×W.
    const auto header = [&](std::vector<std::uint32_t> dims, size_t tail) {
        std::string bytes = good.substr(0, at) + littleEndian32(1);
        for (std::uint32_t v : dims)
            bytes += littleEndian32(v);
        return bytes + std::string(tail, '\0');
    };
    bool ok = true;
    ok &= write(out, "tensor-count-overflow", header({1u << 28, 1u << 28, 1u << 28, 16}, 64));
    ok &= write(out, "tensor-larger-than-file", header({256, 1024, 1024, 1}, 86));
    ok &= write(out, "model-wrong-magic.csm", "CSMODEX" + good.substr(7));
    std::string version = good;
    version[8] = 99;
    ok &= write(out, "model-version-99.csm", resealed(version));
    ok &= write(out, "model-cut-in-the-spec.csm", good.substr(0, 20));
    std::string flipped = good;
    flipped[good.size() / 2] = char(flipped[good.size() / 2] ^ 0x40);
    ok &= write(out, "model-bad-checksum.csm", flipped);
    ok &= write(out, "model-trailing-bytes.csm", good + "extra");
    ok &= write(out, "model-huge-spec.csm",
                withSpec(good, "conv 1 2147483647 | flatten | dense 10"));
    ok &= write(out, "model-240M-parameters.csm",
                withSpec(good, "flatten | dense 300000 | dense 10"));
    ok &= write(out, "model-spec-of-another-network.csm", withSpec(good, "lenet5"));
    ok &= write(out, "model-spec-not-parsing.csm", withSpec(good, "conv six 5x5"));
    std::vector<Tensor> weights = network.weights();
    weights[0].values()[3] = std::numeric_limits<float>::quiet_NaN();
    if (network.setWeights(weights).ok())
        ok &= write(out, "model-nan-weight.csm", encodeModel(network, {}, {}));
    return ok;
}

bool brokenSpecs(const Folder &out)
{
    bool ok = true;
    int n = 0;
    for (const char *spec :
         {"conv 2 32,147483647 | dense 10", "conv 1 2147483647 | flatten | dense 10",
          "flatten | dense 300000 | dense 10", "flatten | dense 240 | dense 0655369"})
        ok &= write(out, "huge-" + std::to_string(++n), spec);
    ok &= write(out, "kernel-larger-than-input", "conv 6 5x5 | conv 6 30x30 | flatten | dense 10");
    ok &= write(out, "no-classifier", "conv 6 5x5 | relu");
    ok &= write(out, "unknown-word", "conv 6 5x5 | softplus | flatten | dense 10");
    ok &= write(out, "negative-filters", "conv -6 5x5 | flatten | dense 10");
    ok &= write(out, "pool-window-zero", "maxpool 0 | flatten | dense 10");
    ok &= write(out, "empty", "");
    ok &= write(out, "form-feed", "\f"); // fuzzing, on the block parser: whitespace not trimmed
    ok &= write(out, "blank-layer-in-a-block", "residual( relu | \v ) | flatten | dense 10");
    std::string deep;
    for (int i = 0; i < 5000; ++i)
        deep += "relu | ";
    ok &= write(out, "five-thousand-layers", deep + "flatten | dense 10");
    return ok;
}

// A one-convolution ONNX graph, x (1×1×6×6) → y, for the broken models to start from.
onnx::ModelProto onnxConv()
{
    onnx::ModelProto model;
    model.set_ir_version(8);
    model.add_opset_import()->set_version(13);
    onnx::GraphProto &graph = *model.mutable_graph();
    graph.set_name("broken");
    for (auto [list, name] :
         {std::pair{graph.mutable_input(), "x"}, {graph.mutable_output(), "y"}}) {
        onnx::ValueInfoProto &v = *list->Add();
        v.set_name(name);
        v.mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
        for (int d : {1, 1, 6, 6})
            v.mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(d);
    }
    onnx::TensorProto &w = *graph.add_initializer();
    w.set_name("w");
    w.set_data_type(onnx::TensorProto::FLOAT);
    for (int d : {2, 1, 3, 3})
        w.add_dims(d);
    for (int i = 0; i < 18; ++i)
        w.add_float_data(0.1f * float(i));
    onnx::NodeProto &conv = *graph.add_node();
    conv.set_op_type("Conv");
    conv.set_name("conv");
    conv.add_input("x");
    conv.add_input("w");
    conv.add_output("y");
    return model;
}

bool writeOnnx(const Folder &out, const std::string &name, const onnx::ModelProto &model)
{
    std::string bytes;
    return model.SerializeToString(&bytes) && write(out, name, bytes);
}

// Models a file can claim that the importer must refuse before it allocates or reads past them.
bool brokenOnnx(const Folder &out)
{
    bool ok = true;
    const auto weights = [](onnx::ModelProto &m) {
        return m.mutable_graph()->mutable_initializer(0);
    };
    onnx::ModelProto huge = onnxConv();
    weights(huge)->clear_dims();
    for (int d : {1 << 20, 1 << 20, 3, 3})
        weights(huge)->add_dims(d);
    ok &= writeOnnx(out, "onnx-dims-of-a-terabyte.onnx", huge);
    onnx::ModelProto raw = onnxConv();
    weights(raw)->clear_float_data();
    weights(raw)->set_raw_data(std::string(16, '\0'));
    ok &= writeOnnx(out, "onnx-raw-data-too-short.onnx", raw);
    onnx::ModelProto negative = onnxConv();
    weights(negative)->set_dims(0, -2);
    ok &= writeOnnx(out, "onnx-negative-dimension.onnx", negative);
    onnx::ModelProto external = onnxConv();
    weights(external)->set_data_location(onnx::TensorProto::EXTERNAL);
    ok &= writeOnnx(out, "onnx-external-data.onnx", external);
    onnx::ModelProto ints = onnxConv();
    weights(ints)->set_data_type(onnx::TensorProto::INT8);
    ok &= writeOnnx(out, "onnx-int8-weights.onnx", ints);
    onnx::ModelProto nan = onnxConv();
    weights(nan)->set_float_data(4, std::numeric_limits<float>::quiet_NaN());
    ok &= writeOnnx(out, "onnx-nan-weight.onnx", nan);
    onnx::ModelProto kernel = onnxConv();
    weights(kernel)->set_dims(2, 40000);
    weights(kernel)->clear_float_data();
    for (int i = 0; i < 2 * 40000 * 3; ++i)
        weights(kernel)->add_float_data(0.0f);
    ok &= writeOnnx(out, "onnx-kernel-taller-than-the-image.onnx", kernel);
    onnx::ModelProto cycle = onnxConv();
    cycle.mutable_graph()->mutable_node(0)->set_input(0, "y");
    ok &= writeOnnx(out, "onnx-node-reads-its-own-output.onnx", cycle);
    onnx::ModelProto twice = onnxConv();
    onnx::NodeProto &cat = *twice.mutable_graph()->mutable_node(0);
    cat.set_op_type("Concat");
    cat.set_input(1, "x");
    cat.add_attribute()->set_name("axis");
    cat.mutable_attribute(0)->set_type(onnx::AttributeProto::INT);
    cat.mutable_attribute(0)->set_i(1);
    ok &= writeOnnx(out, "onnx-concat-of-the-input-with-itself.onnx", twice);
    onnx::ModelProto opset = onnxConv();
    opset.mutable_opset_import(0)->set_version(1000000);
    ok &= writeOnnx(out, "onnx-opset-a-million.onnx", opset);
    onnx::ModelProto empty = onnxConv();
    empty.mutable_graph()->clear_node();
    ok &= writeOnnx(out, "onnx-no-nodes.onnx", empty);
    ok &= write(out, "onnx-protobuf-garbage.onnx",
                "\x0a\xff\xff\xff\xff\x0f" + std::string(32, 'x'));
    return ok;
}

} // namespace

bool writeRegressions(const std::filesystem::path &out)
{
    bool ok = issueImages(out / "image");
    ok &= brokenImages(out / "image");
    ok &= otherFormats(out / "image");
    ok &= brokenArrays(out / "npy");
    ok &= brokenKernels(out / "kernel");
    ok &= brokenIdx(out / "idx");
    ok &= brokenModels(out / "model");
    ok &= brokenSpecs(out / "spec");
    ok &= brokenOnnx(out / "onnx");
    return ok;
}

} // namespace convscope::fuzz
