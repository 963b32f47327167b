from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.PasswordLoginView.as_view(), name="login"),
    path("login/code/", views.login_otp, name="login_otp"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", views.register, name="register"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:organisation_id>/", views.review_organisation, name="review_organisation"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("security/", views.account_security, name="two_factor"),
    path("security/recovery-codes/", views.recovery_codes, name="two_factor_recovery"),
    path("security/password/", views.password_change, name="password_change"),
]
