#!/usr/bin/python3
"""convscope-cli against PyTorch on random configurations, through the real binary and .npy
files: conv2d with per-axis stride and dilation, per-side padding or a padding mode, the three
pad values, flip, bias, 4-D kernel banks and depthwise filters; max pooling with its argmax
and average pooling. Settings that ConvScope refuses must be ones PyTorch cannot compute either.
Exits 77 (CTest's skip) when Debian's python3-torch is not installed.
Usage: torch_check.py CONVSCOPE_CLI [CASES]"""
import math
import os
import random
import subprocess
import sys
import tempfile

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
except ImportError:
    print("python3-torch is not installed: skipped")
    sys.exit(77)

CLI = sys.argv[1]
CASES = int(sys.argv[2]) if len(sys.argv) > 2 else 120
MODES = {"zero": "constant", "reflect": "reflect", "replicate": "replicate"}
rng = random.Random(int(os.environ.get("CONVSCOPE_TORCH_SEED", "1")))
torch.manual_seed(rng.randrange(1 << 30))
work = tempfile.mkdtemp(prefix="convscope-torch-")


def cli(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)


def pads_for(kind, size, k, s, d, explicit):
    if kind == "valid":
        return 0, 0
    if kind == "full":
        return d * (k - 1), d * (k - 1)
    if kind == "same":
        total = max((math.ceil(size / s) - 1) * s + d * (k - 1) + 1 - size, 0)
        return total // 2, total - total // 2
    return explicit


def conv_case(i):
    c = rng.randint(1, 4)
    h, w = rng.randint(1, 14), rng.randint(1, 14)
    rank = rng.choice([2, 3, 4]) if c == 1 else rng.choice([3, 4])
    n = rng.randint(1, 2) if rank == 4 else 1
    kh, kw = rng.randint(1, 5), rng.randint(1, 5)
    sh, sw = rng.randint(1, 3), rng.randint(1, 3)
    dh, dw = rng.randint(1, 3), rng.randint(1, 3)
    mode = rng.choice(list(MODES))
    kind = rng.choice(["explicit", "explicit", "valid", "same", "full"])
    sides = [rng.randint(0, 4) for _ in range(4)]
    bank = rng.choice(["planar", "planar", "4d"])
    depthwise = rng.random() < 0.3
    flip = rng.random() < 0.3
    x = torch.randn(n, c, h, w)
    if bank == "planar":
        kernel = torch.randn(kh, kw)
        weight = kernel.expand(c, 1, kh, kw).clone() if depthwise else kernel.expand(1, c, kh, kw).clone()
    else:
        k = c * rng.randint(1, 2) if depthwise else rng.randint(1, 4)
        kernel = torch.randn(k, 1 if depthwise else c, kh, kw)
        weight = kernel
    filters = weight.shape[0]
    bias = torch.randn(filters) if rng.random() < 0.6 else None
    np.save(f"{work}/x.npy", x.reshape((n, c, h, w)[4 - rank:]).numpy())
    np.save(f"{work}/k.npy", kernel.numpy())
    args = ["convolve", "--input", f"{work}/x.npy", "--kernel", f"{work}/k.npy",
            "--stride", f"{sh},{sw}", "--dilation", f"{dh},{dw}", "--pad-mode", mode,
            "--padding", kind if kind != "explicit" else ",".join(map(str, sides)),
            "--raw", f"{work}/y.npy"]
    if bias is not None:
        args += ["--bias", ",".join("%.9g" % v for v in bias.tolist())]
    if depthwise:
        args.append("--depthwise")
    if flip:
        args.append("--flip")
    if os.path.exists(f"{work}/y.npy"):
        os.remove(f"{work}/y.npy")
    result = cli(*args)
    top, bottom = pads_for(kind, h, kh, sh, dh, (sides[0], sides[1]))
    left, right = pads_for(kind, w, kw, sw, dw, (sides[2], sides[3]))
    feasible = (h + top + bottom >= dh * (kh - 1) + 1 and w + left + right >= dw * (kw - 1) + 1
                and (mode != "reflect" or max(top, bottom) < h and max(left, right) < w))
    where = f"case {i}: {' '.join(map(str, args))}"
    if not feasible:
        assert result.returncode == 1, f"{where}: expected a refusal, got {result.returncode}"
        assert "error:" in result.stderr and not os.path.exists(f"{work}/y.npy"), where
        return "refused"
    assert result.returncode == 0, f"{where}: {result.stderr}"
    used = torch.flip(weight, [2, 3]) if flip else weight
    xp = F.pad(x, (left, right, top, bottom), mode=MODES[mode])
    expected = F.conv2d(xp, used, bias, stride=(sh, sw), dilation=(dh, dw),
                        groups=c if depthwise else 1)
    got = np.load(f"{work}/y.npy")
    expected = expected.numpy()
    if rank < 4:
        expected = expected[0]
    assert got.shape == expected.shape, f"{where}: shape {got.shape} != {expected.shape}"
    assert np.allclose(got, expected, rtol=1e-5, atol=1e-5), \
        f"{where}: max difference {np.abs(got - expected).max()}"
    assert result.stdout.strip().splitlines()[-1] == "output: " + "x".join(map(str, got.shape))
    return "matched"


def pool_case(i):
    n, c = rng.randint(1, 2), rng.randint(1, 3)
    kh, kw = rng.randint(1, 5), rng.randint(1, 5)
    h, w = rng.randint(1, 16), rng.randint(1, 16)
    strided = rng.random() < 0.6
    sh, sw = (rng.randint(1, 4), rng.randint(1, 4)) if strided else (kh, kw)
    ph, pw = rng.randint(0, kh // 2), rng.randint(0, kw // 2)
    kind = rng.choice(["max", "avg"])
    x = torch.randint(-3, 4, (n, c, h, w)).float() if rng.random() < 0.5 else torch.randn(n, c, h, w)
    np.save(f"{work}/p.npy", x.numpy())
    args = ["pool", "--input", f"{work}/p.npy", "--type", kind, "--size", f"{kh}x{kw}",
            "--padding", f"{ph},{pw}", "--raw", f"{work}/q.npy"]
    if strided:
        args += ["--stride", f"{sh},{sw}"]
    if kind == "max":
        args += ["--argmax", f"{work}/a.npy"]
    result = cli(*args)
    where = f"case {i}: {' '.join(args)}"
    if h + 2 * ph < kh or w + 2 * pw < kw:
        assert result.returncode == 1, f"{where}: expected a refusal"
        return "refused"
    assert result.returncode == 0, f"{where}: {result.stderr}"
    got = np.load(f"{work}/q.npy")
    if kind == "max":
        expected, indices = F.max_pool2d(x, (kh, kw), (sh, sw), (ph, pw), return_indices=True)
        assert np.array_equal(np.load(f"{work}/a.npy"), indices.numpy()), f"{where}: argmax"
    else:
        expected = F.avg_pool2d(x, (kh, kw), (sh, sw), (ph, pw))
    assert np.allclose(got, expected.numpy(), rtol=1e-6, atol=1e-6), where
    return "matched"


outcomes = {}
for i in range(CASES):
    for case in (conv_case, pool_case):
        key = f"{case.__name__} {case(i)}"
        outcomes[key] = outcomes.get(key, 0) + 1
print(", ".join(f"{v} {k}" for k, v in sorted(outcomes.items())))
