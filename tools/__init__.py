"""Maintainer tools run from a checkout (never shipped in the wheel): the build of every generated file
(``python tools/build.py``) and the import graph of the package (``python tools/import_graph.py``)."""
