# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations


class ModuleDocFragment(object):

    # How a forge module talks to the forge's API; the options are
    # module_utils/_forge.py's CONNECTION_OPTIONS.
    DOCUMENTATION = r"""
options:
  validate_certs:
    description: Verify the forge API's TLS certificate.
    type: bool
    default: true
  timeout:
    description: Seconds to wait for each API call.
    type: int
    default: 30
"""
