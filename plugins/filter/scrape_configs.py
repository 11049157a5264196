# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Prometheus scrape jobs derived from the inventory: who plays what decides what is scraped."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.plugin_utils._inventory import host_address, hostvars_once, service_port

# Groups Ansible makes itself: they say nothing about what a host plays.
IMPLICIT_GROUPS = ("all", "ungrouped")

# Job name -> (which setting names its group, host variable that overrides the port, metrics path).
# The node job is built apart: its exporters may sit behind TLS and basic auth.
SIMPLE_JOBS = (
    ("prometheus", "prometheus_port", "/metrics"),
    ("alertmanager", "alertmanager_port", "/metrics"),
    ("blackbox", "blackbox_exporter_port", "/metrics"),
    ("docker", "docker_metrics_port", "/metrics"),
    ("registry", "registry_metrics_port", "/metrics"),
    ("release", "release_port", "/metrics"),
    ("mlflow", "mlflow_metrics_port", "/metrics"),
)


def _hosts(groups, name):
    return list(groups.get(name) or []) if name else []


def _group_label(groups, host):
    """All groups of a host as ',a,b,': a rule can match one with =~".*,docker_hosts,.*"."""
    names = sorted(name for name, members in groups.items() if name not in IMPLICIT_GROUPS and host in (members or []))
    return "," + ",".join(names) + "," if names else ""


def _static_config(hostvars, groups, host, port):
    labels = {"instance": host}
    group_label = _group_label(groups, host)
    if group_label:
        labels["concert_groups"] = group_label
    return {"targets": ["%s:%s" % (host_address(hostvars, host), port)], "labels": labels}


def _port(hostvars, host, variable, override):
    """The host's own port variable, else prometheus_scrape_ports' override, else the serving role's default."""
    if (hostvars.get(host) or {}).get(variable) is None and override is not None:
        return service_port(hostvars, host, override)
    return service_port(hostvars, host, variable)


def _node_jobs(hostvars, groups, settings):
    """One job per way of reaching node exporters (plain, TLS, TLS with a user); all labelled job="node"."""
    config_dir = settings["config_dir"]
    ways = {}
    secrets = {}
    for host in _hosts(groups, settings["groups"].get("node")):
        facts = hostvars.get(host) or {}
        tls = bool(facts.get("node_exporter_tls_enabled", False))
        user = facts.get("node_exporter_basic_auth_username") or ""
        password = facts.get("node_exporter_basic_auth_password") or ""
        if user and not password:
            raise AnsibleFilterError("host %s has node_exporter_basic_auth_username but no node_exporter_basic_auth_password" % host)
        if tls and not settings.get("scrape_ca_file"):
            raise AnsibleFilterError(
                "host %s serves node_exporter over TLS: give prometheus_scrape_ca_cert, the CA that signed its certificate" % host)
        key = (tls, user, password)
        if key not in ways:
            ways[key] = []
        ways[key].append(_static_config(hostvars, groups, host, _port(hostvars, host, "node_exporter_port", settings["ports"].get("node"))))

    jobs = []
    for index, ((tls, user, password), static_configs) in enumerate(ways.items()):
        job = {"job_name": "node" if index == 0 else "node_%d" % index, "static_configs": static_configs}
        for static_config in static_configs:
            # Every way is one job to Prometheus, but alerts and dashboards see job="node".
            static_config["labels"]["job"] = "node"
        if tls:
            job["scheme"] = "https"
            job["tls_config"] = {"ca_file": settings["scrape_ca_file"]}
        if user:
            secret_name = "node-exporter-%d.password" % (len(secrets) + 1)
            secrets[secret_name] = password
            job["basic_auth"] = {"username": user, "password_file": "%s/secrets/%s" % (config_dir, secret_name)}
        jobs.append(job)
    return jobs, secrets


def _blackbox_jobs(hostvars, groups, settings):
    probers = _hosts(groups, settings["groups"].get("blackbox"))
    if not probers:
        return []
    prober = probers[0]
    prober_address = "%s:%s" % (host_address(hostvars, prober), _port(hostvars, prober, "blackbox_exporter_port", settings["ports"].get("blackbox")))
    probes = {}
    # Derived probes: the monitoring services answer their health endpoints;
    # the Buildbot master, which exposes no metrics, its REST API.
    for job, path in (("prometheus", "/-/healthy"), ("alertmanager", "/-/healthy"), ("buildbot", "/api/v2")):
        for host in _hosts(groups, settings["groups"].get(job)):
            port = _port(hostvars, host, "%s_port" % job, settings["ports"].get(job))
            probes.setdefault("http_2xx", []).append("http://%s:%s%s" % (host_address(hostvars, host), port, path))
    for probe in settings.get("blackbox_probes") or []:
        if not isinstance(probe, dict) or not probe.get("module") or not isinstance(probe.get("targets"), list):
            raise AnsibleFilterError("each blackbox probe needs a module and a list of targets, got %r" % (probe,))
        probes.setdefault(probe["module"], []).extend(probe["targets"])

    jobs = []
    for module, targets in sorted(probes.items()):
        jobs.append({
            "job_name": "blackbox_%s" % module,
            "metrics_path": "/probe",
            "params": {"module": [module]},
            "static_configs": [{"targets": targets}],
            # The probed URL becomes the target parameter and the instance;
            # the scrape itself goes to the blackbox exporter.
            "relabel_configs": [
                {"source_labels": ["__address__"], "target_label": "__param_target"},
                {"source_labels": ["__param_target"], "target_label": "instance"},
                {"target_label": "__address__", "replacement": prober_address},
            ],
        })
    return jobs


