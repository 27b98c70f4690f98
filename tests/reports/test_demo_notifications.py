"""The demo's notifications (reports/demo.py): the demo users find some under the bell, read and unread,
made by the live rules (so each names a commune the user answers for), and seeding twice adds none."""

from assessment import demo as assessment_demo
from communes import demo as communes_demo
from communes.models import Notification
from communes.permissions import communes_in_scope
from reports import demo


def test_demo_users_have_read_and_unread_notifications_about_their_own_communes(db):
    communes_demo.seed()
    assessment_demo.seed()
    lines = demo.seed()
    assert lines[0].startswith("demo notifications: ")
    made = list(Notification.objects.select_related("user"))
    users = {n.user.username for n in made}
    assert {"sonoivu", "thamdinh.1", "xa.muongnhe.moi", "pnv.dienbien"} <= users
    assert any(n.read_at for n in made) and any(not n.read_at for n in made)
    for notification in made:
        names = set(communes_in_scope(notification.user, with_history=True).values_list("name", flat=True))
        assert any(name in notification.title for name in names), notification.title
    assert demo.seed() == ["demo notifications: already there"]
    assert Notification.objects.count() == len(made)
