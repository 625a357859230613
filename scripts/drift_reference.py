#!/usr/bin/python3
"""Reference for the drift and decay statistics (src/Mlops.Core/Monitoring), written independently with numpy/scipy.

Reads JSON {"numeric": [...], "categorical": [...], "accuracy": [...], "rmse": [...], "kolmogorov": [...]} and prints the same lists of
results. A numeric case is {"bins": [[lower, upper, count], ...], "quantiles": [[p, value], ...], "std", "values"};
a categorical case is {"reference": [counts], "current": [counts]} over the same cells (categories, then "other").

The reference CDF is built from the bins and quantiles by the rule the C# documents (knots at bin edges at the share
below each, plus each quantile that falls strictly inside a segment in both position and share; linear between), but
the statistics are scipy's: kstest against that CDF, kstwobign for the two-sample asymptotic p-value, jensenshannon
with base 2, chisquare after merging sparse cells, binomtest's Wilson interval. The Wasserstein distance is
integrated in quantile space (the C# integrates CDFs over x) and checked against scipy.stats.wasserstein_distance on
a fine discretization of the reference.
"""
import json
import math
import sys

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

EPSILON = 1e-4
MIN_EXPECTED = 5.0


def knots(bins, quantiles):
    total = float(sum(b[2] for b in bins))
    xs, fs = [bins[0][0]], [0.0]
    below = 0
    for lower, upper, count in bins:
        below += count
        xs.append(upper)
        fs.append(below / total)
    fs[-1] = 1.0
    for p, v in sorted(quantiles):
        for k in range(len(xs) - 1):
            if xs[k] < v < xs[k + 1] and fs[k] < p < fs[k + 1]:
                xs.insert(k + 1, v)
                fs.insert(k + 1, p)
                break
    return np.array(xs), np.array(fs)


def psi(reference, current):
    r = np.maximum(np.asarray(reference, float) / np.sum(reference), EPSILON)
    c = np.maximum(np.asarray(current, float) / np.sum(current), EPSILON)
    return float(np.sum((c - r) * np.log(c / r)))


def quantile_space_w1(values, xs, fs):
    s = np.sort(np.asarray(values, float))
    n = len(s)
    breaks = np.unique(np.concatenate([np.arange(n + 1) / n, fs]))
    a, b = breaks[:-1], breaks[1:]
    keep = b > a
    a, b = a[keep], b[keep]
    sample = s[np.minimum(np.ceil((a + b) / 2 * n).astype(int) - 1, n - 1)]
    start = np.interp(a, fs, xs) - sample
    end = np.interp(b, fs, xs) - sample
    width = b - a
    same = start * end >= 0
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing = width * (start ** 2 + end ** 2) / (2 * np.abs(end - start))
    return float(np.sum(np.where(same, width * np.abs(start + end) / 2, crossing)))


def numeric(case):
    bins, values = case["bins"], np.asarray(case["values"], float)
    xs, fs = knots(bins, case["quantiles"])
    uppers = np.array([b[1] for b in bins])
    cells = np.minimum(np.searchsorted(uppers, values, side="right"), len(bins) - 1)
    current = np.bincount(cells, minlength=len(bins))
    reference = [b[2] for b in bins]
    cdf = lambda x: np.interp(x, xs, fs, left=0.0, right=1.0)
    d = stats.kstest(values, cdf).statistic
    n, m = sum(reference), len(values)
    q = dict((p, v) for p, v in case["quantiles"])
    iqr = q.get(0.75, 0) - q.get(0.25, 0)
    scale = iqr if iqr > 0 else (case["std"] if case["std"] > 0 else 1.0)
    w1 = quantile_space_w1(values, xs, fs)
    grid = np.interp((np.arange(400_000) + 0.5) / 400_000, fs, xs)
    w1_scipy = stats.wasserstein_distance(values, grid)
    return {
        "psi": psi(reference, current),
        "jensenShannon": float(jensenshannon(reference, current, base=2)),
        "wasserstein": w1 / scale,
        "wassersteinScipyGrid": w1_scipy / scale,
        "ks": float(d),
        "ksPValue": float(stats.kstwobign.sf(math.sqrt(n * m / (n + m)) * d)),
    }


def categorical(case):
    reference, current = np.asarray(case["reference"], float), np.asarray(case["current"], float)
    expected = current.sum() * reference / reference.sum()
    sparse = expected < MIN_EXPECTED
    obs, exp = list(current[~sparse]), list(expected[~sparse])
    if sparse.any():
        pooled_obs, pooled_exp = current[sparse].sum(), expected[sparse].sum()
        if pooled_exp >= MIN_EXPECTED:
            obs.append(pooled_obs)
            exp.append(pooled_exp)
        elif exp:
            k = int(np.argmin(exp))
            obs[k] += pooled_obs
            exp[k] += pooled_exp
    result = {
        "psi": psi(reference, current),
        "jensenShannon": float(jensenshannon(reference, current, base=2)),
        "cells": len(exp),
    }
    if len(exp) >= 2:
        test = stats.chisquare(obs, exp)
        result.update(chiSquare=float(test.statistic), df=len(exp) - 1, pValue=float(test.pvalue))
    return result


def accuracy(case):
    ci = stats.binomtest(case["correct"], case["total"]).proportion_ci(confidence_level=case["confidence"], method="wilson")
    return {"value": case["correct"] / case["total"], "lower": float(ci.low), "upper": float(ci.high)}


def rmse(case):
    squared = np.asarray(case["errors"], float) ** 2
    mse = squared.mean()
    half = stats.norm.ppf(1 - (1 - case["confidence"]) / 2) * squared.std(ddof=1) / math.sqrt(len(squared))
    return {"value": math.sqrt(mse), "lower": math.sqrt(max(0.0, mse - half)), "upper": math.sqrt(mse + half)}


def main(path):
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    json.dump({
        "numeric": [numeric(c) for c in spec.get("numeric", [])],
        "categorical": [categorical(c) for c in spec.get("categorical", [])],
        "accuracy": [accuracy(c) for c in spec.get("accuracy", [])],
        "rmse": [rmse(c) for c in spec.get("rmse", [])],
        "kolmogorov": [float(stats.kstwobign.sf(x)) for x in spec.get("kolmogorov", [])],
    }, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
