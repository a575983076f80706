"""`blockwatch` on the command line: run the service, classify text, manage feeds, moderators
and subscribers. The top layer, with bot/app.py the one place that picks implementations:
store.py opens the SQLite database for the commands that need nothing else.

May import: anything of ours; nothing imports it but bot/__main__.py.
"""
