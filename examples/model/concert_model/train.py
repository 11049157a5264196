"""Training and evaluation: a scaled logistic regression, measured on held-out data."""

from __future__ import annotations

from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def train(features, labels, c=1.0, max_iter=500):
    """A fitted pipeline; c is the inverse of the regularisation strength."""
    model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=max_iter))
    model.fit(features, labels)
    return model


def evaluate(model, features, labels):
    """The metrics the gate reads, on data the model has not seen."""
    predicted = model.predict(features)
    scores = model.predict_proba(features)[:, 1]
    return {
        "accuracy": float(accuracy_score(labels, predicted)),
        "f1": float(f1_score(labels, predicted)),
        "roc_auc": float(roc_auc_score(labels, scores)),
    }
