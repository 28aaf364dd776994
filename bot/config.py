"""Settings, read from environment variables and an optional `.env` file."""

from __future__ import annotations

import logging
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_PATTERN = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,64}$")
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DATABASE_PATH = Path("./kneebot.sqlite3")
# The only ports Telegram delivers webhooks to.
WEBHOOK_PORTS = frozenset({443, 80, 88, 8443})

# The example token in .env.example: it has a token's shape, but is not one.
PLACEHOLDER_TOKEN = "123456789:replace-with-the-token-from-BotFather"
PLAYGROUND_HINT = "Put your token from @BotFather in .env to go live."

TOKEN_HELP = (
    "TELEGRAM_BOT_TOKEN is missing or malformed. Get a token from @BotFather in Telegram "
    "(send /newbot), then put it in the .env file next to README.md as "
    "TELEGRAM_BOT_TOKEN=123456789:AA... (see .env.example) or export it as an environment variable."
)
PLACEHOLDER_HELP = (
    "TELEGRAM_BOT_TOKEN is still the example value from .env.example. Put your token from "
    "@BotFather in .env, or run `kneebot playground` to try the bot without Telegram."
)
_PLACEHOLDER_ERROR = "is the example placeholder"


def is_placeholder_token(token: str) -> bool:
    """True for the example token of .env.example (and anything still saying "replace")."""
    token = token.strip()
    return token == PLACEHOLDER_TOKEN or "replace-with" in token.lower()


# Both settings classes read the same environment variables and .env file.
class _OncePerMessage(logging.Filter):
    """Let each distinct message through once: .env is read more than once at start-up (is a
    token set? then the settings), and python-dotenv warns about a bad line on every read."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message in self._seen:
            return False
        self._seen.add(message)
        return True


logging.getLogger("dotenv.main").addFilter(_OncePerMessage())

_ENV_CONFIG = SettingsConfigDict(
    env_file=".env",
    env_file_encoding="utf-8",
    extra="ignore",
    case_sensitive=False,
)


def _empty_is_none(value: object) -> object:
    """`METRICS_PORT=` (empty, as in .env.example): not set."""
    return None if isinstance(value, str) and not value.strip() else value


class HttpClient(StrEnum):
    AIOHTTP = "aiohttp"
    HTTPX = "httpx"


class RunMode(StrEnum):
    POLLING = "polling"
    WEBHOOK = "webhook"


def _postgres_url(value: SecretStr | None) -> SecretStr | None:
    """DATABASE_URL: empty means not set; otherwise a postgresql:// (or postgres://) URL."""
    if value is None or not value.get_secret_value().strip():
        return None
    url = value.get_secret_value().strip()
    if not url.startswith(("postgresql://", "postgres://")):
        raise ValueError("DATABASE_URL must start with postgresql:// (or leave it unset: SQLite)")
    return SecretStr(url)


def database_url_secrets(url: SecretStr | None) -> list[str]:
    """What logging must never show of DATABASE_URL: the URL and its password."""
    if url is None:
        return []
    value = url.get_secret_value()
    password = urlsplit(value).password
    return [value, password] if password else [value]


def database_location(path: Path, url: SecretStr | None) -> str | Path:
    """What the Store opens: the PostgreSQL URL if DATABASE_URL is set, else DATABASE_PATH."""
    return path if url is None else url.get_secret_value()


