"""The embedded default: SQLite, eager background jobs, debug on loopback."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
PILOTHUB_DEMO_BANNER = True
VAR_DIR.mkdir(parents=True, exist_ok=True)
