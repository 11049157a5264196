"""The data: a set that ships inside scikit-learn, split the same way on every run."""

from __future__ import annotations

from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

DATASET = "sklearn.datasets.load_breast_cancer"


def load(test_size=0.25, seed=42):
    """(X_train, X_test, y_train, y_test): a stratified split, so every run is gated on the same held-out rows."""
    features, labels = load_breast_cancer(return_X_y=True, as_frame=True)
    return train_test_split(features, labels, test_size=test_size, random_state=seed, stratify=labels)
