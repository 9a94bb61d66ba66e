"""Frontline's Processing provider and algorithms (QGIS glue around the pure core)."""