class Settings(BaseSettings):
    """Every setting of the bot. Names match the environment variables (case-insensitive)."""

    model_config = _ENV_CONFIG

    telegram_bot_token: SecretStr
    database_path: Path = DEFAULT_DATABASE_PATH
    # PostgreSQL instead of SQLite at DATABASE_PATH: postgresql://user:password@host/db
    # (a secret like the token: never logged). Not set (the default): SQLite.
    database_url: SecretStr | None = None
    followup_delay_hours: float = Field(default=48.0, gt=0, le=24 * 30)
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    log_level: str = "INFO"
    telegram_api_base_url: str = DEFAULT_API_BASE_URL

    # Delivery of scheduled check-ins.
    sweep_interval_seconds: float = Field(default=5.0, gt=0, le=3600)
    sweep_batch_size: int = Field(default=50, ge=1, le=1000)
    max_send_attempts: int = Field(default=5, ge=1, le=50)
    lease_seconds: float = Field(default=120.0, gt=0)
    max_reminders: int = Field(default=3, ge=0, le=10)
    # Telegram allows about 30 messages a second overall.
    rate_limit_per_second: float = Field(default=30.0, gt=0)

    # Talking to the Bot API: how long to wait for one answer, and for how long in all a reply
    # is retried through network errors, timeouts and 5xx answers (0 turns retrying off).
    request_timeout_seconds: float = Field(default=5.0, gt=0, le=300)
    # How long to wait for Telegram's answer to a request once it is written. Telegram slow
    # but working answers ~10 s late; a send that times out here may have been delivered and
    # is sent again at most once (issue 24), so this is sized to its real latency.
    read_timeout_seconds: float = Field(default=25.0, gt=0, le=300)
    reply_retry_seconds: float = Field(default=30.0, ge=0, le=600)
    # How the bot talks to the Bot API (bot/aiohttp_request.py) and how many updates of
    # different chats it handles at once (each chat's updates stay in order).
    http_client: HttpClient = HttpClient.AIOHTTP
    telegram_proxy_url: str | None = None
    http_pool_size: int = Field(default=64, ge=4, le=1024)
    update_concurrency: int = Field(default=16, ge=1, le=256)
    # Run on uvloop when it is installed (the `fast` extra). Off by default: on this bot it
    # measured within noise of asyncio's own loop (bench/README.md).
    uvloop: bool = False

    # How the bot receives updates.
    mode: RunMode = RunMode.POLLING
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)

    # GET /metrics and /healthz on their own small HTTP server (bot/health.py); off when
    # METRICS_PORT is not set (0: any free port, for tests).
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_format(cls, value: SecretStr) -> SecretStr:
        token = value.get_secret_value().strip()
        if is_placeholder_token(token):
            raise ValueError(_PLACEHOLDER_ERROR)
        if not TOKEN_PATTERN.fullmatch(token):
            # Never echo the value back: it may be a real secret with a typo.
            raise ValueError("does not look like a bot token from @BotFather")
        return SecretStr(token)

    @field_validator("database_url")
    @classmethod
    def _database_url_format(cls, value: SecretStr | None) -> SecretStr | None:
        return _postgres_url(value)

    @property
    def database_location(self) -> str | Path:
        """What the Store opens: the DATABASE_URL (PostgreSQL) if set, else DATABASE_PATH."""
        return database_location(self.database_path, self.database_url)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_admin_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
            return frozenset(int(p) for p in parts)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("telegram_proxy_url")
    @classmethod
    def _proxy_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip()
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// proxy URL")
        return value

    @field_validator("metrics_port", mode="before")
    @classmethod
    def _metrics_port(cls, value: object) -> object:
        return _empty_is_none(value)

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @model_validator(mode="after")
    def _webhook_needs_url_and_secret(self) -> Settings:
        if self.mode is RunMode.WEBHOOK:
            if not self.webhook_url:
                raise ValueError("WEBHOOK_URL is required when MODE=webhook")
            _check_webhook_url(self.webhook_url, self.telegram_bot_token.get_secret_value())
            secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
            if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
                raise ValueError(
                    "WEBHOOK_SECRET is required when MODE=webhook: 16-256 characters of "
                    "A-Z, a-z, 0-9, _ and -"
                )
        return self

    @property
    def followup_delay_seconds(self) -> int:
        return round(self.followup_delay_hours * 3600)


def _check_webhook_url(url: str, token: str) -> None:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError("WEBHOOK_URL must be a public https:// URL")
    try:
        port = parts.port or 443
    except ValueError:
        raise ValueError("WEBHOOK_URL has an invalid port") from None
    if port not in WEBHOOK_PORTS:
        raise ValueError("WEBHOOK_URL must use port 443, 80, 88 or 8443 (Telegram's rule)")
    if token in url or token.partition(":")[2] in url:
        # The URL ends up in proxy access logs: keep the token out of it.
        raise ValueError("WEBHOOK_URL must not contain the bot token")


