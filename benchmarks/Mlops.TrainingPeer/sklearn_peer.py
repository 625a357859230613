"""Sets the product's search against scikit-learn on the folds the search used: default models, and a tuned search.

Run by scripts/peer-compare with Debian's interpreter (/usr/bin/python3 and its python3-sklearn), never the pyenv one:
    /usr/bin/python3 sklearn_peer.py RESULTS_DIR SAMPLES_DIR [--require-tuned]
RESULTS_DIR holds, per dataset, {name}.folds.csv (row,fold) and {name}.search.json written by Mlops.TrainingPeer.

Two peers, both scored with the product's metric (AUC of classLabels[1], macro-F1 or RMSE) averaged over its folds:
- default: each model as a practitioner would first fit it (LogisticRegression scaled and given iterations enough
  to converge; LinearRegression for regression; RandomForest and HistGradientBoosting as shipped), random_state=0;
- tuned: one RandomizedSearchCV over the three families (scaled LogisticRegression / Ridge, RandomForest,
  HistGradientBoosting) with as many candidates as the product's search ran trials, on the same folds and cores,
  without a refit (the product's seconds do not include one either).
Prints a Markdown table; writes RESULTS_DIR/peer.json. Exits non-zero when the selection misses the bar against the
best default (0.01 AUC / macro-F1, 5% RMSE); with --require-tuned also when it scores below the tuned search or
takes as long or longer.
"""
import argparse
import csv
import functools
import json
import os
import sys
import time

import numpy as np
import sklearn
from scipy.stats import loguniform, randint
from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.metrics import get_scorer, roc_auc_score
from sklearn.model_selection import PredefinedSplit, RandomizedSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

SEED = 0
CORES = 2  # the product's search runs two trials at a time (--concurrency 2) on this two-core machine
LINEAR_ITERATIONS = 5000  # lbfgs's default 100 stops short of convergence on unscaled or weakly regularised data


