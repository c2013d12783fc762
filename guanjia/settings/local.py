"""The embedded default: what ``make demo`` runs (SQLite, inline tasks, DEBUG on)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is acceptable only here: the embedded demo is not exposed to the internet.
SECRET_KEY = SECRET_KEY or "guanjia-local-demo-key-not-for-production"  # noqa: F405, S105

# The embedded SQLite database and uploaded photos live under var/, which a fresh clone lacks.
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)  # noqa: F405
