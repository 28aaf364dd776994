"""The fake Bot API server for tests: it lives in the product now, as ``playground.emulator``.

Kept so that ``from tests.fakebot import FakeBotApi, ...`` keeps working.
"""

from playground.emulator import *  # noqa: F403
from playground.emulator import __all__ as __all__
