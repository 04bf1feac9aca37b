#!/usr/bin/env python3
"""Solve a maximal covering instance exactly with HiGHS (an independent check of `overblik site`).

The instance is the JSON written by `overblik-bench coverage --only siting --dump DIR`:
    {"candidates": n, "weights": [w_i, ...], "rows": [[j, ...], ...]}   (row i: candidates reaching i)

Model (Church & ReVelle 1974):
    max  sum_i w_i y_i
    s.t. y_i <= sum_{j in N_i} x_j       for every demand point i
         sum_j x_j  = p  (<= p when fewer useful candidates)
         x_j in {0, 1},  0 <= y_i <= 1

Usage:  pip install highspy
        python3 Tools/mclp_highs.py DIR/siting-instance.json 5 10 20 [--time-limit 600] [--lp]

Prints per p: optimum (or best bound when the time limit stops it), LP bound with --lp, seconds.
"""
import argparse
import json
import time

import highspy
import numpy as np


def build(inst, p, relax=False):
    rows = inst["rows"]
    w = inst["weights"]
    n = inst["candidates"]
    keep = [i for i, r in enumerate(rows) if r and w[i] > 0]
    m = len(keep)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    lp = highspy.HighsLp()
    # Columns: x_0..x_{n-1}, then y_0..y_{m-1}.
    lp.num_col_ = n + m
    lp.num_row_ = m + 1
    lp.col_cost_ = np.array([0.0] * n + [float(w[i]) for i in keep])
    lp.col_lower_ = np.zeros(n + m)
    lp.col_upper_ = np.ones(n + m)
    lp.sense_ = highspy.ObjSense.kMaximize
    starts, index, value = [0], [], []
    # Row-wise: y_i - sum x_j <= 0; last row sum x_j <= p.
    for k, i in enumerate(keep):
        index.append(n + k)
        value.append(1.0)
        for j in rows[i]:
            index.append(j)
            value.append(-1.0)
        starts.append(len(index))
    for j in range(n):
        index.append(j)
        value.append(1.0)
    starts.append(len(index))
    lp.row_lower_ = np.array([-highspy.kHighsInf] * (m + 1))
    lp.row_upper_ = np.array([0.0] * m + [float(p)])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts)
    lp.a_matrix_.index_ = np.array(index)
    lp.a_matrix_.value_ = np.array(value)
    if not relax:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n + [highspy.HighsVarType.kContinuous] * m
    h.passModel(lp)
    return h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("instance")
    ap.add_argument("p", type=int, nargs="+")
    ap.add_argument("--time-limit", type=float, default=600)
    ap.add_argument("--lp", action="store_true", help="also solve the LP relaxation")
    ap.add_argument("--lp-only", action="store_true", help="solve only the LP relaxation (an upper bound)")
    args = ap.parse_args()
    with open(args.instance) as f:
        inst = json.load(f)
    n = inst["candidates"]
    for p in args.p:
        out = {"p": p}
        if args.lp or args.lp_only:
            h = build(inst, p, relax=True)
            h.setOptionValue("solver", "ipm")  # the simplex method needs minutes on the 10k x 1k instance
            t = time.perf_counter()
            h.run()
            out["lp_bound"] = h.getInfo().objective_function_value
            out["lp_seconds"] = round(time.perf_counter() - t, 3)
            if args.lp_only:
                print(json.dumps(out), flush=True)
                continue
        h = build(inst, p)
        h.setOptionValue("time_limit", args.time_limit)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 0.5)  # integer weights: a gap below 1 closes
        t = time.perf_counter()
        h.run()
        out["seconds"] = round(time.perf_counter() - t, 3)
        info = h.getInfo()
        out["status"] = h.modelStatusToString(h.getModelStatus())
        out["objective"] = info.objective_function_value
        out["mip_dual_bound"] = info.mip_dual_bound
        sol = h.getSolution().col_value
        out["sites"] = sorted(j for j in range(n) if sol[j] > 0.5)
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
