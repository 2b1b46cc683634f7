"""Screens of the Textual app: each renders state and collects input; rules live in kdquiz.core."""
