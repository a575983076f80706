"""OONI's measurements beside the news (issue 15): the aggregation API's client, which test and
domains stand for each service, and the book of figures that alerts and boards read.

Layer: below the pipeline, moderation and the service, above feeds (whose guarded session it
uses); imports bot.feeds.guard, bot.ports and bot.core only. Rendering never imports it: a figure
reaches a renderer as data (bot.core.ooni.OoniFigure on the EventReport).
"""
