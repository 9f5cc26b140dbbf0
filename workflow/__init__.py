"""The case model, the transition table, one service per use case, and the scheduled jobs (no Flask here)."""