def _k3s_pods_job(hostvars, groups, settings, server):
    """The cluster's pods that ask to be scraped, read through the first server's API proxy.

    Prometheus runs outside the cluster and cannot reach pod addresses; the
    API server can. Pods opt in with the prometheus.io/scrape annotation (Istio
    sets it, with port 15020 and /stats/prometheus, on every pod it injects), so
    the mesh's istio_requests_total - what a canary is judged by - is scraped.
    """
    api = "%s:%s" % (host_address(hostvars, server), _port(hostvars, server, "k3s_api_port", settings["ports"].get("k3s")))
    access = {
        "tls_config": {"insecure_skip_verify": True} if not settings.get("k3s_ca_file") else {"ca_file": settings["k3s_ca_file"]},
        "authorization": {"credentials_file": settings["k3s_token_file"]},
    }
    annotation = "__meta_kubernetes_pod_annotation_prometheus_io_"
    return dict(access, **{
        "job_name": "k3s_pods",
        "scheme": "https",
        "kubernetes_sd_configs": [dict(access, role="pod", api_server="https://%s" % api)],
        "relabel_configs": [
            {"source_labels": [annotation + "scrape"], "regex": "true", "action": "keep"},
            {"source_labels": ["__meta_kubernetes_pod_phase"], "regex": "Running", "action": "keep"},
            {"source_labels": [annotation + "port"], "regex": "[0-9]+", "action": "keep"},
            {"target_label": "__address__", "replacement": api},
            {"source_labels": [annotation + "path"], "regex": "", "target_label": "__tmp_path", "replacement": "/metrics"},
            {"source_labels": [annotation + "path"], "regex": "(.+)", "target_label": "__tmp_path"},
            {
                "source_labels": ["__meta_kubernetes_namespace", "__meta_kubernetes_pod_name", annotation + "port", "__tmp_path"],
                "regex": "(.+);(.+);(.+);(.+)",
                "target_label": "__metrics_path__",
                "replacement": "/api/v1/namespaces/$1/pods/$2:$3/proxy$4",
            },
            {"source_labels": ["__meta_kubernetes_namespace"], "target_label": "namespace"},
            {"source_labels": ["__meta_kubernetes_pod_name"], "target_label": "pod"},
            {"source_labels": ["__meta_kubernetes_pod_name"], "target_label": "instance"},
        ],
    })


def scrape_configs(hostvars, groups, settings):
    """Scrape jobs, Alertmanager addresses and password files for Prometheus, from the inventory."""
    if not isinstance(settings, dict) or not isinstance(settings.get("groups"), dict) or not isinstance(settings.get("ports"), dict):
        raise AnsibleFilterError("scrape_configs needs settings with 'groups', 'ports' and 'config_dir'")
    settings = dict(settings)
    settings.setdefault("config_dir", "/etc/prometheus")
    groups = dict(groups or {})
    hostvars = hostvars_once(hostvars)

    jobs, secrets = _node_jobs(hostvars, groups, settings)
    for job, port_variable, path in SIMPLE_JOBS:
        hosts = _hosts(groups, settings["groups"].get(job))
        if hosts:
            jobs.append({
                "job_name": job,
                "metrics_path": path,
                "static_configs": [
                    _static_config(hostvars, groups, host, _port(hostvars, host, port_variable, settings["ports"].get(job))) for host in hosts
                ],
            })

    k3s_servers = _hosts(groups, settings["groups"].get("k3s"))
    if k3s_servers:
        if not settings.get("k3s_token_file"):
            raise AnsibleFilterError(
                "the inventory has k3s servers but no token to read their /metrics: run stage 2 with "
                "k3s_kubeconfig_path set (the k3s role makes one), or give prometheus_k3s_token")
        jobs.append({
            "job_name": "k3s",
            "scheme": "https",
            "tls_config": {"insecure_skip_verify": True} if not settings.get("k3s_ca_file") else {"ca_file": settings["k3s_ca_file"]},
            "authorization": {"credentials_file": settings["k3s_token_file"]},
            "static_configs": [
                _static_config(hostvars, groups, host, _port(hostvars, host, "k3s_api_port", settings["ports"].get("k3s"))) for host in k3s_servers
            ],
        })
        if settings.get("kubernetes_sd"):
            jobs.append(_k3s_pods_job(hostvars, groups, settings, k3s_servers[0]))

    jobs.extend(_blackbox_jobs(hostvars, groups, settings))

    for file_sd in settings.get("file_sd_jobs") or []:
        if not isinstance(file_sd, dict) or not file_sd.get("job_name") or not file_sd.get("files"):
            raise AnsibleFilterError("each file_sd job needs a job_name and files, got %r" % (file_sd,))
        jobs.append({"job_name": file_sd["job_name"], "file_sd_configs": [{"files": list(file_sd["files"])}]})
    jobs.extend(settings.get("extra_scrape_configs") or [])

    names = [job.get("job_name") for job in jobs]
    repeated = sorted(set(name for name in names if names.count(name) > 1))
    if repeated:
        raise AnsibleFilterError("scrape job names must be unique; repeated: %s" % ", ".join(map(str, repeated)))

    alertmanagers = [
        "%s:%s" % (host_address(hostvars, host), _port(hostvars, host, "alertmanager_port", settings["ports"].get("alertmanager")))
        for host in _hosts(groups, settings["groups"].get("alertmanager"))
    ]
    return {"scrape_configs": jobs, "alertmanagers": alertmanagers, "secrets": secrets}


class FilterModule(object):

    def filters(self):
        return {"scrape_configs": scrape_configs}
