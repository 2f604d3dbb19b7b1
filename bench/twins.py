#!/usr/bin/env python3
"""PyTorch twins of ConvScope's presets, timed the way ../shared/peers/lenet_torch.py times
LeNet-5 (Debian's python3-torch 1.13 and python3-torchvision, run with /usr/bin/python3 under
the pthread OpenBLAS with one BLAS thread, as bench/peers runs it).

  twins.py train --model mini-vgg|mini-resnet --batch 64 --steps S --reps R --peers DIR
      training images/s with Adam (the presets' recipe) on random 1×28×28 digits, steady
      state: the first batch of every rep is excluded.
  twins.py infer --model resnet18|vgg16 --reps R --peers DIR
      inference images/s at batch 1 on a 3×224×224 image (eval mode, no_grad), torchvision's
      definitions with weights=None.
  twins.py params --model NAME
      the twin's parameter count, which must equal `convscope-cli summary --model NAME`'s.
  twins.py recipe --data-dir DIR --seed S --peers DIR
      LeNet-5 (lenet_torch.py's) on the MNIST subset with ConvScope's default recipe: Adam at
      0.002 with a cosine schedule over 10 epochs, batch 32, and its augmentation (shifts of
      up to 2 whole pixels, rotations of up to 10°, scalings of up to ±10 % about the centre,
      bilinear, black outside); the test set is evaluated every 25 steps. Prints the training
      clock (augmentation and steps, not the evaluations) when the test accuracy first reaches
      97 %, and stops there.

The mini networks are written from core/nn/presets.cpp layer by layer; every convolution
followed by batch norm has no bias, as there. DIR is the folder with quiet.py. Every run
prints one JSON line starting with 'RESULT '.
"""
import argparse
import json
import math
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn(cin, cout, kernel, stride=1, pad=0):
    return [nn.Conv2d(cin, cout, kernel, stride, pad, bias=False), nn.BatchNorm2d(cout)]


def conv_bn_relu(cin, cout, kernel, pad):
    return conv_bn(cin, cout, kernel, 1, pad) + [nn.ReLU()]


def mini_vgg():
    return nn.Sequential(*conv_bn_relu(1, 16, 3, 1), *conv_bn_relu(16, 16, 3, 1),
                         nn.MaxPool2d(2), *conv_bn_relu(16, 32, 3, 1),
                         *conv_bn_relu(32, 32, 3, 1), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.3),
                         nn.Linear(128, 10))


class BasicBlock(nn.Module):
    """ResNet's basic block as presets.cpp's resnetBlock writes it: the projection shortcut
    (1×1 conv with the stride, batch norm) where the shape changes."""

    def __init__(self, cin, width, stride):
        super().__init__()
        self.body = nn.Sequential(*conv_bn(cin, width, 3, stride, 1), nn.ReLU(),
                                  *conv_bn(width, width, 3, 1, 1))
        self.shortcut = (nn.Sequential(*conv_bn(cin, width, 1, stride, 0))
                         if stride != 1 or cin != width else nn.Identity())

    def forward(self, x):
        return F.relu(self.body(x) + self.shortcut(x))


def mini_resnet():
    return nn.Sequential(*conv_bn(1, 16, 3, 1, 1), nn.ReLU(), BasicBlock(16, 16, 1),
                         BasicBlock(16, 32, 2), BasicBlock(32, 64, 2),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10))


def imagenet(name):
    import torchvision.models as models
    return {"resnet18": models.resnet18, "vgg16": models.vgg16}[name](weights=None)


MODELS = {"mini-vgg": mini_vgg, "mini-resnet": mini_resnet,
          "resnet18": lambda: imagenet("resnet18"), "vgg16": lambda: imagenet("vgg16")}


def parameters(model):
    return sum(p.numel() for p in model.parameters())


def timed(a, run, images):
    """Median images/s over a.reps quiet repetitions of run()."""
    from quiet import Meter, wait_quiet
    rates = []
    for rep in range(a.reps):
        for attempt in range(4):
            wait_quiet()
            with Meter() as m:
                t0 = time.perf_counter()
                run()
                dt = time.perf_counter() - t0
            print(f"rep {rep}: {images / dt:.1f} img/s, {m.tag()}", flush=True)
            if m.foreign_pct <= a.max_foreign:
                break
            print("  (rep discarded: foreign load)", flush=True)
        rates.append(images / dt)
    return rates


