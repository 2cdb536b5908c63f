"""The Django admin shows that spaces exist (to superusers) and never what they hold.

Superusers are not members: they see a space's title, kind and status, and manage its members
on the portal's members page only when no coordinator can. The audit log is read-only here and
shows a user only the entries of the spaces they coordinate.
"""

from django.contrib import admin

from .models import Aanbieder, AanbiederLocatie, AuditLogEntry, Samenwerkingsruimte


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Samenwerkingsruimte)
class SamenwerkingsruimteAdmin(ReadOnlyAdmin):
    list_display = ("titel", "soort", "status", "aangemaakt_op")
    list_filter = ("soort", "status")
    fields = ("titel", "soort", "status", "aangemaakt_op")
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyAdmin):
    list_display = ("tijdstip", "gebruiker_email", "actie", "object_soort", "object_id", "kanaal")
    fields = list_display
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).viewable_by_user(request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)


class AanbiederLocatieInline(admin.TabularInline):
    model = AanbiederLocatie
    extra = 0
    fields = ("naam", "adres", "postcode", "plaats", "gemeente")


@admin.register(Aanbieder)
class AanbiederAdmin(admin.ModelAdmin):
    """Providers are not secret: a superuser keeps the register. What the spaces know of a
    provider is not here; it is on the provider's page, for those who may see it."""

    list_display = ("naam", "kvk_nummer", "fictief", "aangemaakt_op")
    list_filter = ("fictief",)
    search_fields = ("naam", "kvk_nummer")
    fields = ("naam", "kvk_nummer", "gemeenten", "voorzieningsoorten", "fictief")
    filter_horizontal = ("gemeenten", "voorzieningsoorten")
    inlines = [AanbiederLocatieInline]

    def _allowed(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)

    def has_module_permission(self, request):
        return self._allowed(request)
