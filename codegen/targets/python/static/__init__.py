"""The generated Python package's runtime, as real modules: linted, type-checked and
tested here like the rest of trackgen, and copied into every package the Python
target writes (``runtime.py`` with its ``VALIDATION`` line set to the chosen mode).
trackgen itself never imports them."""
