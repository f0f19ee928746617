from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actionplan.forms import NotesAsLinesMixin
from actionplan.security import log_security_event
from actors.permissions import user_can_manage_users

from .models import (
    Actor,
    ActorAlias,
    ApiToken,
    Minister,
    PortalMembership,
    PortalUser,
    Portfolio,
)


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0


@admin.register(Actor)
class ActorAdmin(NotesAsLinesMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "aliases__alias"]
    prepopulated_fields = {"slug": ["code"]}
    inlines = [ActorAliasInline]


@admin.register(Minister)
class MinisterAdmin(admin.ModelAdmin):
    list_display = ["title", "portfolio"]
    list_filter = ["portfolio"]
    search_fields = ["title", "portfolio__name"]
    prepopulated_fields = {"slug": ["title"]}


class MinisterTitleInline(admin.TabularInline):
    model = Minister
    extra = 0
    fields = ["title"]
    readonly_fields = ["title"]
    can_delete = False


@admin.register(Portfolio)
class PortfolioAdmin(NotesAsLinesMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "titles__title"]
    inlines = [MinisterTitleInline]


class PortalMembershipInline(admin.StackedInline):
    model = PortalMembership
    can_delete = True
    max_num = 1
    # Searchable by code and name (ActorAdmin.search_fields), each shown as "Code – Name".
    autocomplete_fields = ["actors"]
    verbose_name = _("portal role")
    verbose_name_plural = _("portal role")


class UserManagedByPlatformAdmin:
    """Managing users is the platform administrator's rule, as everywhere in the portal."""

    def has_module_permission(self, request) -> bool:
        return user_can_manage_users(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return user_can_manage_users(request.user)

    def has_add_permission(self, request) -> bool:
        return user_can_manage_users(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return user_can_manage_users(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return user_can_manage_users(request.user)


@admin.register(PortalUser)
class PortalUserAdmin(UserManagedByPlatformAdmin, UserAdmin):
    """Portal users: who they are, their e-mail address, their portal role and actors on one
    short page; Django's groups and permissions stay on the "Users" page."""

    inlines = [PortalMembershipInline]
    list_display = ["username", "full_name", "email", "portal_role", "actor_names", "is_active"]
    list_filter = ["portal_membership__role", "is_active"]
    search_fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "portal_membership__actors__code",
        "portal_membership__actors__name",
    ]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email", "is_active"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "usable_password", "password1", "password2"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "email"]}),
    ]

    @admin.display(description=_("name"), ordering="last_name")
    def full_name(self, user) -> str:
        return user.get_full_name()

    @admin.display(description=_("portal role"), ordering="portal_membership__role")
    def portal_role(self, user) -> str:
        membership = getattr(user, "portal_membership", None)
        return membership.get_role_display() if membership else "—"

    @admin.display(description=_("actors"))
    def actor_names(self, user) -> str:
        membership = getattr(user, "portal_membership", None)
        return "; ".join(str(actor) for actor in membership.actors.all()) if membership else ""

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("portal_membership")
            .prefetch_related("portal_membership__actors")
        )


class AccountAdmin(UserManagedByPlatformAdmin, UserAdmin):
    """Django's full user page (groups, permissions), for what the portal role does not cover."""

    list_display = ["username", "email", "is_active", "is_staff", "last_login"]


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their owners in the portal; here an administrator sees them and can
    revoke one (the secret itself is never stored, so it cannot be shown)."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        active = queryset.filter(revoked_at__isnull=True)
        prefixes = ",".join(active.values_list("prefix", flat=True))
        revoked = active.update(revoked_at=timezone.now())
        log_security_event("api_tokens_revoked", request=request, reason="admin", tokens=prefixes)
        self.message_user(request, f"{revoked} token(s) revoked.")
