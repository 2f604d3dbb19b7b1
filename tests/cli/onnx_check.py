#!/usr/bin/python3
"""ONNX both ways. ConvScope's networks → convscope-cli export → PyTorch (the graph run node by
node with torch.nn.functional, after onnx.checker's full check) and OpenCV's dnn, against
convscope-cli infer. PyTorch networks → torch.onnx.export → convscope-cli infer, against
PyTorch's own output:
random small CNNs (convolutions of every stride, padding, dilation and now and then groups,
batch norms, the four activations, max and average pools with ceil mode, residual blocks with
and without a projection, concatenations) at random opsets, and torchvision's ResNet-18,
GoogLeNet, ResNeXt-50 and MobileNetV2 at reduced input sizes, with random weights and batch-norm statistics.
Agreement to 1e-4 relative. Exits 77 (CTest's skip) when Debian's python3-torch or python3-onnx
is missing.
Usage: onnx_check.py CONVSCOPE_CLI [CASES] [--no-torchvision]"""
import os
import random
import subprocess
import sys
import tempfile
import warnings

try:
    import numpy as np
    import onnx  # noqa: F401  (torch.onnx.export needs it)
    import torch
    import torch.nn as nn
except ImportError:
    print("python3-torch or python3-onnx is not installed: skipped")
    sys.exit(77)

warnings.filterwarnings("ignore")
CLI = sys.argv[1]
CASES = int(sys.argv[2]) if len(sys.argv) > 2 else 12
# Under the sanitizers the import's memory is what is checked: the torchvision networks add
# arithmetic the Release build checks, at a minute of sanitized time.
TORCHVISION = "--no-torchvision" not in sys.argv[3:]
rng = random.Random(int(os.environ.get("CONVSCOPE_TORCH_SEED", "1")))
torch.manual_seed(rng.randrange(1 << 30))
work = tempfile.mkdtemp(prefix="convscope-onnx-")


def activation():
    return rng.choice([nn.ReLU(), nn.LeakyReLU(rng.choice([0.01, 0.2])), nn.Tanh(), nn.Sigmoid(),
                       nn.ReLU6()])


def conv(cin, cout):
    k = rng.choice([1, 3, 5])
    # Now and then grouped: AlexNet's halves, or depthwise when the counts allow.
    groups = rng.choice([g for g in (1, 1, 1, 2, 3, cin) if cin % g == 0 and cout % g == 0])
    return nn.Conv2d(cin, cout, k, stride=rng.choice([1, 1, 2]), padding=rng.randint(0, k // 2 + 1),
                     dilation=rng.choice([1, 1, 2]), groups=groups, bias=rng.random() < 0.5)


class Residual(nn.Module):
    def __init__(self, c, project):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), nn.BatchNorm2d(c), nn.ReLU(),
                                  nn.Conv2d(c, c, 3, padding=1))
        self.short = nn.Conv2d(c, c, 1, bias=False) if project else None

    def forward(self, x):
        return self.body(x) + (x if self.short is None else self.short(x))


