"""Restores the seed policy documents after a test flush (see core.reference)."""

from django.apps import apps

from .models import PolicyDocument
from .policy_loading import load_policy_documents, read_manifest


def load() -> None:
    # Parsing and tokenising five documents costs little, but transactional tests call this
    # before each test: skip when every document is already there.
    keys = {entry["key"] for entry in read_manifest()}
    if PolicyDocument.objects.filter(key__in=keys).count() == len(keys):
        return
    load_policy_documents(apps)
