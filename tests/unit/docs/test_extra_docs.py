# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The guides under docs/docsite/ are what extra-docs.yml lists, each with the label links use."""

from __future__ import annotations

import os
import re

import yaml

DOCSITE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "docs", "docsite")


def listed_guides():
    with open(os.path.join(DOCSITE, "extra-docs.yml")) as handle:
        sections = yaml.safe_load(handle)["sections"]
    return [name for section in sections for name in section["toctree"]]


def test_every_listed_guide_exists_with_its_label_and_every_guide_is_listed():
    guides = listed_guides()
    on_disk = sorted(name[:-4] for name in os.listdir(os.path.join(DOCSITE, "rst")) if name.endswith(".rst"))
    assert sorted(guides) == on_disk
    for name in guides:
        with open(os.path.join(DOCSITE, "rst", name + ".rst")) as handle:
            assert handle.readline().strip() == ".. _ansible_collections.concert.mlops.docsite.%s:" % name


def test_every_reference_between_guides_names_a_label_that_exists():
    labels, references = set(), set()
    for name in listed_guides():
        with open(os.path.join(DOCSITE, "rst", name + ".rst")) as handle:
            text = handle.read()
        labels.update(re.findall(r"^\.\. _([\w.]+):", text, re.M))
        for titled, bare in re.findall(r":ref:`(?:[^`<]*<([\w.]+)>|([\w.]+))`", text):
            references.add(titled or bare)
    assert references <= labels
