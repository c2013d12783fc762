"""Guanjia (管家): customer service for residential property management companies."""

from .celery import app as celery_app

__all__ = ["celery_app"]
