#!/usr/bin/env python3
"""The figures of issue-style targets from Google Benchmark JSON files, as one JSON line.

    bench/summary.py OUT.json... [--peers PEERS.json]

Reads the JSON that bench/run --json has its programs write (medians when they ran with
repetitions) and, when given, the line bench/peers --json prints, and prints one JSON object:
the explorer's worst ratio to cv::filter2D over its K/stride/dilation grid, the bank of 8
filters of 11×11, the Training page's throughput next to the CLI and its worst stall, the
LeNet-5 figures, mini-vgg's and mini-resnet's training and resnet18's and vgg16's inference,
and their ratios to PyTorch measured in the same run (keys ending in _vs_torch), ours as
bench/peers measured them beside PyTorch.
"""
import json
import re
import sys


def medians(paths):
    """name -> benchmark entry, the median aggregate when there are repetitions."""
    found = {}
    for path in paths:
        try:
            with open(path) as f:
                benchmarks = json.load(f)["benchmarks"]
        except (OSError, ValueError, KeyError):
            continue  # a program whose filter matched nothing wrote no figures
        for b in benchmarks:
            if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
                continue
            found[b.get("run_name", b["name"])] = b
    return found


def ms(b):
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b["time_unit"]]
    return b["real_time"] * scale


def main(argv):
    peers = None
    if "--peers" in argv:
        i = argv.index("--peers")
        with open(argv[i + 1]) as f:
            peers = json.load(f)
        argv = argv[:i] + argv[i + 2:]
    runs = medians(argv)
    out = {}
    filter2d = {}
    for name, b in runs.items():
        m = re.match(r"BM_DepthwiseOpenCvFilter2D/k:(\d+)/threads:2/", name)
        if m:
            filter2d[int(m.group(1))] = ms(b)
    ratios = []
    for name, b in runs.items():
        m = re.match(r"BM_ExplorerOneFilter/k:(\d+)/s:(\d)/d:(\d)/", name)
        if m and int(m.group(1)) in filter2d:
            ratios.append((ms(b) / filter2d[int(m.group(1))], name))
    if ratios:
        worst = max(ratios)
        out["explorer_conv_vs_filter2d"] = round(worst[0], 3)
        out["explorer_conv_vs_filter2d_worst_case"] = worst[1].split("/real_time")[0]
    for name, b in runs.items():
        if name.startswith("BM_ExplorerBank/filters:8/k:11/"):
            out["explorer_bank8_k11_ms"] = round(ms(b), 2)
        if name.startswith("BM_ExplorerUpdate/k:11/filters:8/"):
            out["explorer_update_bank8_k11_ms"] = round(ms(b), 2)
        m = re.match(r"BM_GuiTrainingResponsiveness/batch:(\d+)/", name)
        if m:
            out[f"gui_vs_cli_b{m.group(1)}"] = round(b["gui_vs_cli_%"] / 100.0, 3)
            out["gui_worst_stall_ms"] = max(out.get("gui_worst_stall_ms", 0.0),
                                            round(b["worst_delay_ms"], 1))
        m = re.match(r"BM_LeNetTraining/(?:batch:)?(\d+)/(?:threads:)?(\d+)/", name)
        if m:
            out[f"lenet_train_b{m.group(1)}_img_s"] = round(b["images/s"])
        if name.startswith("BM_LeNetInference/"):
            out["lenet_infer_b1000_img_s"] = round(b["images/s"])
        m = re.match(r"BM_PresetTraining/([a-z-]+)/batch:(\d+)/", name)
        if m:
            key = m.group(1).replace("-", "_")
            out[f"{key}_train_b{m.group(2)}_img_s"] = round(b["images/s"], 1)
        m = re.match(r"BM_ImageNetInference/([a-z0-9]+)/batch:(\d+)/", name)
        if m:
            out[f"{m.group(1)}_infer_b{m.group(2)}_img_s"] = round(b["images/s"], 2)
    # bench/peers gives PyTorch's throughputs (torch_*_img_s), ours measured beside them in its
    # table (beside_torch), and figures it worked out whole (the time to 97 %, ours, theirs and
    # the ratio). A ratio divides ours beside PyTorch's, as the table does: the figures of the
    # benchmark programs above, measured minutes earlier, are kept under *_img_s_benchmark.
    peers = dict(peers or {})
    for key, ours in peers.pop("beside_torch", {}).items():
        if key in out:
            out[key + "_benchmark"] = out[key]
        out[key] = ours
    for key, theirs in peers.items():
        out[key] = theirs
        ours = out.get(key.replace("torch_", ""))
        if key.startswith("torch_") and key.endswith("_img_s") and ours and theirs:
            out[key.replace("torch_", "").replace("_img_s", "_vs_torch")] = round(ours / theirs, 2)
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
