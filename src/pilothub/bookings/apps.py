from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "pilothub.bookings"
    label = "bookings"
    verbose_name = "预约与订单 Bookings"
