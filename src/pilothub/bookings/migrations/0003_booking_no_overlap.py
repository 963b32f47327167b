"""No double booking, enforced by the database itself.

PostgreSQL: an exclusion constraint over (equipment, [start, end)) for the statuses that hold a
slot; it needs the btree_gist extension for the `=` on equipment_id inside a GiST index.
SQLite: BEFORE INSERT / UPDATE triggers that abort when a holding booking would overlap another.
Both name "booking_no_overlap" in their error, which booking_create turns into a 409.
Intervals are half-open, so a booking may start exactly when the previous one ends.
"""

from django.db import migrations

HOLDING = "('pending', 'approved')"

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE bookings_booking ADD CONSTRAINT booking_no_overlap
        EXCLUDE USING gist (equipment_id WITH =, tstzrange("start", "end", '[)') WITH &&)
        WHERE (status IN {HOLDING})""",
]
POSTGRES_BACKWARD = ["ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS booking_no_overlap"]

# SQLite stores datetimes as ISO text in UTC ("YYYY-MM-DD HH:MM:SS[.ffffff]"), which sorts in time order.
_SQLITE_CHECK = f"""
    SELECT RAISE(ABORT, 'booking_no_overlap')
    WHERE EXISTS (
        SELECT 1 FROM bookings_booking AS other
        WHERE other.equipment_id = NEW.equipment_id
          AND other.id IS NOT NEW.id
          AND other.status IN {HOLDING}
          AND other."start" < NEW."end"
          AND NEW."start" < other."end"
    );"""
SQLITE_FORWARD = [
    f"""CREATE TRIGGER booking_no_overlap_insert BEFORE INSERT ON bookings_booking
        WHEN NEW.status IN {HOLDING}
        BEGIN {_SQLITE_CHECK} END""",
    f"""CREATE TRIGGER booking_no_overlap_update BEFORE UPDATE OF status, "start", "end", equipment_id
        ON bookings_booking WHEN NEW.status IN {HOLDING}
        BEGIN {_SQLITE_CHECK} END""",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS booking_no_overlap_insert",
                   "DROP TRIGGER IF EXISTS booking_no_overlap_update"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("bookings", "0002_orders_bookings_vouchers"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
