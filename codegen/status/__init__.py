"""``trackgen status``: which planned calls a codebase implements.

``codebase.scan_codebase`` (the I/O edge: files, the node scanner) gives one
``model.FileScan`` per file; ``report.build_report`` (pure) turns them and the plan's
calls (``planned.planned_calls``) into a ``report.Report``; ``render.render`` prints it
as text, JSON or SARIF. ``command.status`` is the CLI command.

Nothing is imported here, so that registering the command (cli.py imports
``status.command``) costs the other commands nothing.
"""
