#!/usr/bin/python3
"""Reference for the mixture SPRT (src/Mlops.Core/Experiments/SequentialTest.cs), written independently with scipy.

Reads JSON {"alpha", "tauScale", "looks": [{"a": [n, sum, sumsq], "b": [n, sum, sumsq]}, ...]} and prints, per look,
{"estimate", "lower", "upper", "pValue"}: the mixture likelihood ratio is integrated numerically over the N(0, tau^2)
mixing density (scipy.integrate.quad) rather than taken from its closed form, and the interval is found by root
finding (scipy.optimize.brentq) on the set of effects the test does not reject, so the two sides share only the model.
"""
import json
import math
import sys

from scipy import integrate, optimize, stats


def moments(n, total, squares):
    mean = total / n
    variance = max(0.0, (squares - total * total / n) / (n - 1))
    return mean, variance


def log_ratio(d, v, tau2, theta0):
    # The likelihood of the observed difference with theta ~ N(theta0, tau2), over that with theta = theta0, by
    # quadrature over the standard-normal mixing variable z (theta = theta0 + z tau). The integrand is taken in
    # log space relative to its peak, so distant theta0 neither underflow nor overflow.
    scale = math.sqrt(tau2)
    x = d - theta0

    def log_integrand(z):
        return (x * x - (x - z * scale) ** 2) / (2 * v) + stats.norm.logpdf(z)

    peak = scale * x / (v + tau2)
    top = log_integrand(peak)
    spread = math.sqrt(v / (v + tau2))
    mixed, _ = integrate.quad(lambda z: math.exp(log_integrand(z) - top), peak - 40 * spread, peak + 40 * spread,
                              points=[peak], limit=400, epsabs=0, epsrel=1e-13)
    return top + math.log(mixed)


def scale_of(tau2):
    return math.sqrt(tau2)


def main(path):
    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    alpha, tau_scale = spec["alpha"], spec["tauScale"]
    out, p_prev, lower_prev, upper_prev = [], 1.0, -math.inf, math.inf
    for look in spec["looks"]:
        (na, sa, qa), (nb, sb, qb) = look["a"], look["b"]
        ma, va = moments(na, sa, qa)
        mb, vb = moments(nb, sb, qb)
        d = mb - ma
        pooled = (va * (na - 1) + vb * (nb - 1)) / (na + nb - 2)
        v = max(va / na + vb / nb, 1e-12)
        tau2 = max(tau_scale * tau_scale * pooled, 1e-12)
        p = min(p_prev, min(1.0, math.exp(-log_ratio(d, v, tau2, 0.0))))
        threshold = math.log(1 / alpha)
        f = lambda theta: log_ratio(d, v, tau2, theta) - threshold
        step = math.sqrt(v) * (10 + math.sqrt(v) / scale_of(tau2) * 10)
        lower = optimize.brentq(f, d - step, d, xtol=1e-14, rtol=1e-12)
        upper = optimize.brentq(f, d, d + step, xtol=1e-14, rtol=1e-12)
        lower, upper = max(lower, lower_prev), min(upper, upper_prev)
        out.append({"estimate": d, "lower": lower, "upper": upper, "pValue": p})
        p_prev, lower_prev, upper_prev = p, lower, upper
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
