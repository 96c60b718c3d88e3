#!/usr/bin/env python3
"""Regenerates ../prometheus-rule.yaml (PrometheusRule) from driftline-rules.yml, so the Operator and
plain-Prometheus forms of the Driftline rules stay identical. Needs PyYAML. Run from anywhere:
    python3 kubernetes/prometheus/generate-prometheus-rule.py
"""
import os
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "driftline-rules.yml")
DST = os.path.join(HERE, "..", "prometheus-rule.yaml")

HEADER = """\
# GENERATED from prometheus/driftline-rules.yml by prometheus/generate-prometheus-rule.py: do not edit by
# hand; edit the plain rules file (checked with promtool), then regenerate.
#
# Prometheus Operator form of the Driftline alerting rules. The Prometheus custom resource picks
# PrometheusRules up through its ruleSelector / ruleNamespaceSelector: with kube-prometheus-stack the
# default selector wants the label `release: <helm release name>`; add it below (or in kustomization.yaml
# `labels:`) if your Prometheus does not select this rule.
"""


class Literal(str):
    pass


def literal(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")


def fold_multiline(node):
    if isinstance(node, dict):
        return {k: fold_multiline(v) for k, v in node.items()}
    if isinstance(node, list):
        return [fold_multiline(v) for v in node]
    if isinstance(node, str) and "\n" in node:
        return Literal(node)
    return node


yaml.add_representer(Literal, literal, Dumper=yaml.SafeDumper)

with open(SRC) as f:
    rules = yaml.safe_load(f)

doc = {
    "apiVersion": "monitoring.coreos.com/v1",
    "kind": "PrometheusRule",
    "metadata": {
        "name": "driftline",
        "namespace": "driftline",
        "labels": {
            "app.kubernetes.io/name": "driftline",
            "app.kubernetes.io/part-of": "driftline",
        },
    },
    "spec": fold_multiline(rules),
}

with open(DST, "w") as f:
    f.write(HEADER)
    yaml.safe_dump(doc, f, sort_keys=False, width=4096, default_flow_style=False)
print("wrote", os.path.normpath(DST))
