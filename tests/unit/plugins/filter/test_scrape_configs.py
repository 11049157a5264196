# -*- coding: utf-8 -*-
# Copyright (c) 2026, Concert developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

import pytest

from ansible.errors import AnsibleFilterError

from ansible_collections.concert.mlops.plugins.filter.scrape_configs import scrape_configs

SETTINGS = {
    "config_dir": "/etc/prometheus",
    "groups": {
        "node": "all", "docker": "docker_hosts", "registry": "registry", "k3s": "k3s_server",
        "alertmanager": "alertmanager", "prometheus": "prometheus", "blackbox": "blackbox_exporter",
    },
    "ports": {"node": 9100, "docker": 9323, "registry": 5001, "k3s": 6443, "alertmanager": 9093, "prometheus": 9090, "blackbox": 9115},
    "scrape_ca_file": "/etc/prometheus/scrape-ca.crt",
}

GROUPS = {
    "all": ["mon", "web1", "web2"],
    "ungrouped": [],
    "prometheus": ["mon"],
    "alertmanager": ["mon"],
    "blackbox_exporter": ["mon"],
    "docker_hosts": ["web1", "web2"],
    "registry": ["web1"],
}


def jobs_by_name(result):
    return {job["job_name"]: job for job in result["scrape_configs"]}


def test_every_role_in_the_inventory_becomes_a_job():
    result = scrape_configs({}, GROUPS, SETTINGS)
    jobs = jobs_by_name(result)
    assert sorted(jobs) == ["alertmanager", "blackbox", "blackbox_http_2xx", "docker", "node", "prometheus", "registry"]
    assert [c["targets"] for c in jobs["node"]["static_configs"]] == [["mon:9100"], ["web1:9100"], ["web2:9100"]]
    assert [c["targets"] for c in jobs["docker"]["static_configs"]] == [["web1:9323"], ["web2:9323"]]
    assert jobs["registry"]["static_configs"][0]["targets"] == ["web1:5001"]
    assert result["alertmanagers"] == ["mon:9093"]
    assert result["secrets"] == {}


def test_labels_name_the_host_and_all_its_groups():
    jobs = jobs_by_name(scrape_configs({}, GROUPS, SETTINGS))
    web1 = jobs["node"]["static_configs"][1]["labels"]
    assert web1 == {"instance": "web1", "job": "node", "concert_groups": ",docker_hosts,registry,"}


def test_address_and_ports_come_from_host_variables():
    hostvars = {
        "web1": {"ansible_host": "10.0.0.1", "node_exporter_port": "9200"},
        "web2": {"ansible_host": "10.0.0.2", "concert_address": "web2.internal", "docker_metrics_port": 9400},
    }
    jobs = jobs_by_name(scrape_configs(hostvars, GROUPS, SETTINGS))
    assert jobs["node"]["static_configs"][1]["targets"] == ["10.0.0.1:9200"]
    assert jobs["docker"]["static_configs"][1]["targets"] == ["web2.internal:9400"]


def test_exporters_behind_tls_and_auth_get_their_own_job_and_a_password_file():
    hostvars = {
        "web1": {"node_exporter_tls_enabled": True, "node_exporter_basic_auth_username": "prometheus",
                 "node_exporter_basic_auth_password": "s3cret"},
        "web2": {"node_exporter_tls_enabled": True},
    }
    result = scrape_configs(hostvars, GROUPS, SETTINGS)
    jobs = jobs_by_name(result)
    assert sorted(jobs) == ["alertmanager", "blackbox", "blackbox_http_2xx", "docker", "node", "node_1", "node_2", "prometheus", "registry"]
    assert "scheme" not in jobs["node"]
    assert jobs["node_1"]["scheme"] == "https"
    assert jobs["node_1"]["tls_config"] == {"ca_file": "/etc/prometheus/scrape-ca.crt"}
    assert jobs["node_1"]["basic_auth"] == {"username": "prometheus", "password_file": "/etc/prometheus/secrets/node-exporter-1.password"}
    assert "basic_auth" not in jobs["node_2"]
    # The password is handed over for a file of its own, never put in the config.
    assert result["secrets"] == {"node-exporter-1.password": "s3cret"}
    assert "s3cret" not in repr(result["scrape_configs"])
    assert all(c["labels"]["job"] == "node" for name in ("node", "node_1", "node_2") for c in jobs[name]["static_configs"])


def test_tls_exporters_need_a_ca():
    settings = dict(SETTINGS, scrape_ca_file="")
    with pytest.raises(AnsibleFilterError, match="prometheus_scrape_ca_cert"):
        scrape_configs({"web1": {"node_exporter_tls_enabled": True}}, GROUPS, settings)


def test_a_user_without_a_password_is_refused():
    with pytest.raises(AnsibleFilterError, match="no node_exporter_basic_auth_password"):
        scrape_configs({"web1": {"node_exporter_basic_auth_username": "prometheus"}}, GROUPS, SETTINGS)


def test_a_port_that_is_not_a_number_is_refused():
    with pytest.raises(AnsibleFilterError, match="node_exporter_port of host web1 must be a port number"):
        scrape_configs({"web1": {"node_exporter_port": "ninety"}}, GROUPS, SETTINGS)


