# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.concert.mlops.plugins.filter.mlflow_problems import mlflow_problems

GOOD = {"mlflow_port": 5443, "mlflow_workers": 2, "mlflow_admin_username": "admin",
        "mlflow_admin_password": "a-long-admin-pw", "mlflow_users": [], "mlflow_metrics_port": 9558,
        "mlflow_backend_store_uri": "", "mlflow_auth_database_uri": "",
        "mlflow_artifacts_destination": "/var/lib/mlflow/artifacts", "mlflow_gc_older_than": "30d",
        "mlflow_tls_cert": "", "mlflow_tls_key": ""}


def test_the_defaults_with_a_password_pass():
    assert mlflow_problems(GOOD) == []
    assert mlflow_problems(dict(GOOD, mlflow_backend_store_uri="postgresql://u:p@db/mlflow",
                                mlflow_artifacts_destination="s3://models", mlflow_gc_older_than="1d12h")) == []


@pytest.mark.parametrize("name, value, words", [
    ("mlflow_port", 70000, "mlflow_port must be a port from 1 to 65535, not 70000"),
    ("mlflow_port", 0, "mlflow_port must be a port"),
    ("mlflow_workers", 0, "mlflow_workers must be a whole number above 0"),
    ("mlflow_admin_username", "ad min", "mlflow_admin_username must be a plain name"),
    ("mlflow_admin_password", "", "mlflow_admin_password must be set"),
    ("mlflow_admin_password", "short", "mlflow_admin_password must be set, 12 characters"),
    ("mlflow_metrics_port", "9x", "mlflow_metrics_port must be a port from 1 to 65535"),
    ("mlflow_metrics_port", 5443, "mlflow_port and mlflow_metrics_port must differ"),
    ("mlflow_users", [{"name": "ci", "password": "x"}], "mlflow_users[0] (ci): MLflow takes passwords"),
    ("mlflow_backend_store_uri", "mysql://db/mlflow", "mlflow_backend_store_uri must be a postgresql:// URI"),
    ("mlflow_auth_database_uri", "sqlite:///auth.db", "mlflow_auth_database_uri must be a postgresql:// URI"),
    ("mlflow_artifacts_destination", "artifacts", "mlflow_artifacts_destination must be an absolute path"),
    ("mlflow_gc_older_than", "a month", "mlflow_gc_older_than must be a duration"),
    ("mlflow_tls_cert", "PEM", "mlflow_tls_cert and mlflow_tls_key are given together"),
])
def test_each_bad_value_is_named_with_its_variable(name, value, words):
    found = mlflow_problems(dict(GOOD, **{name: value}))
    assert len(found) == 1 and found[0].startswith(words)


def test_the_default_password_older_versions_shipped_is_refused():
    found = mlflow_problems(dict(GOOD, mlflow_admin_password="password1234"))
    assert found == ["mlflow_admin_password is the default password older MLflow versions shipped"]


def test_refuses_what_is_not_a_dict():
    with pytest.raises(AnsibleFilterError):
        mlflow_problems(["mlflow_port"])
