from django.urls import path

from . import views

app_name = "bookings"
urlpatterns = [
    path("", views.equipment_list, name="equipment"),
    path("equipment/<int:equipment_id>/", views.equipment_detail, name="equipment_detail"),
    path("queue/", views.queue, name="queue"),
    path("settings/", views.availability_home, name="availability"),
    path("settings/<int:platform_id>/", views.availability_platform, name="availability_platform"),
    path("mine/", views.mine, name="mine"),
    path("<int:booking_id>/decide/", views.booking_decide, name="booking_decide"),
    path("<int:booking_id>/cancel/", views.booking_cancel, name="booking_cancel"),
    # A stable address calendar clients can subscribe to.
    path("platforms/<int:platform_id>/calendar.ics", views.platform_calendar, name="platform_calendar"),
    path("orders/", views.order_list, name="orders"),
    path("orders/<int:order_id>/", views.order_detail, name="order_detail"),
    path("orders/<int:order_id>/attachments/<int:attachment_id>/", views.attachment_download,
         name="attachment_download"),
    path("vouchers/", views.voucher_report, name="vouchers"),
    path("vouchers/export.xlsx", views.voucher_export, name="voucher_export"),
    path("vouchers/platforms/<int:platform_id>/", views.voucher_platform, name="voucher_platform"),
    path("vouchers/redemptions/", views.voucher_redemptions, name="redemptions"),
    path("vouchers/redemptions/<int:redemption_id>/", views.voucher_redemption_detail, name="redemption_detail"),
]
