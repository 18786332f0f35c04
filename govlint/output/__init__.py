"""Reporters: turn FileResults into text for people or data for programs."""
