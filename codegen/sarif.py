"""SARIF 2.1.0 logs of diagnostics, for code-scanning tools (GitHub, GitLab, IDEs):
one run of trackgen with the codes as rules and every diagnostic as a result. The
commands say which rules they have; the log's shape is this module's alone."""

from __future__ import annotations

import json
from typing import Any

from .diagnostics import Diagnostic, Location, Severity
from .version import __version__

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def physical(loc: Location) -> dict[str, Any]:
    """A location: the file relative to the source root unless it is absolute."""
    artifact: dict[str, Any] = {"uri": loc.file}
    if not loc.file.startswith("/"):
        artifact["uriBaseId"] = "%SRCROOT%"
    return {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": loc.line, "startColumn": loc.column},
        }
    }


def rule(code: str, summary: str, severity: Severity, name: str | None = None, **properties: Any) -> dict[str, Any]:
    """A reporting descriptor; ``properties`` go in its property bag."""
    descriptor: dict[str, Any] = {"id": code}
    if name is not None:
        descriptor["name"] = name
    descriptor["shortDescription"] = {"text": summary}
    descriptor["defaultConfiguration"] = {"level": LEVEL[severity]}
    if properties:
        descriptor["properties"] = properties
    return descriptor


def log(
    rules: list[dict[str, Any]],
    diagnostics: list[Diagnostic],
    related: str,
    run: dict[str, Any] | None = None,
) -> str:
    """The log as JSON text. A diagnostic whose code is not among ``rules`` gets one
    (errors of the plan itself, which no rule reports); ``related`` labels the
    diagnostics' other locations; ``run`` adds keys to the run (``automationDetails``)."""
    rules = list(rules)
    index = {r["id"]: i for i, r in enumerate(rules)}
    for d in diagnostics:
        if d.code not in index:
            index[d.code] = len(rules)
            rules.append(rule(d.code, "The plan cannot be read.", Severity.ERROR))
    results = []
    for d in diagnostics:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVEL[d.severity],
            "message": {"text": d.message},
        }
        if d.location is not None:
            result["locations"] = [physical(d.location)]
        if d.related:
            result["relatedLocations"] = [
                {"id": i, **physical(r), "message": {"text": related}} for i, r in enumerate(d.related)
            ]
        results.append(result)
    body = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "trackgen", "version": __version__, "rules": rules}},
                **(run or {}),
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
