"""PilotHub (中试通): a regional pilot-scale testing service system."""

__version__ = "0.1.0"
