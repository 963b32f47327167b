import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pilothub.core.audit import AuditAction, audit_record, audit_verify_chain
from pilothub.core.models import AuditAppendOnlyError, AuditEvent
from pilothub.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_events_are_append_only():
    user = UserFactory()
    event = audit_record(actor=user, action=AuditAction.UPDATE, obj=user.organisation,
                         before={"name": "旧"}, after={"name": "新"})
    with pytest.raises(AuditAppendOnlyError):
        event.note = "changed"
        event.save()
    with pytest.raises(AuditAppendOnlyError):
        event.delete()
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(note="x")
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.all().delete()
    assert event.changed_fields() == [("name", "旧", "新")]


def test_the_hash_chain_detects_a_tampered_row():
    user = UserFactory()
    for index in range(3):
        audit_record(actor=user, action=AuditAction.UPDATE, obj=OrganisationFactory(), after={"n": index})
    count, broken = audit_verify_chain()
    assert (count, broken) == (AuditEvent.objects.count(), [])
    call_command("audit_verify")

    middle = AuditEvent.objects.order_by("id")[1]
    # Bypass the model's guard the way an attacker with database access would.
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET note = %s WHERE id = %s", ["forged", middle.id])
    count, broken = audit_verify_chain()
    assert broken == [middle.id]
    with pytest.raises(CommandError):
        call_command("audit_verify")
