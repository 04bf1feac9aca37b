#!/usr/bin/env python3
"""Solve a unit-cost set-covering instance exactly with HiGHS (an independent check of `site --cover-all`).

Input: JSON {"candidates": n, "rows": [[j, ...], ...]}, one row per demand point that must be
covered (the candidates reaching it), as written by `overblik-bench setcover --dump DIR` and by the
HiGHS cross-check test.

Model:  min sum_j x_j   s.t.  sum_{j in N_i} x_j >= 1  for every row i,   x_j in {0, 1}

Usage:  Tools/setup.sh --with-test-tools      (installs highspy into .venv)
        .venv/bin/python3 Tools/setcover_highs.py FILE.json [FILE.json ...] [--time-limit 600]

Prints one JSON line per file: {"file", "optimum", "proved", "lp_bound", "seconds"}.
"""
import argparse
import json
import time

import highspy
import numpy as np


def solve(inst, time_limit, relax=False):
    n = inst["candidates"]
    rows = [r for r in inst["rows"] if r]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(rows)
    lp.col_cost_ = np.ones(n)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.ones(n)
    starts, index = [0], []
    for r in rows:
        index.extend(sorted(set(r)))
        starts.append(len(index))
    lp.row_lower_ = np.ones(len(rows))
    lp.row_upper_ = np.full(len(rows), highspy.kHighsInf)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.ones(len(index))
    if not relax:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    h.passModel(lp)
    h.run()
    return h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--time-limit", type=float, default=600)
    args = ap.parse_args()
    for path in args.files:
        with open(path) as f:
            inst = json.load(f)
        t = time.time()
        if not any(inst["rows"]):
            print(json.dumps({"file": path, "optimum": 0, "proved": True, "lp_bound": 0, "seconds": 0}))
            continue
        lp = solve(inst, args.time_limit, relax=True)
        lp_bound = lp.getInfo().objective_function_value
        h = solve(inst, args.time_limit)
        status = h.getModelStatus()
        info = h.getInfo()
        print(json.dumps({
            "file": path,
            "optimum": int(round(info.objective_function_value)),
            "proved": status == highspy.HighsModelStatus.kOptimal,
            "lp_bound": lp_bound,
            "seconds": round(time.time() - t, 3),
        }), flush=True)


if __name__ == "__main__":
    main()
