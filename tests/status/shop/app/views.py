"""Aliased imports, a namespace import, a submodule import, identify."""

import app.shop_analytics as a
from app.shop_analytics import identify as who
from app.shop_analytics import track_workspace_created as twc
from shop_analytics.events.calls import page_pricing


def create_workspace(tier: str) -> None:
    twc(tier=tier)
    a.track_user_invited()


def pricing() -> None:
    page_pricing()
    who(email="jane@example.com")


def shadowed(track_report_exported) -> None:
    # A parameter with a generated function's name is not the generated function.
    track_report_exported()
