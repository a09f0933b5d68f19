"""Raw SDK calls that bypass the generated code."""

import segment.analytics as analytics


def old(user_id: str, name: str) -> None:
    analytics.track(user_id, "Lead Captured", {"source": "form"})
    analytics.track(user_id=user_id, event="Workspce Created")
    analytics.track(user_id, "Order Shipped")
    analytics.track(user_id, name)
    analytics.group(user_id, "g_1", {"plan": "team"})
