"""Demonstration data for `xxgk demo load` (fictional agencies and people; realistic Chinese)."""
