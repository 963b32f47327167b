"""Who may write, review and unpublish content (docs/decisions/0900). Pure predicates, no queries
beyond the objects already loaded."""

from __future__ import annotations

from pilothub.accounts.models import Role
from pilothub.accounts.rules import governs_region

from .models import Article


def can_author(user) -> bool:
    """Operators write for their (approved) organisation; reviewers write for their region."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool((user.role == Role.OPERATOR and user.can_publish) or user.is_reviewer)


def is_owner(user, article: Article) -> bool:
    """The author, or (for operators) any operator of the organisation the article speaks for."""
    if not user.is_authenticated:
        return False
    if article.author_id == user.pk:
        return True
    return bool(user.role == Role.OPERATOR and article.organisation_id is not None
                and article.organisation_id == user.organisation_id)


def can_edit(user, article: Article) -> bool:
    return article.is_editable and is_owner(user, article) and can_author(user)


def can_review(user, article: Article) -> bool:
    """A reviewer governing the article's region, or an administrator — never the author
    (four eyes: a reviewer's own article is published by another reviewer or an administrator)."""
    if not user.is_authenticated or article.author_id == user.pk:
        return False
    return bool(user.is_system_admin or governs_region(user, article.region))


def can_unpublish(user, article: Article) -> bool:
    """Taking a published article down: its owner, a reviewer of its region, or an administrator."""
    if not user.is_authenticated:
        return False
    return bool(user.is_system_admin or governs_region(user, article.region) or is_owner(user, article))


def can_see_unpublished(user, article: Article) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_system_admin or is_owner(user, article) or governs_region(user, article.region))
