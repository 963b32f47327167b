from django.contrib import admin

from .models import Budget


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    # Budgets are set by administrators; applications change only through the review services.
    list_display = ("measure", "region", "year", "amount", "note")
    list_filter = ("year", "region")
    search_fields = ("measure",)
