"""Import tracking plans exported by other tools into trackgen's native plan format.

- ``detect(data)`` names the format from the content: ``native``,
  ``segment-config-api``, ``segment-public-api``, ``rudderstack`` or ``unknown``.
- ``import_data(data, file)`` converts loaded data (``trackgen.source.load_text``)
  to a native plan (a located mapping that ``plan.load.validate`` accepts), with
  diagnostics; ``import_file(path)`` reads the file first.
- ``to_native(data, file)`` is the loader's hook: native (and unrecognised) data
  unchanged, exports converted.
- ``yaml_writer.to_yaml(plan)`` writes a native plan as readable YAML that reads back the
  same (imported by ``trackgen import``, not by a build).

Diagnostics use the codes TG600-TG611 (see ``report``). Keywords the plan cannot
hold are errors and stay in the output as written, so the written plan shows them
where they need fixing; nothing is silently dropped or widened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..diagnostics import Diagnostic, has_errors
from ..plan.load import read_text
from ..source import Map, load_text
from .detect import FORMATS, NATIVE, RUDDERSTACK, SEGMENT_CONFIG_API, SEGMENT_PUBLIC_API, UNKNOWN, detect
from .report import UNKNOWN_FORMAT, Report, loc_of
from .rudderstack import import_rudderstack
from .segment_config import import_config_api
from .segment_public import import_public_api

__all__ = ["FORMATS", "detect", "import_data", "import_file", "to_native"]

_IMPORTERS: dict[str, Callable[[Any, str, Report], Map | None]] = {
    SEGMENT_CONFIG_API: import_config_api,
    SEGMENT_PUBLIC_API: import_public_api,
    RUDDERSTACK: import_rudderstack,
}


def import_data(data: Any, file: str) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Convert an export to a native plan; native plans come back unchanged.

    Returns ``None`` when the data is no tracking plan trackgen knows. Otherwise the
    plan, also when there are errors (it then keeps what needs fixing as written).
    """
    kind = detect(data)
    if kind == NATIVE:
        return data, []
    report = Report(file)
    if kind == UNKNOWN:
        report.error(
            UNKNOWN_FORMAT,
            "not a tracking plan trackgen can import: expected a trackgen plan (trackgen: 1), a Segment "
            "Protocols export (Config API: rules.events; Public API: a list of rules with jsonSchema) "
            "or a RudderStack plan (rules.events with eventType)",
            loc_of(data),
        )
        return None, report.finish()
    plan = _IMPORTERS[kind](data, file, report)
    return plan, report.finish()


def import_file(path: str | Path, display: str | None = None) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Read a file (JSON or YAML) and import it; ``display`` names it in messages."""
    path = Path(path)
    name = display if display is not None else path.as_posix()
    text, diagnostics = read_text(path, name)
    if text is None:
        return None, diagnostics
    data, diagnostics = load_text(text, name)
    if has_errors(diagnostics):
        return None, diagnostics
    plan, more = import_data(data, name)
    return plan, diagnostics + more


def to_native(data: Any, file: str) -> tuple[Any, list[Diagnostic]]:
    """For the plan loader: native or unrecognised data unchanged (the native parser
    reports what is wrong with it), exports converted to a native plan."""
    kind = detect(data)
    if kind in (NATIVE, UNKNOWN):
        return data, []
    return import_data(data, file)