class Branches(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.a = nn.Conv2d(c, 2, 1)
        self.b = nn.Sequential(nn.Conv2d(c, 3, 3, padding=1), nn.ReLU())
        self.c = nn.Sequential(nn.MaxPool2d(3, 1, 1), nn.Conv2d(c, 2, 1))

    def forward(self, x):
        return torch.cat([self.a(x), self.b(x), self.c(x)], 1)


def random_net():
    """A stack that keeps at least 4×4 maps, then a classifier."""
    c, size = rng.randint(1, 3), rng.randint(16, 28)
    layers, channels, shape = [], c, (c, size, size)
    x = torch.zeros(1, *shape)
    for _ in range(rng.randint(2, 5)):
        kind = rng.choice(["conv", "conv", "bn", "pool", "residual", "branches"])
        if kind == "conv":
            layer = nn.Sequential(conv(channels, rng.randint(2, 6)), activation())
        elif kind == "bn":
            layer = nn.BatchNorm2d(channels)
        elif kind == "pool":
            k = rng.choice([2, 3])
            pool = nn.MaxPool2d if rng.random() < 0.5 else nn.AvgPool2d
            layer = pool(k, rng.choice([1, 2]), padding=rng.randint(0, k // 2),
                         ceil_mode=rng.random() < 0.5)
        elif kind == "residual":
            layer = Residual(channels, rng.random() < 0.5)
        else:
            layer = Branches(channels)
        y = layer(x)
        if min(y.shape[2:]) < 4:
            continue
        layers.append(layer)
        x, channels = y, y.shape[1]
    head = [nn.Flatten(), nn.Linear(x[0].numel(), rng.randint(3, 12))]
    if rng.random() < 0.3:
        head.append(nn.Softmax(1))
    return nn.Sequential(*layers, *head), (c, size, size)


def randomize(model):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.3, 0.3)
    return model.eval()


def check(name, model, shape, opset):
    path = os.path.join(work, name)
    x = torch.randn(2, *shape)
    with torch.no_grad():
        y = model(x).numpy()
    torch.onnx.export(model, x[:1], path + ".onnx", opset_version=opset,
                      training=torch.onnx.TrainingMode.PRESERVE if rng.random() < 0.5
                      else torch.onnx.TrainingMode.EVAL,
                      dynamic_axes={"input.1": {0: "n"}}, input_names=["input.1"])
    np.save(path + ".in.npy", x.numpy())
    run = subprocess.run([CLI, "infer", "--model", path + ".onnx", "--input", path + ".in.npy",
                          "--out", path + ".out.npy"], capture_output=True, text=True)
    if run.returncode != 0:
        print("FAIL %s (opset %d): %s" % (name, opset, run.stderr.strip()))
        return False
    mine = np.load(path + ".out.npy")
    # Relative to the output's scale: a logit near 0 has no relative precision of its own.
    worst = float(np.max(np.abs(mine - y)) / max(float(np.max(np.abs(y))), 1e-6))
    ok = mine.shape == y.shape and worst <= 1e-4
    print("%s %s (opset %d): largest relative difference %.2g" % ("ok  " if ok else "FAIL", name,
                                                                  opset, worst))
    return ok


# ConvScope's own networks the other way: train one epoch, export, and run the graph with
# PyTorch (the nodes interpreted with torch.nn.functional) and with OpenCV's dnn module where
# python3-opencv is installed; both must agree with infer on the .csm.
OURS = [
    "lenet5",
    "conv 4 3x3 pad 1 reflect flip | batchnorm | leakyrelu 0.2 | maxpool 3 stride 2 ceil | "
    "residual( conv 4 3x3 pad 1 | relu | conv 4 3x3 pad 1 ) | concat( conv 2 1x1 ; avgpool 3 "
    "stride 1 pad 1 | conv 3 1x1 ) | gap | flatten | dropout 0.2 | dense 10",
    "conv 6 5x5 stride 2 pad 2 replicate | tanh | avgpool 3 stride 2 pad 1 ceil | conv 8 3x3 "
    "dilation 2 | sigmoid | flatten | dense 32 | batchnorm | relu | dense 10",
    # AlexNet's first stage as the paper has it (PyTorch exports its LRN in small operators,
    # so ours is where an LRN node is tried).
    "conv 8 5x5 stride 2 pad 2 | relu | lrn 5 alpha 0.01 k 2 | maxpool 3 stride 2 | flatten | "
    "dense 10",
    # Grouped: two halves, then depthwise and pointwise as MobileNet has them, with its ReLU6
    # at opset 10, where a Clip's bounds are attributes: OpenCV 4.6 reads no other Clip.
    ("conv 8 3x3 pad 1 | relu | conv 8 3x3 pad 1 groups 2 | relu | conv 8 3x3 stride 2 groups 8 "
     "nobias | batchnorm | relu6 | conv 16 1x1 | gap | flatten | dense 10", 10),
]


def torch_run(path, x):
    import onnx.numpy_helper as nh
    import torch.nn.functional as F
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    values = {t.name: torch.from_numpy(nh.to_array(t).copy()) for t in model.graph.initializer}
    values[model.graph.input[0].name] = torch.from_numpy(x)
    for n in model.graph.node:
        a = {at.name: onnx.helper.get_attribute_value(at) for at in n.attribute}
        i = [values[name] for name in n.input]
        op = n.op_type
        if op in ("Sub", "Div", "Add"):
            y = {"Sub": torch.sub, "Div": torch.div, "Add": torch.add}[op](i[0], i[1])
        elif op == "Pad":
            p = list(a["pads"]) if "pads" in a else i[1].tolist()
            mode = {"constant": "constant", "reflect": "reflect", "edge": "replicate"}[
                a.get("mode", b"constant").decode()]
            y = F.pad(i[0], (p[3], p[7], p[2], p[6]), mode=mode)
        elif op == "Conv":
            p = a.get("pads", [0, 0, 0, 0])
            y = F.conv2d(F.pad(i[0], (p[1], p[3], p[0], p[2])), i[1],
                         i[2] if len(i) > 2 else None, a["strides"], 0, a["dilations"],
                         a.get("group", 1))
        elif op in ("MaxPool", "AveragePool"):
            p = a.get("pads", [0, 0, 0, 0])
            kw = dict(kernel_size=a["kernel_shape"], stride=a["strides"], padding=(p[0], p[1]),
                      ceil_mode=bool(a.get("ceil_mode", 0)))
            y = (F.max_pool2d(i[0], **kw) if op == "MaxPool" else
                 F.avg_pool2d(i[0], count_include_pad=bool(a.get("count_include_pad", 0)), **kw))
        elif op == "BatchNormalization":
            y = F.batch_norm(i[0], i[3], i[4], i[1], i[2], False, 0.0, a.get("epsilon", 1e-5))
        elif op == "Gemm":
            y = i[0] @ i[1].T + (i[2] if len(i) > 2 else 0)
        elif op == "Concat":
            y = torch.cat(i, a["axis"])
        elif op == "Flatten":
            y = torch.flatten(i[0], 1)
        elif op == "GlobalAveragePool":
            y = i[0].mean((2, 3), keepdim=True)
        elif op == "LRN":
            y = F.local_response_norm(i[0], a["size"], a.get("alpha", 1e-4), a.get("beta", 0.75),
                                      a.get("bias", 1.0))
        elif op == "Clip":
            low = float(i[1]) if len(i) > 1 else a.get("min", -float("inf"))
            high = float(i[2]) if len(i) > 2 else a.get("max", float("inf"))
            y = torch.clamp(i[0], low, high)
        elif op == "Softmax":
            y = torch.softmax(i[0], a.get("axis", -1))
        else:
            y = {"Relu": torch.relu, "Sigmoid": torch.sigmoid, "Tanh": torch.tanh,
                 "LeakyRelu": lambda t: F.leaky_relu(t, a.get("alpha", 0.01)),
                 "Identity": lambda t: t}[op](i[0])
        values[n.output[0]] = y
    return values[model.graph.output[0].name].numpy()


def check_ours(index, spec, opset=13):
    path = os.path.join(work, "ours%d" % index)
    steps = [[CLI, "train", "--data", "mnist", "--model", spec, "--epochs", "1", "--save",
              path + ".csm"],
             [CLI, "export", "--model", path + ".csm", "--onnx", path + ".onnx", "--opset",
              str(opset)]]
    for step in steps:
        run = subprocess.run(step, capture_output=True, text=True)
        if run.returncode != 0:
            print("FAIL ours%d: %s" % (index, run.stderr.strip()))
            return False
    x = np.random.RandomState(index).rand(3, 1, 28, 28).astype(np.float32)
    np.save(path + ".in.npy", x)
    subprocess.run([CLI, "infer", "--model", path + ".csm", "--input", path + ".in.npy", "--out",
                    path + ".out.npy"], check=True, capture_output=True)
    mine = np.load(path + ".out.npy")
    others = {"PyTorch": torch_run(path + ".onnx", x)}
    try:
        import cv2
        net = cv2.dnn.readNetFromONNX(path + ".onnx")
        net.setInput(x)
        others["OpenCV"] = net.forward()
    except ImportError:
        print("python3-opencv is not installed: OpenCV's dnn is skipped")
    ok = True
    for engine, theirs in others.items():
        worst = float(np.max(np.abs(mine - theirs)) / max(float(np.max(np.abs(theirs))), 1e-6))
        good = mine.shape == theirs.shape and worst <= 1e-4
        ok &= good
        print("%s ours%d through ONNX in %s: largest relative difference %.2g"
              % ("ok  " if good else "FAIL", index, engine, worst))
    return ok


failures = 0
if os.path.isdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data",
                              "mnist")):
    for index, spec in enumerate(OURS):
        failures += not check_ours(index, *(spec if isinstance(spec, tuple) else (spec,)))
