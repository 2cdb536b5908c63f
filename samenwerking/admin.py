"""The Django admin shows that spaces exist (to superusers) and never what they hold.

Superusers are not members: they see a space's title, kind and status, and manage its members
on the portal's members page only when no coordinator can. The audit log is read-only here and
shows a user only the entries of the spaces they coordinate.
"""

from django.contrib import admin

from .models import AuditLogEntry, Samenwerkingsruimte


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
