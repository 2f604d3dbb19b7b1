#!/usr/bin/env python3
"""bench/summary.py on made-up figures: the explorer's worst ratio, the Training page's share,
and each ratio to PyTorch divided by ours as bench/peers measured it beside PyTorch, with the
benchmark programs' own figure kept aside.

    summary_check.py BENCH/summary.py
"""
import json
import os
import subprocess
import sys
import tempfile


def bench(name, real_time, unit="ms", **counters):
    entry = {"name": name, "run_name": name, "run_type": "iteration", "real_time": real_time,
             "time_unit": unit}
    entry.update(counters)
    return entry


def main(summary):
    benchmarks = [
        bench("BM_DepthwiseOpenCvFilter2D/k:3/threads:2/real_time", 2.0),
        bench("BM_ExplorerOneFilter/k:3/s:1/d:1/real_time", 2.5),
        bench("BM_ExplorerOneFilter/k:3/s:2/d:2/real_time", 3.0),
        bench("BM_ExplorerBank/filters:8/k:11/real_time", 12000.0, unit="us"),
        bench("BM_GuiTrainingResponsiveness/batch:32/real_time", 1.0,
              **{"gui_vs_cli_%": 96.0, "worst_delay_ms": 7.25}),
        bench("BM_LeNetTraining/64/2/real_time", 1.0, **{"images/s": 30000.0}),
        bench("BM_ImageNetInference/resnet18/batch:1/real_time", 1.0, **{"images/s": 40.0}),
    ]
    peers = {"torch_lenet_train_b64_img_s": 20000.0, "torch_resnet18_infer_b1_img_s": 50.0,
             "lenet_time_to_97_vs_torch": 0.5,
             "beside_torch": {"lenet_train_b64_img_s": 44000.0}}
    with tempfile.TemporaryDirectory() as folder:
        bench_json = os.path.join(folder, "train_bench.json")
        peers_json = os.path.join(folder, "peers.json")
        with open(bench_json, "w") as f:
            json.dump({"benchmarks": benchmarks}, f)
        with open(peers_json, "w") as f:
            json.dump(peers, f)
        line = subprocess.run([sys.executable, summary, bench_json, "--peers", peers_json],
                              check=True, capture_output=True, text=True).stdout
    out = json.loads(line)
    expected = {
        "explorer_conv_vs_filter2d": 1.5,
        "explorer_conv_vs_filter2d_worst_case": "BM_ExplorerOneFilter/k:3/s:2/d:2",
        "explorer_bank8_k11_ms": 12.0,
        "gui_vs_cli_b32": 0.96,
        "gui_worst_stall_ms": 7.2,
        "lenet_train_b64_img_s": 44000.0,
        "lenet_train_b64_img_s_benchmark": 30000,
        "lenet_train_b64_vs_torch": 2.2,
        "resnet18_infer_b1_img_s": 40.0,
        "resnet18_infer_b1_vs_torch": 0.8,
        "lenet_time_to_97_vs_torch": 0.5,
    }
    wrong = {k: (out.get(k), v) for k, v in expected.items() if out.get(k) != v}
    if wrong or "beside_torch" in out:
        print("summary.py gave", json.dumps(out, sort_keys=True))
        print("wrong (got, wanted):", wrong)
        return 1
    print("summary.py: every figure and ratio as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