else:
    print("data/mnist is not prepared (scripts/setup): our networks' exports are skipped")
for i in range(CASES):
    model, shape = random_net()
    # Opset 9 has no ceil_mode: the exporter writes it as uneven padding, which is refused.
    ceil = any(getattr(m, "ceil_mode", False) for m in model.modules())
    failures += not check("random%d" % i, randomize(model), shape, rng.randint(10 if ceil else 9, 17))
try:
    if not TORCHVISION:
        raise ImportError
    import torchvision
    failures += not check("resnet18", randomize(torchvision.models.resnet18(num_classes=10)),
                          (3, 64, 64), 13)
    failures += not check("googlenet", randomize(torchvision.models.googlenet(
        num_classes=10, aux_logits=False, init_weights=True)), (3, 96, 96), 11)
    failures += not check("resnext50_32x4d", randomize(torchvision.models.resnext50_32x4d(
        num_classes=10)), (3, 64, 64), 13)
    failures += not check("mobilenet_v2", randomize(torchvision.models.mobilenet_v2(
        num_classes=10)), (3, 64, 64), 13)
except ImportError:
    print("torchvision's networks are skipped (--no-torchvision, or python3-torchvision is "
          "not installed)")
print("%d failure(s)" % failures)
sys.exit(1 if failures else 0)
