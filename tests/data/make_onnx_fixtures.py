#!/usr/bin/python3
"""Writes tests/data/onnx/: small networks exported by torch.onnx.export, each with an input
batch and PyTorch's output for it, which core_onnx_test and the CLI's infer test read through
ConvScope; and malformed models that must be refused with their reason. Run by hand with
Debian's python3-torch and python3-onnx when the importer changes:
    /usr/bin/python3 make_onnx_fixtures.py

NAME.onnx, NAME.input.npy (N×C×H×W float32) and NAME.output.npy (what the graph outputs)."""
import io
import os

import numpy
import onnx
import onnx.helper as oh
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "onnx")
torch.manual_seed(5)


class LeNet5(nn.Module):
    """ConvScope's lenet5 preset; view(-1, 400) exports a Reshape to a constant shape."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, 400)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class Block(nn.Module):
    """torchvision's BasicBlock: a projection where the shape changes."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False),
                                      nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(y + (x if self.down is None else self.down(x)))


class MiniResNet(nn.Module):
    def __init__(self):
        super().__init__()
        # ceil_mode: 11×11 after the pool where floor would give 10×10.
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, 1, 1, bias=False), nn.BatchNorm2d(8),
                                  nn.ReLU(), nn.MaxPool2d(3, 2, 1, ceil_mode=True))
        self.blocks = nn.Sequential(Block(8, 8, 1), Block(8, 16, 2))
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class Inception(nn.Module):
    """GoogLeNet's module: four branches concatenated, a ceil-mode pool in the last."""

    def __init__(self, cin):
        super().__init__()
        self.b1 = nn.Conv2d(cin, 4, 1)
        self.b2 = nn.Sequential(nn.Conv2d(cin, 3, 1), nn.ReLU(), nn.Conv2d(3, 5, 3, padding=1))
        self.b3 = nn.Sequential(nn.Conv2d(cin, 2, 1), nn.Tanh(), nn.Conv2d(2, 3, 5, padding=2))
        self.b4 = nn.Sequential(nn.MaxPool2d(3, 1, 1, ceil_mode=True), nn.Conv2d(cin, 2, 1))

    def forward(self, x):
        return torch.cat([self.b1(x), self.b2(x), self.b3(x), self.b4(x)], 1)


class MiniInception(nn.Module):
    """Padding by F.pad before a convolution, an average pool that counts its padding, leaky
    ReLU and sigmoid, dropout, and a softmax at the end."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 6, 3, stride=2, dilation=2)
        self.inception = Inception(6)
        self.pool = nn.AvgPool2d(3, 2, padding=1)
        self.drop = nn.Dropout(0.3)
        self.fc = nn.Linear(14 * 4 * 4, 7)

    def forward(self, x):
        x = F.leaky_relu(self.conv(F.pad(x, (1, 2, 2, 1))), 0.2)
        x = torch.sigmoid(self.pool(self.inception(x)))
        return F.softmax(self.fc(self.drop(torch.flatten(x, 1))), 1)


class Grouped(nn.Module):
    """Grouped convolutions: AlexNet's two groups, then a depthwise and a pointwise one as
    MobileNet has them."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(),
            nn.Conv2d(8, 8, 3, padding=1, groups=2), nn.BatchNorm2d(8), nn.ReLU(),
            nn.Conv2d(8, 8, 3, stride=2, padding=1, groups=8, bias=False), nn.ReLU(),
            nn.Conv2d(8, 16, 1), nn.AdaptiveAvgPool2d(1))
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        return self.fc(torch.flatten(self.features(x), 1))


def randomize_batch_norms(model):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.3, 0.3)


def export(name, model, shape, opset):
    model.eval()
    randomize_batch_norms(model)
    x = torch.randn(*shape)
    with torch.no_grad():
        y = model(x)
    # PRESERVE keeps the batch norms as nodes (in inference mode) instead of folding them into
    # the convolutions, so that the importer's BatchNormalization is what is tested.
    torch.onnx.export(model, x[:1], os.path.join(OUT, name + ".onnx"), opset_version=opset,
                      input_names=["image"], output_names=["scores"],
                      training=torch.onnx.TrainingMode.PRESERVE,
                      dynamic_axes={"image": {0: "batch"}, "scores": {0: "batch"}})
    numpy.save(os.path.join(OUT, name + ".input.npy"), x.numpy().astype(numpy.float32))
    numpy.save(os.path.join(OUT, name + ".output.npy"), y.numpy().astype(numpy.float32))


def tiny_graph(nodes, opset=13, weights=(), input_shape=(1, 1, 6, 6), output_shape=(1, 2, 4, 4)):
    graph = oh.make_graph(
        nodes, "refused",
        [oh.make_tensor_value_info("x", onnx.TensorProto.FLOAT, list(input_shape))],
        [oh.make_tensor_value_info("y", onnx.TensorProto.FLOAT, list(output_shape))],
        list(weights))
    return oh.make_model(graph, opset_imports=[oh.make_opsetid("", opset)],
                         producer_name="make_onnx_fixtures")


def conv_weight(name, shape):
    values = numpy.random.RandomState(3).randn(*shape).astype(numpy.float32)
    return oh.make_tensor(name, onnx.TensorProto.FLOAT, list(shape), values.flatten().tolist())


