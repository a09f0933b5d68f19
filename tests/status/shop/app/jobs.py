"""Wrappers: the function is passed along, never called by name here."""

from app import shop_analytics
from app.shop_analytics import track_order_completed


def retry(send, **properties):
    for _ in range(3):
        send(**properties)


def complete(total: float) -> None:
    retry(track_order_completed, total=total)


HANDLERS = {"done": shop_analytics.track_order_completed}


def legacy() -> None:
    from app.shop_analytics import track_legacy_thing

    if False:
        track_legacy_thing()
    return
    track_legacy_thing()
