#!/usr/bin/python3
"""Writes torch_optimizers.txt: torch.optim's SGD, Adam, AdamW, Adagrad, RMSprop and Adadelta
stepping one parameter through six given gradients, with their defaults and with the settings a
student changes (learning rate, momentum, weight decay, nesterov, lr_decay), which
core_optimizer_test replays through ConvScope's Optimizer. Run by hand with Debian's
python3-torch when an update rule changes:  /usr/bin/python3 make_optimizer_fixtures.py

Each case: a line "case KIND key=value ...", a line "init" with the starting values, then per
step a line "grad" with the gradient and a line "param" with the values after the step."""
import random
import torch

random.seed(11)
torch.manual_seed(11)
STEPS = 6
SIZE = 9


def numbers(t):
    return " ".join("%.9g" % v for v in t.flatten().tolist())


# (kind, torch class, keyword arguments): torch's own defaults first, then changed settings.
CASES = [
    ("sgd", torch.optim.SGD, {"lr": 0.01}),
    ("sgd", torch.optim.SGD, {"lr": 0.05, "momentum": 0.9}),
    ("sgd", torch.optim.SGD, {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("adam", torch.optim.Adam, {}),
    ("adam", torch.optim.Adam, {"lr": 0.01, "weight_decay": 0.1}),
    ("adamw", torch.optim.AdamW, {}),
    ("adamw", torch.optim.AdamW, {"lr": 0.05, "weight_decay": 0.1}),
    ("adagrad", torch.optim.Adagrad, {}),
    ("adagrad", torch.optim.Adagrad, {"lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.01}),
    ("rmsprop", torch.optim.RMSprop, {}),
    ("rmsprop", torch.optim.RMSprop, {"lr": 0.001, "momentum": 0.9, "weight_decay": 0.01}),
    ("rmsprop", torch.optim.RMSprop, {"alpha": 0.9, "eps": 1e-6}),
    ("adadelta", torch.optim.Adadelta, {}),
    ("adadelta", torch.optim.Adadelta, {"lr": 0.5, "rho": 0.95, "weight_decay": 0.01}),
]

with open("torch_optimizers.txt", "w") as out:
    for kind, make, settings in CASES:
        param = torch.nn.Parameter(torch.randn(SIZE))
        optimizer = make([param], **settings)
        group = optimizer.param_groups[0]
        keys = ["lr", "momentum", "nesterov", "weight_decay", "betas", "eps", "alpha", "rho",
                "lr_decay"]
        words = []
        for key in keys:
            if key in group:
                value = group[key]
                if key == "betas":
                    words.append("beta1=%.9g beta2=%.9g" % value)
                else:
                    words.append("%s=%.9g" % (key, float(value)))
        out.write("case %s %s\n" % (kind, " ".join(words)))
        out.write("init %s\n" % numbers(param.detach()))
        for _ in range(STEPS):
            grad = torch.randn(SIZE) * random.choice([0.01, 0.1, 1.0, 3.0])
            param.grad = grad.clone()
            optimizer.step()
            out.write("grad %s\n" % numbers(grad))
            out.write("param %s\n" % numbers(param.detach()))
