"""Pure domain of the commune digital-transformation report.

Plain values in, plain values out: the catalogue of data elements and indicators, targets,
periods, indicator math, status rules, consistency rules and Vietnamese formatting. This package
imports no UI, ORM or database code (a test enforces it).
"""
