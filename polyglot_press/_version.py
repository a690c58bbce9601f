"""The version, in a module of its own: every layer may read it (the fingerprint does), while
importing the top-level package from below would import upwards."""

__version__ = "0.1.0"

__all__ = ["__version__"]
