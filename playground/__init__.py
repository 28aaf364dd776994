"""The local playground: a Bot API emulator and a web chat to try the bot without Telegram.

``playground.emulator`` is a fake of api.telegram.org for one bot (the tests use it too);
``playground.web`` serves the chat page; ``playground.runner`` runs the real bot against both.
"""
