"""Persistence for Blockwatch: a small protocol and its SQLite implementation."""
