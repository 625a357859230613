"""Writes the sklearn datasets that ship with Debian's python3-sklearn as plain CSVs in samples/.

Run with Debian's interpreter: /usr/bin/python3 scripts/make-samples.py
Each CSV has a header, feature columns with their sklearn names (spaces become underscores) and a last column
named `label`. Class labels are the dataset's own target names, so the walk-through reads naturally.
"""
import os
import sys

from sklearn import datasets

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "samples")


def write(name, bunch, label_names=None):
    header = [f.replace(" ", "_").replace("(", "").replace(")", "") for f in bunch.feature_names] + ["label"]
    path = os.path.join(OUT, name + ".csv")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(",".join(header) + "\n")
        for row, target in zip(bunch.data, bunch.target):
            label = label_names[int(target)] if label_names is not None else repr(float(target)).rstrip("0").rstrip(".")
            out.write(",".join(repr(float(v)) for v in row) + "," + str(label) + "\n")
    print(path, len(bunch.target), "rows", file=sys.stderr)


bc = datasets.load_breast_cancer()
write("breast_cancer", bc, list(bc.target_names))
iris = datasets.load_iris()
write("iris", iris, list(iris.target_names))
wine = datasets.load_wine()
write("wine", wine, [f"class_{i}" for i in range(3)])
write("diabetes", datasets.load_diabetes())
digits = datasets.load_digits()
digits.feature_names = [f"pixel_{i}" for i in range(digits.data.shape[1])]
write("digits", digits, [str(i) for i in range(10)])
