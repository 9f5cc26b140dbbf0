"""Scheduled jobs (STYLE 9): an idempotent domain function each, run by a thin CLI with --now/--dry-run."""