def cmd_train(a):
    torch.manual_seed(0)
    model = MODELS[a.model]().train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(a.batch, 1, 28, 28)
    y = torch.randint(0, 10, (a.batch,))

    def step():
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        opt.step()

    step()  # first batch excluded

    def run():
        for _ in range(a.steps):
            step()

    rates = timed(a, run, a.steps * a.batch)
    print("RESULT " + json.dumps({"kind": "train_throughput", "model": a.model, "batch": a.batch,
                                  "parameters": parameters(model), "img_per_s": rates,
                                  "median_img_per_s": statistics.median(rates)}))


@torch.no_grad()
def cmd_infer(a):
    torch.manual_seed(0)
    model = MODELS[a.model]().eval()
    x = torch.randn(1, 3, 224, 224)
    model(x)  # warm-up

    def run():
        for _ in range(a.steps):
            model(x).argmax(1)

    rates = timed(a, run, a.steps)
    print("RESULT " + json.dumps({"kind": "infer", "model": a.model, "batch": 1,
                                  "parameters": parameters(model), "img_per_s": rates,
                                  "median_img_per_s": statistics.median(rates)}))


def augment(x, generator):
    """ConvScope's augmentation (core/nn/dataset.cpp) of a batch of N×1×H×W pixels in [0, 1]."""
    n, _, h, w = x.shape

    def symmetric(bound):
        return (2 * torch.rand(n, generator=generator) - 1) * bound

    dy, dx = symmetric(2.0).round(), symmetric(2.0).round()
    angle = symmetric(10.0) * math.pi / 180
    inverse = 1 / (1 + symmetric(0.1))
    c, s = torch.cos(angle) * inverse, torch.sin(angle) * inverse
    dxn, dyn = dx * 2 / (w - 1), dy * 2 / (h - 1)
    theta = torch.stack([torch.stack([c, -s, -(c * dxn - s * dyn)], 1),
                         torch.stack([s, c, -(s * dxn + c * dyn)], 1)], 1)
    grid = F.affine_grid(theta, list(x.shape), align_corners=True)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=True)


def cmd_recipe(a):
    from lenet_torch import LeNet5, accuracy, read_idx

    def images(stem):
        return torch.from_numpy(read_idx(f"{a.data_dir}/{stem}").astype("float32") / 255)

    xtr, xte = images("train-images-idx3-ubyte"), images("t10k-images-idx3-ubyte")
    ytr = torch.from_numpy(read_idx(f"{a.data_dir}/train-labels-idx1-ubyte").astype("int64"))
    yte = torch.from_numpy(read_idx(f"{a.data_dir}/t10k-labels-idx1-ubyte").astype("int64"))
    mean, std = float(xtr.mean()), float(xtr.std())
    xtr, xte = xtr.unsqueeze(1), ((xte - mean) / std).unsqueeze(1)
    torch.manual_seed(a.seed)
    generator = torch.Generator().manual_seed(a.seed)
    model = LeNet5()
    opt = torch.optim.Adam(model.parameters(), lr=0.002)
    epochs, batch = 10, 32
    total = epochs * ((len(ytr) + batch - 1) // batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda t: 0.5 * (1 + math.cos(math.pi * min(t / total, 1.0))))
    clock, step = 0.0, 0
    for epoch in range(epochs):
        order = torch.randperm(len(ytr), generator=generator)
        for first in range(0, len(ytr), batch):
            b = order[first:first + batch]
            t0 = time.perf_counter()
            xb = (augment(xtr[b], generator) - mean) / std
            opt.zero_grad(set_to_none=True)
            F.cross_entropy(model(xb), ytr[b]).backward()
            opt.step()
            schedule.step()
            clock += time.perf_counter() - t0
            step += 1
            if step % 25 == 0 and accuracy(model, xte, yte) >= 0.97:
                print("RESULT " + json.dumps({"kind": "time_to_accuracy", "target": 0.97,
                                              "seed": a.seed, "step": step,
                                              "train_s": round(clock, 3)}))
                return
    print("RESULT " + json.dumps({"kind": "time_to_accuracy", "target": 0.97, "seed": a.seed,
                                  "step": None, "train_s": None}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["train", "infer", "params", "recipe"])
    ap.add_argument("--model", choices=list(MODELS))
    ap.add_argument("--data-dir", default="data/mnist")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--peers", default=None, help="the folder with quiet.py")
    ap.add_argument("--max-foreign", type=float, default=10.0)
    a = ap.parse_args()
    if a.peers:
        sys.path.insert(0, a.peers)
    torch.set_num_threads(a.threads)
    if a.cmd == "params":
        print(parameters(MODELS[a.model]()))
        return
    if a.cmd != "recipe" and not a.model:
        ap.error(f"{a.cmd} needs --model")
    {"train": cmd_train, "infer": cmd_infer, "recipe": cmd_recipe}[a.cmd](a)


if __name__ == "__main__":
    main()