def refused():
    """Models that must be refused, each named after its reason."""
    w = conv_weight("w", (2, 1, 3, 3))
    save = lambda name, model: onnx.save(model, os.path.join(OUT, "refused-" + name + ".onnx"))
    save("operator", tiny_graph([oh.make_node("Conv", ["x", "w"], ["c"], name="conv"),
                                 oh.make_node("Elu", ["c"], ["y"], name="elu")],
                                weights=[w]))
    save("opset", tiny_graph([oh.make_node("Conv", ["x", "w"], ["y"], name="conv")],
                             opset=7, weights=[w]))
    save("channels", tiny_graph([oh.make_node("Conv", ["x", "w"], ["y"], name="conv")],
                                weights=[w], input_shape=(1, 3, 6, 6)))
    save("symbolic", tiny_graph([oh.make_node("Conv", ["x", "w"], ["y"], name="conv")],
                                weights=[w], input_shape=("batch", 1, "height", 6)))
    lenet = open(os.path.join(OUT, "lenet5.onnx"), "rb").read()
    with open(os.path.join(OUT, "refused-truncated.onnx"), "wb") as f:
        f.write(lenet[: len(lenet) // 2])


def lrn_model():
    """AlexNet's first stage as the ONNX model zoo's AlexNet (from Caffe) writes it, with an
    LRN node, which torch.onnx.export never writes (it spells PyTorch's LocalResponseNorm out
    in small operators). PyTorch's F.local_response_norm gives the expected output."""
    rs = numpy.random.RandomState(9)
    w = rs.randn(8, 3, 5, 5).astype(numpy.float32) * 0.2
    b = rs.randn(8).astype(numpy.float32) * 0.1
    fw = rs.randn(6, 8 * 4 * 4).astype(numpy.float32) * 0.1
    fb = rs.randn(6).astype(numpy.float32) * 0.1
    tensor = lambda name, a: oh.make_tensor(name, onnx.TensorProto.FLOAT, a.shape,
                                            a.flatten().tolist())
    nodes = [oh.make_node("Conv", ["image", "w", "b"], ["c"], name="conv1", strides=[2, 2],
                          pads=[2, 2, 2, 2], kernel_shape=[5, 5]),
             oh.make_node("Relu", ["c"], ["r"], name="relu1"),
             oh.make_node("LRN", ["r"], ["n"], name="norm1", size=5, alpha=1e-2, beta=0.75,
                          bias=2.0),
             oh.make_node("MaxPool", ["n"], ["p"], name="pool1", kernel_shape=[3, 3],
                          strides=[2, 2]),
             oh.make_node("Flatten", ["p"], ["f"], name="flatten", axis=1),
             oh.make_node("Gemm", ["f", "fw", "fb"], ["scores"], name="fc", transB=1)]
    graph = oh.make_graph(
        nodes, "alexnet-stage",
        [oh.make_tensor_value_info("image", onnx.TensorProto.FLOAT, ["batch", 3, 20, 20])],
        [oh.make_tensor_value_info("scores", onnx.TensorProto.FLOAT, ["batch", 6])],
        [tensor("w", w), tensor("b", b), tensor("fw", fw), tensor("fb", fb)])
    model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", 9)],
                          producer_name="make_onnx_fixtures")
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, "lrn.onnx"))
    x = torch.from_numpy(rs.randn(2, 3, 20, 20).astype(numpy.float32))
    y = F.relu(F.conv2d(x, torch.from_numpy(w), torch.from_numpy(b), 2, 2))
    y = F.max_pool2d(F.local_response_norm(y, 5, alpha=1e-2, beta=0.75, k=2.0), 3, 2)
    y = torch.flatten(y, 1) @ torch.from_numpy(fw).T + torch.from_numpy(fb)
    numpy.save(os.path.join(OUT, "lrn.input.npy"), x.numpy())
    numpy.save(os.path.join(OUT, "lrn.output.npy"), y.numpy())


def photo_model():
    """A colour classifier of 12 classes on 3×32×32, as a photo model from torchvision would be:
    no normalisation in the graph, no softmax. photo.picture.npy is a 1×3×32×48 picture in
    [0, 1]; photo.labels.txt names the classes; photo.output.npy is the softmax of the model on
    the picture's centre 32×32 (columns 8 to 39) normalised with ImageNet's mean and deviation,
    which predict --recipe "crop resize 32 ..." must give."""
    model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(),
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 12))
    model.eval()
    randomize_batch_norms(model)
    picture = torch.rand(1, 3, 32, 48)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    with torch.no_grad():
        y = F.softmax(model((picture[:, :, :, 8:40] - mean) / std), 1)
    torch.onnx.export(model, torch.zeros(1, 3, 32, 32), os.path.join(OUT, "photo.onnx"),
                      opset_version=13, input_names=["image"], output_names=["logits"],
                      training=torch.onnx.TrainingMode.PRESERVE)
    numpy.save(os.path.join(OUT, "photo.picture.npy"), picture.numpy())
    numpy.save(os.path.join(OUT, "photo.output.npy"), y.numpy())
    with open(os.path.join(OUT, "photo.labels.txt"), "w") as labels:
        for name in ["apple", "banana", "carrot", "dog", "egg", "fig", "grape", "ham",
                     "ice cream", "jam", "kiwi", "lemon"]:
            labels.write(name + "\n")


os.makedirs(OUT, exist_ok=True)
export("lenet5", LeNet5(), (3, 1, 28, 28), 13)
export("mini-resnet", MiniResNet(), (2, 3, 20, 20), 11)
export("mini-inception", MiniInception(), (2, 1, 15, 15), 9)
export("grouped", Grouped(), (2, 3, 12, 12), 13)
refused()
lrn_model()
photo_model()