class StorageSettings(BaseSettings):
    """The few settings the maintenance commands (backup, purge) need: no token required."""

    model_config = _ENV_CONFIG

    database_path: Path = DEFAULT_DATABASE_PATH
    database_url: SecretStr | None = None

    @field_validator("database_url")
    @classmethod
    def _database_url_format(cls, value: SecretStr | None) -> SecretStr | None:
        return _postgres_url(value)

    @property
    def database_location(self) -> str | Path:
        return database_location(self.database_path, self.database_url)


class PlaygroundSettings(BaseSettings):
    """Where `kneebot playground` listens and keeps its own database (never the live one)."""

    model_config = _ENV_CONFIG

    playground_port: int = Field(default=8080, ge=1, le=65535)
    playground_database_path: Path = Path(".playground/kneebot.sqlite3")


class MetricsSettings(BaseSettings):
    """Where the metrics server listens, for `kneebot healthcheck` (no token required)."""

    model_config = _ENV_CONFIG

    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"

    @field_validator("metrics_port", mode="before")
    @classmethod
    def _metrics_port(cls, value: object) -> object:
        return _empty_is_none(value)


class _TokenProbe(BaseSettings):
    model_config = _ENV_CONFIG

    telegram_bot_token: str = ""


_S = TypeVar("_S", bound=BaseSettings)


class ConfigError(Exception):
    """The configuration cannot be used; the message is safe to print (no secrets)."""


def describe_validation_error(error: ValidationError) -> str:
    """Turn a pydantic error into one friendly line that never contains a secret value."""
    for item in error.errors():
        loc = item.get("loc") or ()
        if loc and str(loc[0]) == "telegram_bot_token":
            if _PLACEHOLDER_ERROR in str(item.get("msg", "")):
                return PLACEHOLDER_HELP
            return TOKEN_HELP
    parts = []
    for item in error.errors():
        loc = item.get("loc") or ()
        name = str(loc[0]).upper() if loc else "settings"
        parts.append(f"{name}: {item.get('msg', 'invalid value')}")
    return "Configuration problem: " + "; ".join(parts) + " (see .env.example)."


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Load settings or raise ConfigError with a one-line explanation."""
    return load_env(Settings, env_file)


_ANY_TOKEN = SecretStr("12345:" + "x" * 30)
"""A token of the right shape, for checking the rest of .env where no token is needed."""


def load_storage_settings(env_file: str | Path | None = ".env") -> StorageSettings:
    """What the maintenance commands need (DATABASE_PATH); no token required.

    The rest of .env is checked too, with the token left out: a bad value in the file the
    bot runs with is named here as well, not first found when the bot next starts.
    """
    load_env(Settings, env_file, telegram_bot_token=_ANY_TOKEN)
    return load_env(StorageSettings, env_file)


def load_playground_settings(env_file: str | Path | None = ".env") -> PlaygroundSettings:
    return load_env(PlaygroundSettings, env_file)


def live_token_configured(env_file: str | Path | None = ".env") -> bool:
    """Whether a token that is not the example placeholder is set (in the environment or .env).

    A malformed token counts as configured: the person meant to go live, so they should see
    what is wrong with it rather than the playground.
    """
    try:
        token = _TokenProbe(_env_file=env_file).telegram_bot_token  # type: ignore[call-arg]
    except (ValidationError, UnicodeDecodeError, ValueError):
        return True
    return bool(token.strip()) and not is_placeholder_token(token)


def load_env(cls: type[_S], env_file: str | Path | None, **values: Any) -> _S:
    """`cls` from the environment and `env_file`, with `values` in place of theirs; a bad value
    or an unreadable file is a one-line ConfigError naming the setting."""
    try:
        return cls(_env_file=env_file, **values)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(exc)) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"Could not read the .env file: {type(exc).__name__}.") from None
