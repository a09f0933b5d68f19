"""A module of the app that re-exports a generated function under its own name."""

from ..shop_analytics import track_invoice_paid as invoice_paid

__all__ = ["invoice_paid"]