def test_blackbox_probes_the_monitoring_services_and_user_targets_through_the_exporter():
    settings = dict(SETTINGS, blackbox_probes=[{"module": "tcp_connect", "targets": ["web1:22"]}])
    jobs = jobs_by_name(scrape_configs({}, GROUPS, settings))
    http = jobs["blackbox_http_2xx"]
    assert http["static_configs"] == [{"targets": ["http://mon:9090/-/healthy", "http://mon:9093/-/healthy"]}]
    assert http["params"] == {"module": ["http_2xx"]}
    assert {"target_label": "__address__", "replacement": "mon:9115"} in http["relabel_configs"]
    assert jobs["blackbox_tcp_connect"]["static_configs"] == [{"targets": ["web1:22"]}]


def test_malformed_probe_is_refused():
    with pytest.raises(AnsibleFilterError, match="module and a list of targets"):
        scrape_configs({}, GROUPS, dict(SETTINGS, blackbox_probes=[{"module": "http_2xx", "targets": "web1"}]))


def test_k3s_servers_need_a_token_and_are_scraped_over_https():
    groups = dict(GROUPS, k3s_server=["web2"])
    with pytest.raises(AnsibleFilterError, match="prometheus_k3s_token"):
        scrape_configs({}, groups, SETTINGS)
    jobs = jobs_by_name(scrape_configs({}, groups, dict(SETTINGS, k3s_token_file="/etc/prometheus/secrets/k3s.token")))
    assert jobs["k3s"]["scheme"] == "https"
    assert jobs["k3s"]["authorization"] == {"credentials_file": "/etc/prometheus/secrets/k3s.token"}
    assert jobs["k3s"]["static_configs"][0]["targets"] == ["web2:6443"]


def test_user_jobs_are_added_and_names_must_stay_unique():
    settings = dict(SETTINGS, file_sd_jobs=[{"job_name": "apps", "files": ["/etc/prometheus/file_sd/apps.yml"]}],
                    extra_scrape_configs=[{"job_name": "pushgateway", "static_configs": [{"targets": ["mon:9091"]}]}])
    jobs = jobs_by_name(scrape_configs({}, GROUPS, settings))
    assert jobs["apps"] == {"job_name": "apps", "file_sd_configs": [{"files": ["/etc/prometheus/file_sd/apps.yml"]}]}
    assert "pushgateway" in jobs
    with pytest.raises(AnsibleFilterError, match="repeated: node"):
        scrape_configs({}, GROUPS, dict(SETTINGS, extra_scrape_configs=[{"job_name": "node"}]))


def test_groups_that_are_absent_or_empty_add_nothing():
    jobs = jobs_by_name(scrape_configs({}, {"all": ["solo"], "prometheus": []}, SETTINGS))
    assert sorted(jobs) == ["node"]


def test_settings_without_groups_are_refused():
    with pytest.raises(AnsibleFilterError, match="needs settings"):
        scrape_configs({}, GROUPS, {"ports": {}})


def test_release_targets_are_scraped_on_the_service_port():
    settings = dict(SETTINGS, groups=dict(SETTINGS["groups"], release="release_targets"))
    groups = dict(GROUPS, release_targets=["web1", "web2"])
    hostvars = {"web2": {"release_port": 9000}}
    job = jobs_by_name(scrape_configs(hostvars, groups, settings))["release"]
    assert job["metrics_path"] == "/metrics"
    # web1 has no port of its own: the release role's default.
    assert [c["targets"] for c in job["static_configs"]] == [["web1:8080"], ["web2:9000"]]


def test_k3s_pods_that_ask_are_scraped_through_the_api_proxy():
    groups = dict(GROUPS, k3s_server=["web2", "web1"])
    settings = dict(SETTINGS, k3s_token_file="/etc/prometheus/secrets/k3s.token", k3s_ca_file="/etc/prometheus/k3s-ca.crt")
    # A Prometheus without Kubernetes discovery (Debian's build) gets no such job.
    assert "k3s_pods" not in jobs_by_name(scrape_configs({}, groups, settings))
    job = jobs_by_name(scrape_configs({}, groups, dict(settings, kubernetes_sd=True)))["k3s_pods"]
    discovery = job["kubernetes_sd_configs"][0]
    assert discovery["role"] == "pod" and discovery["api_server"] == "https://web2:6443"
    for access in (job, discovery):
        assert access["authorization"] == {"credentials_file": "/etc/prometheus/secrets/k3s.token"}
        assert access["tls_config"] == {"ca_file": "/etc/prometheus/k3s-ca.crt"}
    relabel = job["relabel_configs"]
    assert {"source_labels": ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"], "regex": "true", "action": "keep"} in relabel
    assert {"target_label": "__address__", "replacement": "web2:6443"} in relabel
    path = [rule for rule in relabel if rule.get("target_label") == "__metrics_path__"][0]
    assert path["replacement"] == "/api/v1/namespaces/$1/pods/$2:$3/proxy$4"


def test_the_buildbot_master_is_probed_at_its_rest_api():
    groups = dict(GROUPS, ci=["web1"])
    settings = dict(SETTINGS, groups=dict(SETTINGS["groups"], buildbot="ci"))
    http = jobs_by_name(scrape_configs({"web1": {"buildbot_port": 8011}}, groups, settings))["blackbox_http_2xx"]
    assert "http://web1:8011/api/v2" in http["static_configs"][0]["targets"]
