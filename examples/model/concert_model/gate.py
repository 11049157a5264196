"""The quality gate: whether a candidate may take the @champion alias. No MLflow, no scikit-learn: only numbers."""

from __future__ import annotations


def verdict(candidate, champion=None, min_accuracy=0.9, min_f1=0.9, max_regression=0.0):
    """(passed, reasons) for a candidate's metrics against thresholds and the champion's metrics.

    A first model (no champion) passes on the thresholds alone. With a champion, the candidate's accuracy may fall
    short of the champion's by at most max_regression. Every reason is given, passed or not.
    """
    reasons = []
    passed = True
    for name, minimum in (("accuracy", min_accuracy), ("f1", min_f1)):
        value = candidate[name]
        if value < minimum:
            passed = False
            reasons.append("%s %.4f is below the threshold %.4f" % (name, value, minimum))
        else:
            reasons.append("%s %.4f meets the threshold %.4f" % (name, value, minimum))
    if champion is None:
        reasons.append("no champion yet: the thresholds decide")
    else:
        floor = champion["accuracy"] - max_regression
        if candidate["accuracy"] < floor:
            passed = False
            reasons.append("accuracy %.4f is below the champion's %.4f (allowed regression %.4f)"
                           % (candidate["accuracy"], champion["accuracy"], max_regression))
        else:
            reasons.append("accuracy %.4f holds against the champion's %.4f" % (candidate["accuracy"], champion["accuracy"]))
    return passed, reasons
