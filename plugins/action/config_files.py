# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Action for concert.mlops.config_files: a role's files described once, compared in one round trip.

The documentation lives in plugins/modules/config_files.py, as for every action that
has no module of its own to run.
"""

from __future__ import annotations

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.concert.mlops.plugins.plugin_utils._config_files import (
    ConfigFilesError,
    checksum_query,
    normalize,
    plan,
    restorable,
    staging_layout,
)

ARGUMENT_SPEC = dict(
    files=dict(type="list", elements="dict", required=True, options=dict(
        dest=dict(type="path", required=True),
        state=dict(type="str", choices=["file", "directory", "absent"], default="file"),
        content=dict(type="str"),
        template=dict(type="str"),
        vars=dict(type="dict"),
        owner=dict(type="str", default="root"),
        group=dict(type="str", default="root"),
        mode=dict(type="str"),
        validate=dict(type="str"),
        backup=dict(type="bool", default=True),
        secret=dict(type="bool", default=False),
        enabled=dict(type="bool", default=True),
    )),
    validate_all=dict(type="dict", options=dict(
        command=dict(type="str", required=True),
        root=dict(type="path", required=True),
    )),
)

# What each file's result keeps of the module that wrote it: never content or invocation.
RESULT_KEYS = ("dest", "backup_file", "msg")


class ActionModule(ActionBase):

    # Files are transferred by ansible.builtin.copy's action, which makes its own remote temporary directory
    # when a file differs; declaring transfers here would make and remove one on every run, two round trips
    # for nothing when every file is as wanted.
    TRANSFERS_FILES = False
    # Every module it runs predicts in check mode; the staging for validate_all is the only write, and it is
    # private and removed (see _validate_all).
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        dummy, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        try:
            entries = normalize(args["files"])
        except ConfigFilesError as exc:
            raise AnsibleActionFail("config_files: %s" % exc)
        try:
            for entry in entries:
                entry["rendered"] = self._render(entry, task_vars)
            live = self._execute_module(module_name="concert.mlops.file_checksums",
                                        module_args=checksum_query(entries), task_vars=task_vars)
            if live.get("failed"):
                raise AnsibleActionFail("config_files: %s" % live.get("msg"))
            steps = plan(entries, live)
            if steps and args.get("validate_all"):
                self._validate_all(entries, args["validate_all"], task_vars, result)
            results, diffs = [], []
            for entry, step in steps:
                outcome = self._apply(entry, step, task_vars)
                if outcome.get("failed"):
                    raise AnsibleActionFail("config_files: %s: %s" % (entry["dest"], outcome.get("msg")))
                if self._task.diff and not entry["secret"]:
                    diffs.extend(_as_list(outcome.get("diff")))
                item = {key: outcome[key] for key in RESULT_KEYS if key in outcome}
                item.update(dest=entry["dest"], state=entry["state"], step=step, backup=entry["backup"],
                            changed=bool(outcome.get("changed")))
                results.append(item)
        finally:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        result.update(
            changed=any(item["changed"] for item in results),
            results=results,
            changed_paths=[item["dest"] for item in results if item["changed"]],
            files=restorable(results),
        )
        if diffs:
            result["diff"] = diffs
        return result

    def _render(self, entry, task_vars):
        """The file's content rendered on the controller, or None when the role gives none (or wants none)."""
        if entry["state"] == "absent" or entry["template"] is None:
            return entry["content"]
        lookup = self._shared_loader_obj.lookup_loader.get(
            "ansible.builtin.template", loader=self._loader, templar=self._templar)
        return to_text(lookup.run([entry["template"]], variables=task_vars, template_vars=entry["vars"])[0])

    def _validate_all(self, entries, validate_all, task_vars, result):
        """Every file staged in a private directory as it will live below the root, and checked there together.

        Runs in check mode too: it changes nothing that is live. A check program that is not installed yet can
        only be met in check mode on a fresh host; the run then says that the files were not checked.
        """
        try:
            layout, argv = staging_layout(entries, validate_all)
        except ConfigFilesError as exc:
            raise AnsibleActionFail("config_files: %s" % exc)
        staging = self._run("ansible.legacy.tempfile", dict(state="directory", prefix="concert-config."), task_vars)
        if staging.get("failed"):
            raise AnsibleActionFail("config_files: no staging directory: %s" % staging.get("msg"))
        directory = staging["path"]
        try:
            for entry, relative in layout:
                staged = dict(entry, dest=directory + "/" + relative, owner=None, group=None, mode="0600", backup=False,
                              validate=None, secret=True)
                parent_args = dict(path=staged["dest"].rsplit("/", 1)[0], state="directory", mode="0700")
                parent = self._run("ansible.legacy.file", parent_args, task_vars)
                outcome = parent if parent.get("failed") else self._write(staged, task_vars, check_mode=False)
                if outcome.get("failed"):
                    raise AnsibleActionFail("config_files: cannot stage %s: %s" % (entry["dest"], outcome.get("msg")))
            # 127, as a shell says it, only when the program itself is missing.
            command = ["sh", "-c", 'command -v "$1" >/dev/null || exit 127; exec "$@"', "sh"]
            command += [part.replace("%s", directory) for part in argv]
            checked = self._run("ansible.legacy.command", dict(argv=command), task_vars)
            if checked.get("rc") == 127 and self._task.check_mode:
                result.setdefault("warnings", []).append(
                    "config_files: %s is not installed yet, so the files were not checked together" % argv[0])
            elif checked.get("failed") or checked.get("rc"):
                said = (checked.get("stderr") or checked.get("stdout") or checked.get("msg") or "").strip()
                if checked.get("rc") == 127:
                    said = "%s is not installed" % argv[0]
                raise AnsibleActionFail("config_files: %s refused the new files, nothing was changed: %s"
                                        % (" ".join(argv), said))
        finally:
            self._run("ansible.legacy.file", dict(path=directory, state="absent"), task_vars)

    def _run(self, module_name, module_args, task_vars):
        """A module that only stages or checks, so it runs in check mode too (the task's flag decides it)."""
        check_mode, self._task.check_mode = self._task.check_mode, False
        try:
            return self._execute_module(module_name=module_name, module_args=module_args, task_vars=task_vars)
        finally:
            self._task.check_mode = check_mode

    def _apply(self, entry, step, task_vars):
        if step == "write":
            return self._write(entry, task_vars)
        args = dict(path=entry["dest"])
        if step == "remove":
            args.update(state="absent")
        else:
            args.update(owner=entry["owner"], group=entry["group"], mode=entry["mode"])
            args.update(state="directory") if step == "directory" else args.update(
                state="touch", modification_time="preserve", access_time="preserve")
        return self._execute_module(module_name="ansible.legacy.file", module_args=args, task_vars=task_vars)

    def _write(self, entry, task_vars, check_mode=None):
        """Written by ansible.builtin.copy's own action, so check mode, --diff and validate behave as the template module's."""
        task = self._task.copy()
        task.args = dict(content=entry["rendered"], dest=entry["dest"], mode=entry["mode"], backup=entry["backup"])
        task.args.update({key: entry[key] for key in ("owner", "group") if entry[key] is not None})
        if check_mode is not None:
            task.check_mode = check_mode
        if entry["validate"]:
            task.args["validate"] = entry["validate"]
        if entry["secret"]:
            task.diff = False
            task.no_log = True
        copy = self._shared_loader_obj.action_loader.get(
            "ansible.legacy.copy", task=task, connection=self._connection, play_context=self._play_context,
            loader=self._loader, templar=self._templar, shared_loader_obj=self._shared_loader_obj)
        return copy.run(task_vars=task_vars)


def _as_list(diff):
    if not diff:
        return []
    return diff if isinstance(diff, list) else [diff]
