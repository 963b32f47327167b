import pytest
from django.core import mail

from pilothub.core.models import Notification
from pilothub.core.notifications import notify
from pilothub.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_notify_writes_rows_and_mails_after_commit(django_capture_on_commit_callbacks, client):
    first, second = UserFactory(), UserFactory(email="")
    inactive = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[first, second, inactive], title="新的报价", body="平台已报价", url="/demands/1/")
    assert Notification.objects.filter(title="新的报价").count() == 2
    assert [message.to for message in mail.outbox] == [[first.email]]
    client.force_login(first)
    response = client.get("/notifications/")
    assert "新的报价" in response.content.decode()
    assert response.context["unread_notifications"] == 1
    client.post("/notifications/read-all/")
    assert client.get("/notifications/").context["unread_notifications"] == 0
