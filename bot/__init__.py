"""Blockwatch: censorship alerts from regional news feeds, over Telegram and email."""

__version__ = "0.1.0"
