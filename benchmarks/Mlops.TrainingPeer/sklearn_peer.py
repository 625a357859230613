"""Scores scikit-learn's default models on the folds the product's search used, and sets them against its selection.

Run by scripts/peer-compare with Debian's interpreter (/usr/bin/python3 and its python3-sklearn), never the pyenv one:
    /usr/bin/python3 sklearn_peer.py RESULTS_DIR SAMPLES_DIR
RESULTS_DIR holds, per dataset, {name}.folds.csv (row,fold) and {name}.search.json written by Mlops.TrainingPeer.
Prints a Markdown table; writes RESULTS_DIR/peer.json.
"""
import csv
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import f1_score, mean_squared_error, roc_auc_score

SEED = 0


def load(samples, name):
    with open(os.path.join(samples, name + ".csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [r for r in rows[1:] if r]
    label = header.index("label")
    x = np.array([[float(v) for i, v in enumerate(r) if i != label] for r in body])
    y = [r[label].strip() for r in body]
    return x, y


def folds(results, name):
    with open(os.path.join(results, name + ".folds.csv"), encoding="utf-8") as f:
        return np.array([int(r["fold"]) for r in csv.DictReader(f)])


def peers(task):
    """scikit-learn's defaults (random_state fixed, nothing tuned); LinearRegression stands in for LogisticRegression."""
    if task == "regression":
        return {"LinearRegression": lambda: LinearRegression(),
                "RandomForestRegressor": lambda: RandomForestRegressor(random_state=SEED),
                "HistGradientBoostingRegressor": lambda: HistGradientBoostingRegressor(random_state=SEED)}
    return {"LogisticRegression": lambda: LogisticRegression(),
            "RandomForestClassifier": lambda: RandomForestClassifier(random_state=SEED),
            "HistGradientBoostingClassifier": lambda: HistGradientBoostingClassifier(random_state=SEED)}


def score(task, metric, model, x_train, y_train, x_test, y_test, classes):
    """The product's metric on one fold: AUC of the positive (second) class, macro-F1, or RMSE."""
    if task == "regression":
        model.fit(x_train, np.array(y_train, dtype=float))
        return float(np.sqrt(mean_squared_error(np.array(y_test, dtype=float), model.predict(x_test))))
    model.fit(x_train, y_train)
    if metric == "auc":
        positive = list(model.classes_).index(classes[1])
        return float(roc_auc_score([1 if y == classes[1] else 0 for y in y_test], model.predict_proba(x_test)[:, positive]))
    return float(f1_score(y_test, model.predict(x_test), average="macro"))


def main(results, samples):
    table, out = [], {"sklearn": sklearn.__version__, "datasets": {}}
    names = sorted(n[:-len(".search.json")] for n in os.listdir(results) if n.endswith(".search.json"))
    for name in names:
        with open(os.path.join(results, name + ".search.json"), encoding="utf-8") as f:
            ours = json.load(f)
        task = {"binary": "binary", "multiclass": "multiclass"}.get(ours["task"], "regression")
        metric = ours["plan"]["settings"]["metric"]
        classes = ours["classLabels"]
        x, y = load(samples, name)
        fold = folds(results, name)
        scores = {}
        for peer, make in peers(task).items():
            started = time.perf_counter()
            values = [score(task, metric, make(), x[fold != k], [y[i] for i in np.where(fold != k)[0]],
                            x[fold == k], [y[i] for i in np.where(fold == k)[0]], classes)
                      for k in sorted(set(fold))]
            scores[peer] = {"mean": float(np.mean(values)), "folds": values, "seconds": time.perf_counter() - started}
        higher = metric != "rmse"
        best_peer = max(scores, key=lambda p: scores[p]["mean"] if higher else -scores[p]["mean"])
        best = scores[best_peer]["mean"]
        selected = ours["selected"]
        if higher:
            margin, bar, ok = selected - best, "within 0.01", selected >= best - 0.01
        else:
            margin, bar, ok = (selected - best) / best, "within 5%", selected <= best * 1.05
        out["datasets"][name] = {"metric": metric, "selected": selected, "trainer": ours["trainer"], "peers": scores,
                                 "bestPeer": best_peer, "margin": margin, "passes": ok}
        table.append((name, metric, ours["trainer"], selected, scores, best_peer, margin, higher, ok, ours["trials"], ours["seconds"]))

    with open(os.path.join(results, "peer.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)

    print("| dataset | metric | selected (trials, s) | ours | LogisticRegression* | RandomForest | HistGradientBoosting | best peer | ours - best | bar |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, metric, trainer, selected, scores, best_peer, margin, higher, ok, trials, seconds in table:
        values = list(scores.values())
        delta = f"{margin:+.4f}" if higher else f"{margin * 100:+.1f}%"
        print(f"| {name} | {metric} | {trainer} ({trials}, {seconds:.0f}) | {selected:.4f} | {values[0]['mean']:.4f} | "
              f"{values[1]['mean']:.4f} | {values[2]['mean']:.4f} | {best_peer} | {delta} | {'pass' if ok else 'FAIL'} |")
    return 0 if all(r[8] for r in table) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
