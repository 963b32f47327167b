"""Stored state of the matching index: passage vectors by text hash, and a change log.

The in-memory index itself lives in each process (index.py); these tables let every process
reuse embeddings (a text is embedded once, whatever process needs it) and learn which platforms
changed since it last looked.
"""

from __future__ import annotations

import numpy as np
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PassageEmbedding(models.Model):
    """One embedded text. The key hashes the encoder name with the text, so an unchanged text is
    never embedded twice and a new model never reuses an old model's vectors."""

    text_hash = models.CharField(_("文本摘要"), max_length=64, primary_key=True)
    encoder = models.CharField(_("编码模型"), max_length=64)
    dimension = models.PositiveSmallIntegerField(_("维度"))
    vector = models.BinaryField(_("向量"))  # float32, little endian
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("文本向量")
        verbose_name_plural = _("文本向量")

    def __str__(self) -> str:
        return f"{self.encoder} {self.text_hash[:12]}"

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype="<f4").reshape(self.dimension)


class IndexChange(models.Model):
    """A platform whose index entry must be refreshed (written by match_index_touch).

    Edits that do not change Platform.updated_at (an equipment row renamed, say) reach every
    process's index through this log: each process remembers the last id it applied.
    """

    platform_id = models.BigIntegerField(_("平台"), db_index=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("索引变更")
        verbose_name_plural = _("索引变更")

    def __str__(self) -> str:
        return f"platform {self.platform_id} @ {self.created_at:%Y-%m-%d %H:%M:%S}"
