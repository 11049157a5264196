"""The whole pipeline against MLflow's own stores in a temporary directory (a SQLite tracking and registry store)."""

import mlflow
import pytest
from mlflow import MlflowClient

from concert_model import pipeline


@pytest.fixture
def tracking(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    mlflow.set_tracking_uri("sqlite:///%s" % (tmp_path / "mlflow.db"))
    yield MlflowClient()
    mlflow.set_tracking_uri(None)


def test_a_first_model_becomes_champion_and_a_worse_one_changes_nothing(tracking):
    first = pipeline.run("clf", "clf")
    assert first["passed"] and first["champion_before"] is None and first["champion_after"] == first["version"]
    assert str(tracking.get_model_version_by_alias("clf", "champion").version) == first["version"]
    run = tracking.get_run(first["run_id"])
    assert run.data.metrics["accuracy"] == first["metrics"]["accuracy"] and run.data.tags["gate.passed"] == "true"

    worse = pipeline.run("clf", "clf", c=1e-4)
    assert not worse["passed"] and worse["champion_after"] == first["version"]
    assert str(tracking.get_model_version_by_alias("clf", "champion").version) == first["version"]
    assert str(tracking.get_model_version_by_alias("clf", "challenger").version) == worse["version"]


def test_the_command_exits_1_when_the_gate_fails(tracking, capsys):
    assert pipeline.main(["--model-name", "clf2", "--min-accuracy", "0.999"]) == 1
    assert '"passed": false' in capsys.readouterr().out.splitlines()[-1]
