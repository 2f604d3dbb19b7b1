#!/usr/bin/python3
"""Writes torch_fixtures.txt: random conv2d / max_pool2d / avg_pool2d (also ceil_mode) and
BatchNorm2d/1d cases computed by
PyTorch, which core_torch_agreement_test replays through ConvScope's core. Run by hand with
Debian's python3-torch when the semantics change:  /usr/bin/python3 make_torch_fixtures.py

Per-side padding with a pad mode is F.pad(x, (left, right, top, bottom), mode) followed by an
unpadded conv2d; a flipped kernel is torch.flip(w, [2, 3]); 'same' cases use conv2d's own
padding='same' (stride 1)."""
import random
import torch
import torch.nn.functional as F

random.seed(7)
torch.manual_seed(7)
MODES = {"zero": "constant", "reflect": "reflect", "replicate": "replicate"}


def numbers(t):
    return " ".join("%.9g" % v for v in t.flatten().tolist())


def conv_case(out):
    while True:
        n, groups = random.randint(1, 2), random.choice([1, 1, 1, 2, 3])
        c = groups * random.randint(1, 2)
        k = groups * random.randint(1, 2)
        h, w = random.randint(1, 8), random.randint(1, 8)
        kh, kw = random.randint(1, 4), random.randint(1, 4)
        sh, sw = random.randint(1, 3), random.randint(1, 3)
        dh, dw = random.randint(1, 2), random.randint(1, 2)
        mode = random.choice(list(MODES))
        same = random.random() < 0.15
        if same:
            sh = sw = 1
            pads = [0, 0, 0, 0]
        else:
            pads = [random.randint(0, 3) for _ in range(4)]  # top, bottom, left, right
        if mode == "reflect" and (max(pads[:2]) >= h or max(pads[2:]) >= w):
            continue
        if same and mode != "zero":
            continue
        ph, pw = h + pads[0] + pads[1], w + pads[2] + pads[3]
        if ph < dh * (kh - 1) + 1 or pw < dw * (kw - 1) + 1:
            continue
        break
    flip = random.random() < 0.3
    has_bias = random.random() < 0.7
    x = torch.randn(n, c, h, w)
    weight = torch.randn(k, c // groups, kh, kw)
    bias = torch.randn(k) if has_bias else None
    used = torch.flip(weight, [2, 3]) if flip else weight
    if same:
        y = F.conv2d(x, used, bias, dilation=(dh, dw), padding="same", groups=groups)
    else:
        xp = F.pad(x, (pads[2], pads[3], pads[0], pads[1]), mode=MODES[mode])
        y = F.conv2d(xp, used, bias, stride=(sh, sw), dilation=(dh, dw), groups=groups)
    out.write("conv %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %s %s %d %d %d\n" % (
        n, c, h, w, k, kh, kw, sh, sw, dh, dw, *pads, mode, "same" if same else "explicit",
        groups, flip, has_bias))
    out.write("input %s\nweight %s\nbias %s\noutput %s\n" % (
        numbers(x), numbers(weight), numbers(bias) if has_bias else "", numbers(y)))


def pool_case(out, ceil=False):
    kind = random.choice(["max", "avg"])
    n, c = random.randint(1, 2), random.randint(1, 3)
    kh, kw = random.randint(1, 4), random.randint(1, 4)
    h, w = random.randint(kh, 9), random.randint(kw, 9)
    sh, sw = random.randint(1, 4), random.randint(1, 4)
    ph, pw = random.randint(0, kh // 2), random.randint(0, kw // 2)
    # Few distinct values, so that ties are common and the first-maximum rule is exercised.
    x = torch.randint(-3, 4, (n, c, h, w)).float() if random.random() < 0.5 else torch.randn(n, c, h, w)
    if kind == "max":
        y, idx = F.max_pool2d(x, (kh, kw), (sh, sw), (ph, pw), ceil_mode=ceil,
                              return_indices=True)
    else:
        y = F.avg_pool2d(x, (kh, kw), (sh, sw), (ph, pw), ceil_mode=ceil)
        idx = None
    out.write("%s %s %d %d %d %d %d %d %d %d %d %d\n" % (
        "pool-ceil" if ceil else "pool", kind, n, c, h, w, kh, kw, sh, sw, ph, pw))
    out.write("input %s\noutput %s\nargmax %s\n" % (
        numbers(x), numbers(y), " ".join(str(v) for v in idx.flatten().tolist()) if idx is not None else ""))


def batchnorm_case(out):
    """nn.BatchNorm2d in training mode (batch statistics, running estimates moved), then in
    evaluation mode with the moved estimates; 1-D cases are BatchNorm1d on (N, C)."""
    n, c = random.randint(2, 4), random.randint(1, 3)
    flat = random.random() < 0.3
    h, w = (1, 1) if flat else (random.randint(1, 4), random.randint(1, 4))
    eps = random.choice([1e-5, 1e-3])
    momentum = random.choice([0.1, 0.3])
    bn = (torch.nn.BatchNorm1d if flat else torch.nn.BatchNorm2d)(c, eps=eps, momentum=momentum)
    with torch.no_grad():
        bn.weight.copy_(torch.rand(c) + 0.5)
        bn.bias.copy_(torch.randn(c))
        bn.running_mean.copy_(torch.randn(c))
        bn.running_var.copy_(torch.rand(c) + 0.5)
    x = torch.randn(n, c, h, w) * 2 + 1
    before = (bn.running_mean.clone(), bn.running_var.clone())
    bn.train()
    y = bn(x.reshape(n, c) if flat else x)
    bn.eval()
    z = bn(x.reshape(n, c) if flat else x)
    out.write("batchnorm %d %d %d %d %.9g %.9g\n" % (n, c, h, w, eps, momentum))
    out.write("input %s\nweight %s\nbias %s\nrunning_mean %s\nrunning_var %s\n" % (
        numbers(x), numbers(bn.weight.detach()), numbers(bn.bias.detach()), numbers(before[0]),
        numbers(before[1])))
    out.write("output %s\nmoved_mean %s\nmoved_var %s\neval_output %s\n" % (
        numbers(y.detach()), numbers(bn.running_mean), numbers(bn.running_var),
        numbers(z.detach())))


with open("torch_fixtures.txt", "w") as out:
    out.write("# generated by make_torch_fixtures.py with PyTorch %s\n" % torch.__version__)
    for _ in range(120):
        conv_case(out)
    for _ in range(80):
        pool_case(out)
    # Appended after the cases above, so that theirs keep the same random draws.
    for _ in range(40):
        pool_case(out, ceil=True)
    for _ in range(30):
        batchnorm_case(out)
