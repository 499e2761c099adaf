"""Thin ASK SDK request handlers: a request becomes a conversation event, the reply becomes a Response.

No spoken text lives here; see ``skill.conversation`` for what is said when, and ``skill.content`` for the
words. ``skill.builder`` registers these handlers in the one order that decides which handler wins.
"""
