"""Helpers shared by Frontline's tests (on sys.path through pytest's `pythonpath`)."""
