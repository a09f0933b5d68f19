"""Every lint check, in the order of the rule catalogue. A check takes the plan's
context and yields findings; configuration and exceptions are applied afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..finding import Context, Finding
from .docs import event_descriptions, event_owners, event_sizes, property_descriptions
from .duplicates import duplicates, near_duplicates
from .dynamic import dynamic_event_names, dynamic_property_keys
from .enums import fractional_enums
from .exceptions import exceptions
from .families import events_tracking_properties
from .meaning import property_enums, property_types
from .naming import event_case, object_action, property_case
from .spec import spec_near_misses, spec_properties, spec_traits

Check = Callable[[Context], Iterator[Finding]]

#: (the codes a check can report, the check).
CHECKS: tuple[tuple[tuple[str, ...], Check], ...] = (
    (("TG401",), event_case),
    (("TG402",), property_case),
    (("TG403",), object_action),
    (("TG404",), dynamic_event_names),
    (("TG405",), events_tracking_properties),
    (("TG406",), dynamic_property_keys),
    (("TG407",), duplicates),
    (("TG408",), near_duplicates),
    (("TG409",), property_types),
    (("TG410",), property_enums),
    (("TG411",), spec_properties),
    (("TG412",), spec_near_misses),
    (("TG413",), spec_traits),
    (("TG414",), event_descriptions),
    (("TG415",), property_descriptions),
    (("TG416",), event_sizes),
    (("TG417",), event_owners),
    (("TG418",), exceptions),
    (("TG419",), fractional_enums),
)
