"""Jinja templates of trackgen's targets (data, shipped inside the wheel)."""
