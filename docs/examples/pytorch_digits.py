#!/usr/bin/python3
"""Trains a small CNN in PyTorch on ConvScope's MNIST subset (data/mnist, made by scripts/setup)
and exports it as ONNX for ConvScope's Inspect page, with the recipe and labels ConvScope reads
from the model's metadata. The README's "Models from PyTorch" walks through it.

    /usr/bin/python3 docs/examples/pytorch_digits.py [OUT.onnx]     # about 20 s on 2 cores
    build/app/gui/convscope --page inspect --model pytorch-digits.onnx \
        --image resources/samples/digit-3.png
"""
import gzip
import os
import sys

import numpy
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "data", "mnist")
MEAN, STD = 0.1307, 0.3081


def idx(name):
    path = os.path.join(DATA, name)
    raw = gzip.open(path + ".gz").read() if os.path.exists(path + ".gz") else open(path, "rb").read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return numpy.frombuffer(raw, numpy.uint8, offset=4 + 4 * dims).reshape(shape)


class Digits(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 5, padding=2)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(32)
        self.conv3 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc = nn.Linear(64 * 3 * 3, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        x = F.max_pool2d(F.relu(self.conv3(x)), 2)
        return self.fc(torch.flatten(x, 1))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "pytorch-digits.onnx"
    torch.manual_seed(1)
    images = torch.from_numpy(idx("train-images-idx3-ubyte").astype(numpy.float32) / 255)
    labels = torch.from_numpy(idx("train-labels-idx1-ubyte").astype(numpy.int64))
    test_images = torch.from_numpy(idx("t10k-images-idx3-ubyte").astype(numpy.float32) / 255)
    test_labels = torch.from_numpy(idx("t10k-labels-idx1-ubyte").astype(numpy.int64))
    x = ((images - MEAN) / STD).unsqueeze(1)
    model = Digits()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.002)
    for epoch in range(6):
        model.train()
        order = torch.randperm(len(x))
        for start in range(0, len(x), 64):
            batch = order[start:start + 64]
            optimizer.zero_grad()
            F.cross_entropy(model(x[batch]), labels[batch]).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            guess = model(((test_images - MEAN) / STD).unsqueeze(1)).argmax(1)
        print(f"epoch {epoch + 1}: test accuracy {(guess == test_labels).float().mean():.4f}")
    torch.onnx.export(model, torch.zeros(1, 1, 28, 28), out, opset_version=13,
                      input_names=["digit"], output_names=["logits"],
                      training=torch.onnx.TrainingMode.PRESERVE)
    # What ConvScope reads from the metadata (README, "Pictures into a model"): the digit
    # preparation with this normalisation, and a name for each class.
    exported = onnx.load(out)
    for key, value in {"convscope.input": f"digit mean {MEAN} std {STD}",
                       "convscope.labels": "".join(f"digit {k}\n" for k in range(10))}.items():
        exported.metadata_props.add(key=key, value=value)
    onnx.save(exported, out)
    print("wrote", out)


if __name__ == "__main__":
    main()
