#!/usr/bin/python3
"""Reference for the paired bootstrap (src/Mlops.Core/Evaluation/PairedBootstrap.cs), written independently with numpy.

Reads a JSON file: {"task": "binary"|"multiclass"|"regression", "metric": "auc", "seed": 1, "resamples": 1000,
"confidence": 0.95, "labels": [...], "a": {"predicted": [...], "probabilities": [[...]], "ranking": [...]}, "b": {...}}
and prints {"a", "b", "estimate", "lower", "upper", "resamples"} for b - a. The resamples are drawn exactly as the C#
draws them (SplitMix64; within each class, in ascending class and row order; index = high 64 bits of draw * size),
and each metric is computed on the resampled rows themselves (np.repeat), not on weights, so the two sides share
nothing but the generator.
"""
import json
import sys

import numpy as np

MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def resamples(labels, task, count, seed):
    n = len(labels)
    if task == "regression":
        strata = [np.arange(n)]
    else:
        strata = [np.flatnonzero(labels == value) for value in np.unique(labels)]
    state = seed
    for _ in range(count):
        drawn = []
        for rows in strata:
            size = len(rows)
            for _ in range(size):
                state, z = splitmix64(state)
                drawn.append(rows[(z * size) >> 64])
        yield np.array(drawn)


def auc(y, ranking):
    order = np.argsort(ranking, kind="mergesort")
    sorted_scores = ranking[order]
    ranks = np.empty(len(y))
    i = 0
    while i < len(y):
        j = i
        while j + 1 < len(y) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    positives = y == 1
    p, q = positives.sum(), (~positives).sum()
    if p == 0 or q == 0:
        return float("nan")
    return (ranks[positives].sum() - p * (p + 1) / 2.0) / (p * q)


def average_precision(y, ranking):
    """Precision at each distinct score from the top, weighted by the recall it adds (scikit-learn's definition)."""
    positives = np.sum(y == 1)
    if positives == 0:
        return float("nan")
    thresholds = np.unique(ranking)[::-1]
    total, previous_recall = 0.0, 0.0
    for t in thresholds:
        flagged = ranking >= t
        tp = np.sum(flagged & (y == 1))
        recall = tp / positives
        total += (recall - previous_recall) * (tp / np.sum(flagged))
        previous_recall = recall
    return float(total)


def confusion(y, predicted, k):
    matrix = np.zeros((k, k))
    ok = (y >= 0) & (predicted >= 0)
    np.add.at(matrix, (y[ok].astype(int), predicted[ok].astype(int)), 1)
    return matrix


def macro_f1(matrix):
    scores = []
    for c in range(len(matrix)):
        tp, actual, pred = matrix[c, c], matrix[c, :].sum(), matrix[:, c].sum()
        if actual == 0 and pred == 0:
            continue
        precision = tp / pred if pred > 0 else 0.0
        recall = tp / actual if actual > 0 else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0)
    return float(np.mean(scores)) if scores else float("nan")


def metric(name, task, y, side, rows, k):
    y = y[rows]
    predicted = np.asarray(side["predicted"], dtype=float)[rows]
    if name == "accuracy":
        return float(np.mean(y == predicted))
    if name in ("precision", "recall", "f1"):
        tp = np.sum((y == 1) & (predicted == 1))
        fp = np.sum((y != 1) & (predicted == 1))
        fn = np.sum((y == 1) & (predicted != 1))
        precision = tp / (tp + fp) if tp + fp > 0 else 0.0
        recall = tp / (tp + fn) if tp + fn > 0 else 0.0
        if name == "precision":
            return precision
        if name == "recall":
            return recall
        return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    if name == "auc":
        return auc(y, np.asarray(side["ranking"], dtype=float)[rows])
    if name == "averagePrecision":
        return average_precision(y, np.asarray(side["ranking"], dtype=float)[rows])
    if name == "logLoss":
        probabilities = np.asarray(side["probabilities"], dtype=float)[rows]
        truth = np.where(y >= 0, probabilities[np.arange(len(y)), np.maximum(y, 0).astype(int)], 0.0)
        loss = -np.log(np.maximum(truth, 1e-15))
        return float(np.mean(loss / np.log(2) if task == "binary" else loss))
    if name == "macroF1":
        return macro_f1(confusion(y, predicted, k))
    if name == "macroAccuracy":
        matrix = confusion(y, predicted, k)
        support = matrix.sum(axis=1)
        present = support > 0
        return float(np.mean(np.diag(matrix)[present] / support[present]))
    if name == "rmse":
        return float(np.sqrt(np.mean((y - predicted) ** 2)))
    if name == "mae":
        return float(np.mean(np.abs(y - predicted)))
    if name == "r2":
        spread = np.sum((y - y.mean()) ** 2)
        return float(1 - np.sum((y - predicted) ** 2) / spread) if spread > 0 else float("nan")
    raise SystemExit(f"unknown metric {name}")


def main(path):
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    task, name = spec["task"], spec["metric"]
    y = np.asarray(spec["labels"], dtype=float)
    k = int(spec.get("classes", 0))
    everything = np.arange(len(y))
    a = metric(name, task, y, spec["a"], everything, k)
    b = metric(name, task, y, spec["b"], everything, k)
    differences = []
    for rows in resamples(y, task, spec["resamples"], spec["seed"]):
        d = metric(name, task, y, spec["b"], rows, k) - metric(name, task, y, spec["a"], rows, k)
        if not np.isnan(d):
            differences.append(d)
    tail = (1 - spec["confidence"]) / 2
    lower, upper = np.percentile(differences, [100 * tail, 100 * (1 - tail)])
    json.dump({"a": a, "b": b, "estimate": b - a, "lower": float(lower), "upper": float(upper), "resamples": len(differences)}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
