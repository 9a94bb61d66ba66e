"""Frontline's user interface: the DeepState dock (needs a QGIS GUI)."""
