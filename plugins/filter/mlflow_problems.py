# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every setting of the mlflow role that MLflow or the host would refuse, named with its variable."""

from __future__ import annotations

import re

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.module_utils._mlflow import problems as user_problems
from ansible_collections.concert.mlops.plugins.plugin_utils._settings import setting_problems

# MLflow's --older-than: #d#h#m#s, each part optional, at least one.
DURATION = re.compile(r"^(?=\d)(\d+(\.\d+)?d)?(\d+(\.\d+)?h)?(\d+(\.\d+)?m)?(\d+(\.\d+)?s)?$")
# What useradd and MLflow both accept as a user name.
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
PASSWORD_LENGTH = 12


def mlflow_problems(settings):
    if not isinstance(settings, dict):
        raise AnsibleFilterError("mlflow_problems expects a dict of the role's settings")
    found = setting_problems({
        "mlflow_port": ["port", settings.get("mlflow_port")],
        "mlflow_metrics_port": ["port", settings.get("mlflow_metrics_port")],
        "mlflow_workers": ["positive", settings.get("mlflow_workers")],
    })
    if str(settings.get("mlflow_port")) == str(settings.get("mlflow_metrics_port")):
        found.append("mlflow_port and mlflow_metrics_port must differ")
    if not NAME.match(settings.get("mlflow_admin_username") or ""):
        found.append("mlflow_admin_username must be a plain name (letters, digits, . _ -), not %r"
                     % (settings.get("mlflow_admin_username"),))
    if len(settings.get("mlflow_admin_password") or "") < PASSWORD_LENGTH:
        found.append("mlflow_admin_password must be set, %d characters at least (MLflow's rule)" % PASSWORD_LENGTH)
    if settings.get("mlflow_admin_password") == "password1234":
        found.append("mlflow_admin_password is the default password older MLflow versions shipped")
    users = settings.get("mlflow_users") or []
    found.extend("mlflow_" + problem for problem in user_problems(users, settings.get("mlflow_admin_username")))
    for name in ("mlflow_backend_store_uri", "mlflow_auth_database_uri"):
        value = settings.get(name) or ""
        if value and not re.match(r"^postgresql(\+psycopg2?)?://", value):
            found.append("%s must be a postgresql:// URI, or empty for this host's PostgreSQL" % name)
    artifacts = settings.get("mlflow_artifacts_destination") or ""
    if not (artifacts.startswith("/") or artifacts.startswith("s3://")):
        found.append("mlflow_artifacts_destination must be an absolute path or an s3:// URL, not %r" % (artifacts,))
    if not DURATION.match(str(settings.get("mlflow_gc_older_than") or "")):
        found.append("mlflow_gc_older_than must be a duration like 30d or 1d12h, not %r"
                     % (settings.get("mlflow_gc_older_than"),))
    if bool(settings.get("mlflow_tls_cert")) != bool(settings.get("mlflow_tls_key")):
        found.append("mlflow_tls_cert and mlflow_tls_key are given together or not at all")
    return found


class FilterModule(object):

    def filters(self):
        return {"mlflow_problems": mlflow_problems}
