# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment(object):

    # How an MLflow module reaches the server; the options are
    # module_utils/_mlflow.py's CONNECTION_OPTIONS.
    DOCUMENTATION = r"""
options:
  url:
    description: The MLflow server's base URL.
    type: str
    required: true
  ca_path:
    description: A CA certificate (PEM) to verify the server's certificate with.
    type: path
  validate_certs:
    description: Whether the server's certificate is verified.
    type: bool
    default: true
  timeout:
    description: Seconds to wait for each API call.
    type: int
    default: 30
"""
