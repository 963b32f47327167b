from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pilothub.accounts"
    label = "accounts"
    verbose_name = "账号与机构 Accounts"

    def ready(self) -> None:
        from .login_steps import connect_login_steps

        connect_login_steps()
