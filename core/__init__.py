"""Frontline's pure core: DeepState client and geometry logic.

Nothing in this package imports ``qgis``: it runs and is tested without a QGIS application.
Geometry functions take shapely geometries in a planar metric CRS (metres) and return
figures in metres and square kilometres.
"""
