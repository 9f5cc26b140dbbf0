"""Pure rules: working-day calendar, deadline clock, reply categories, remedies, fees, report rows.

Nothing in this package reads the clock, the database or the web layer: `today` is always a parameter.
"""
