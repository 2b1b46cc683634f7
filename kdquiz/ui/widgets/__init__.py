"""Reusable widgets: one per question kind, plus feedback, rating bar and countdown."""