def load(samples, name, task):
    with open(os.path.join(samples, name + ".csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [r for r in rows[1:] if r]
    label = header.index("label")
    x = np.array([[float(v) for i, v in enumerate(r) if i != label] for r in body])
    # Class labels stay strings, as the product reads them, so classLabels[1] names the positive class directly.
    y = np.array([r[label].strip() for r in body], dtype=float if task == "regression" else object)
    return x, y


def folds(results, name, rows):
    """Each row's fold, placed by its row number rather than trusting the file's order."""
    fold = np.full(rows, -1)
    with open(os.path.join(results, name + ".folds.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            fold[int(r["row"])] = int(r["fold"])
    if (fold < 0).any():
        raise ValueError(f"{name}: {int((fold < 0).sum())} rows have no fold; folds.csv does not match the sample")
    return fold


def auc(estimator, x, y, positive):
    """AUC of classLabels[1]'s probability: scikit-learn's 'roc_auc' would take the second class in sorted order."""
    column = list(estimator.classes_).index(positive)
    return roc_auc_score(y == positive, estimator.predict_proba(x)[:, column])


def scorer(metric, classes):
    """A scorer(estimator, X, y), greater is better: RMSE comes negated, as scikit-learn's searches maximise."""
    if metric == "auc":
        # A partial of a module-level function, not a closure, so the search's worker processes can unpickle it.
        return functools.partial(auc, positive=classes[1])
    return get_scorer({"macroF1": "f1_macro", "rmse": "neg_root_mean_squared_error"}[metric])


def scaled_linear(task):
    """Standardised first, as a practitioner would: lbfgs converges, and C / alpha weigh every coefficient alike."""
    if task == "regression":
        return Pipeline([("scale", StandardScaler()), ("model", Ridge())])
    return Pipeline([("scale", StandardScaler()), ("model", LogisticRegression(max_iter=LINEAR_ITERATIONS))])


def defaults(task):
    """The untuned peers; LinearRegression (unscaled: scaling leaves OLS unchanged) stands in on regression."""
    if task == "regression":
        return {"LinearRegression": lambda: LinearRegression(),
                "RandomForestRegressor": lambda: RandomForestRegressor(random_state=SEED),
                "HistGradientBoostingRegressor": lambda: HistGradientBoostingRegressor(random_state=SEED)}
    return {"LogisticRegression": lambda: scaled_linear(task),
            "RandomForestClassifier": lambda: RandomForestClassifier(random_state=SEED),
            "HistGradientBoostingClassifier": lambda: HistGradientBoostingClassifier(random_state=SEED)}


def cross_validate(make, x, y, fold, score):
    values = []
    for k in sorted(set(fold)):
        model = make().fit(x[fold != k], y[fold != k])
        values.append(float(score(model, x[fold == k], y[fold == k])))
    return values


def space(task):
    """One model-selection search over the three families: a list of distributions, one per family."""
    regression = task == "regression"
    linear = ({"model__alpha": loguniform(1e-3, 1e3)} if regression else {"model__C": loguniform(1e-3, 1e3)})
    forest = RandomForestRegressor if regression else RandomForestClassifier
    boost = HistGradientBoostingRegressor if regression else HistGradientBoostingClassifier
    return [
        {"scale": [StandardScaler()], "model": [scaled_linear(task).named_steps["model"]], **linear},
        # Trees split on thresholds, so the scaler is dropped rather than fitted for nothing.
        {"scale": ["passthrough"], "model": [forest(random_state=SEED)],
         "model__n_estimators": randint(100, 501), "model__max_features": ["sqrt", "log2", 0.5, 1.0],
         "model__min_samples_leaf": randint(1, 11), "model__max_depth": [None, *range(4, 21)]},
        {"scale": ["passthrough"], "model": [boost(random_state=SEED)],
         "model__learning_rate": loguniform(0.01, 0.3), "model__max_iter": randint(100, 501),
         "model__max_leaf_nodes": randint(8, 65), "model__min_samples_leaf": randint(5, 51),
         "model__l2_regularization": loguniform(1e-6, 1)},
    ]


def tuned(task, x, y, fold, score, trials):
    """RandomizedSearchCV with the product's trial count as its budget; best_score_ means what selected does."""
    search = RandomizedSearchCV(scaled_linear(task), space(task), n_iter=trials, scoring=score,
                                cv=PredefinedSplit(fold), n_jobs=CORES, refit=False, random_state=SEED)
    started = time.perf_counter()
    search.fit(x, y)
    seconds = time.perf_counter() - started
    # How the budget fell across the families: a pick from few draws of its family says less than one from many.
    drawn = [type(m).__name__ for m in search.cv_results_["param_model"]]
    return {"score": float(search.best_score_), "seconds": seconds, "candidates": trials,
            "families": {f: drawn.count(f) for f in sorted(set(drawn))}, "params": short(search.best_params_)}


def short(params):
    """'HistGradientBoostingClassifier learning_rate=0.0712 max_iter=312 ...' from the pipeline's best parameters."""
    parts = [type(params["model"]).__name__]
    for key, value in sorted(params.items()):
        if key.startswith("model__"):
            parts.append(f"{key[len('model__'):]}={value:.3g}" if isinstance(value, float)
                         else f"{key[len('model__'):]}={value}")
    return " ".join(parts)


def compare(name, ours, results, samples):
    task = {"binary": "binary", "multiclass": "multiclass"}.get(ours["task"], "regression")
    metric = ours["plan"]["settings"]["metric"]
    x, y = load(samples, name, task)
    fold = folds(results, name, len(y))
    score = scorer(metric, ours["classLabels"])
    # RMSE is scored negated like any scikit-learn loss and reported positive, as the product reports it.
    sign = -1.0 if metric == "rmse" else 1.0
    peers = {}
    for peer, make in defaults(task).items():
        started = time.perf_counter()
        values = [sign * v for v in cross_validate(make, x, y, fold, score)]
        peers[peer] = {"mean": float(np.mean(values)), "folds": values, "seconds": time.perf_counter() - started}
    search = tuned(task, x, y, fold, score, ours["trials"])
    search["score"] *= sign
    return metric, peers, search


def verdict(metric, selected, seconds, peers, search):
    """The bar against the best default, and where the selection stands against the tuned search."""
    higher = metric != "rmse"
    best_peer = max(peers, key=lambda p: sign_of(higher) * peers[p]["mean"])
    best = peers[best_peer]["mean"]
    passes = selected >= best - 0.01 if higher else selected <= best * 1.05
    return {"bestPeer": best_peer, "margin": difference(higher, selected, best), "passes": passes,
            "tunedMargin": difference(higher, selected, search["score"]),
            "ahead": sign_of(higher) * (selected - search["score"]) >= 0, "faster": seconds < search["seconds"]}


def difference(higher, ours, theirs):
    """Scores differ in points; RMSE, whose scale is the label's, differs relatively."""
    return ours - theirs if higher else (ours - theirs) / theirs


def sign_of(higher):
    return 1.0 if higher else -1.0


def row(name, metric, ours, peers, search, v):
    def delta(m):
        return f"{m:+.4f}" if metric != "rmse" else f"{m * 100:+.1f}%"
    means = [p["mean"] for p in peers.values()]
    vs_tuned = f"{'ahead' if v['ahead'] else 'behind'}, {'faster' if v['faster'] else 'slower'}"
    return (f"| {name} | {metric} | {ours['trainer']} ({ours['trials']}) | "
            f"{ours['selected']:.4f} ({ours['seconds']:.0f}) | {means[0]:.4f} | {means[1]:.4f} | {means[2]:.4f} | "
            f"{v['bestPeer']} | {delta(v['margin'])} | "
            f"{'pass' if v['passes'] else 'FAIL'} | {search['score']:.4f} ({search['seconds']:.0f}) | "
            f"{delta(v['tunedMargin'])} | {vs_tuned} | {search['params']} |")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("samples")
    parser.add_argument("--require-tuned", action="store_true",
                        help="also fail unless the selection scores at least the tuned search's and finishes sooner")
    args = parser.parse_args(argv)

    out, lines, ok = {"sklearn": sklearn.__version__, "datasets": {}}, [], True
    names = sorted(n[:-len(".search.json")] for n in os.listdir(args.results) if n.endswith(".search.json"))
    for name in names:
        with open(os.path.join(args.results, name + ".search.json"), encoding="utf-8") as f:
            ours = json.load(f)
        metric, peers, search = compare(name, ours, args.results, args.samples)
        v = verdict(metric, ours["selected"], ours["seconds"], peers, search)
        ok = ok and v["passes"] and (not args.require_tuned or (v["ahead"] and v["faster"]))
        out["datasets"][name] = {"metric": metric, "selected": ours["selected"], "trainer": ours["trainer"],
                                 "seconds": ours["seconds"], "trials": ours["trials"], "peers": peers,
                                 "bestPeer": v["bestPeer"], "margin": v["margin"], "passes": v["passes"],
                                 "tuned": {**search, "margin": v["tunedMargin"],
                                           "ahead": v["ahead"], "faster": v["faster"]}}
        lines.append(row(name, metric, ours, peers, search, v))

    with open(os.path.join(args.results, "peer.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)

    print("| dataset | metric | selected (trials) | ours (s) | LogisticRegression* | RandomForest "
          "| HistGradientBoosting | best peer | ours - best | bar "
          "| tuned sklearn (s) | ours - tuned | vs tuned | tuned pick |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
