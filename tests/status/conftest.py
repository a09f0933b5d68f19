"""The codebases under tests/status are scanned by tests/test_status.py, not run:
pytest collects nothing here (shop/tests/test_reports.py imports code that exists only
once trackgen has built the case)."""

collect_ignore_glob = ["*"]
