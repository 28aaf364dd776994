"""What handlers need, handed to them through the application instead of globals."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.config import Settings
from bot.metrics import Metrics
from bot.storage import Store

Clock = Callable[[], float]
"""Returns the current time as UTC epoch seconds."""

SERVICES_KEY = "services"


def system_clock() -> float:
    return time.time()


@dataclass(slots=True)
class Services:
    settings: Settings
    store: Store
    clock: Clock
    metrics: Metrics = field(default_factory=Metrics)

    def now(self) -> int:
        return int(self.clock())


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    services = application.bot_data[SERVICES_KEY]
    assert isinstance(services, Services)
    return services


def get_services(context: CallbackContext[Any, Any, Any, Any]) -> Services:
    return services_of(context.application)
