"""Reply rules (pure): categories, remedy clauses, information-processing fees and legal-review checks.

Modules: ``catalog`` (categories.toml, 表三 rows, citations), ``remedies`` (复议机关 and remedy clauses),
``fees`` (国办函〔2020〕109号 brackets), ``review`` (the automatic legal-review checklist, DOMAIN.md §5).
"""
