"""A config file's lint table as a pydantic model: what ``trackgen.lint.config``
asks when a table is not plainly valid, for its messages (or its reading of values
such as ``"30"``). A build with plainly valid settings never imports it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .catalog import FailOn, Level, by_code
from .words import Convention


class LintTable(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    event_case: Convention = "Title Case"
    property_case: Convention = "snake_case"
    trait_case: Convention | None = None
    max_properties: int = Field(default=30, ge=1)
    fail_on: FailOn = "never"
    rules: dict[str, Level] = Field(default_factory=dict)

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: dict[str, Level]) -> dict[str, Level]:
        return by_code(value)
