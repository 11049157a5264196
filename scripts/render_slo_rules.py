# Render SLO definitions (YAML list, as in prometheus_slos) into a Prometheus
# rule file with the collection's own slo_rules filter, for promtool tests.
#   python scripts/render_slo_rules.py tests/rules/slo-example.yml > rules.yml
import sys

import yaml

from ansible_collections.concert.mlops.plugins.filter.slo_rules import slo_rules

with open(sys.argv[1]) as definitions:
    print(yaml.safe_dump({"groups": slo_rules(yaml.safe_load(definitions))}, sort_keys=False, width=1000))
