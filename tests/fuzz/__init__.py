"""The hostile-plan fuzzer of tests/test_fuzz.py: strategies that draw plans (as a data
tree, then as YAML or JSON text) and the harness that builds them and checks what
comes out. Not a test module itself (pytest collects only ``test_*.py``)."""
