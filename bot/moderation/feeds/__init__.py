"""The moderators' side of the feed registry over Telegram: /feeds, /addfeed and the per-feed
buttons, what a moderator types after /addfeed, and the alarm that tells moderators about
feeds in trouble.

May import: what bot.moderation may; changes to feeds go through bot/feeds/desk.py.
"""
