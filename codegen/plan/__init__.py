"""The native tracking-plan format: a faithful, located model of the file."""
