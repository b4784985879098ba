"""HTTP API and dashboard over the store (`bilateral serve`)."""

from bilateral.web.app import create_app

__all__ = ["create_app"]
