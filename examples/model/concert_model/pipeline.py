"""Train, log, gate and register: what CI runs for every commit of the project.

The tracking server and the credentials come from MLflow's own environment variables (MLFLOW_TRACKING_URI,
MLFLOW_TRACKING_USERNAME, MLFLOW_TRACKING_PASSWORD, MLFLOW_TRACKING_SERVER_CERT_PATH), never from arguments.
The new version is registered and named @challenger; @champion moves to it only when the gate passes. Prints the
verdict as JSON on its last line; exits 1 when the gate fails, so the build fails and nothing is promoted.
"""

from __future__ import annotations

import argparse
import json
import sys

import mlflow
import mlflow.sklearn
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

from concert_model import data, gate
from concert_model.train import evaluate, train

CHAMPION = "champion"
CHALLENGER = "challenger"


def champion_version(client, name):
    """The version @champion names, or None (no model, or no alias yet)."""
    try:
        return client.get_model_version_by_alias(name, CHAMPION)
    except MlflowException as error:
        if error.error_code in ("RESOURCE_DOES_NOT_EXIST", "INVALID_PARAMETER_VALUE", "NOT_FOUND"):
            return None
        raise


def run(model_name, experiment, c=1.0, max_iter=500, min_accuracy=0.9, min_f1=0.9, max_regression=0.0):
    client = MlflowClient()
    x_train, x_test, y_train, y_test = data.load()
    model = train(x_train, y_train, c=c, max_iter=max_iter)
    metrics = evaluate(model, x_test, y_test)
    mlflow.set_experiment(experiment)
    with mlflow.start_run() as active:
        mlflow.log_params({"c": c, "max_iter": max_iter, "dataset": data.DATASET})
        mlflow.log_metrics(metrics)
        logged = mlflow.sklearn.log_model(model, name="model", input_example=x_test.head(3))
        champion = champion_version(client, model_name)
        champion_metrics = None
        if champion is not None:
            # The champion is measured again on the same held-out rows, not trusted from its own run.
            champion_metrics = evaluate(mlflow.sklearn.load_model("models:/%s@%s" % (model_name, CHAMPION)), x_test, y_test)
        passed, reasons = gate.verdict(metrics, champion_metrics, min_accuracy=min_accuracy, min_f1=min_f1,
                                       max_regression=max_regression)
        mlflow.set_tags({"gate.passed": str(passed).lower(), "gate.reasons": "; ".join(reasons)})
        version = mlflow.register_model(logged.model_uri, model_name).version
        client.set_registered_model_alias(model_name, CHALLENGER, version)
        if passed:
            client.set_registered_model_alias(model_name, CHAMPION, version)
    return {
        "run_id": active.info.run_id, "model": model_name, "version": str(version), "passed": passed,
        "reasons": reasons, "metrics": metrics, "champion_before": str(champion.version) if champion else None,
        "champion_after": str(version) if passed else (str(champion.version) if champion else None),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-name", default="concert-classifier")
    parser.add_argument("--experiment", default="concert-classifier")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--max-iter", type=int, default=500)
    parser.add_argument("--min-accuracy", type=float, default=0.9)
    parser.add_argument("--min-f1", type=float, default=0.9)
    parser.add_argument("--max-regression", type=float, default=0.0)
    args = parser.parse_args(argv)
    result = run(args.model_name, args.experiment, c=args.c, max_iter=args.max_iter, min_accuracy=args.min_accuracy,
                 min_f1=args.min_f1, max_regression=args.max_regression)
    print(json.dumps(result, sort_keys=True))
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
