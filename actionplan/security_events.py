"""What the `security` log records, from the signals of Django, django-axes and the models:
sign-ins (failed, locked out, succeeded), token revocation on a password change and changes
of who may do what (portal roles, staff and superuser flags)."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from actionplan.security import log_security_event
from actors.models import PortalMembership
from actors.services import api_tokens_revoke_all

User = get_user_model()
ACCOUNT_FLAGS = ("is_active", "is_staff", "is_superuser")


def _current_request():
    """The request being answered, if any (kept by simple_history's HistoryRequestMiddleware):
    it tells who changed a role, and from where."""
    return getattr(HistoricalRecords.context, "request", None)


def _changed_by() -> dict:
    request = _current_request()
    user = getattr(request, "user", None) if request is not None else None
    name = user.get_username() if user is not None and user.is_authenticated else "-"
    return {"request": request, "by": name}


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    log_security_event("sign_in_failed", request=request, username=credentials.get("username", ""))


@receiver(user_locked_out)
def log_lockout(sender, request, username=None, ip_address=None, **kwargs):
    log_security_event("locked_out", request=request, username=username or "")


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    log_security_event("signed_in", request=request, user=user, level=logging.INFO)


@receiver(post_save, sender=User)
def revoke_api_tokens_on_password_change(sender, instance, created, **kwargs):
    # Django keeps the new raw password in `_password` from set_password() until the save is
    # done (it is how password validators learn of a change); a re-hash on sign-in clears it
    # first, so only a real change of password revokes the tokens.
    if created or getattr(instance, "_password", None) is None:
        return
    revoked = api_tokens_revoke_all(user=instance)
    if revoked:
        log_security_event(
            "api_tokens_revoked",
            user=instance,
            reason="password_changed",
            count=revoked,
            **_changed_by(),
        )


@receiver(pre_save, sender=User)
def log_account_flag_changes(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (
        update_fields is not None and not set(update_fields) & set(ACCOUNT_FLAGS)
    ):
        return
    before = User.objects.filter(pk=instance.pk).values(*ACCOUNT_FLAGS).first()
    if before is None:
        return
    changes = {
        flag: f"{before[flag]}->{getattr(instance, flag)}"
        for flag in ACCOUNT_FLAGS
        if before[flag] != getattr(instance, flag)
    }
    if changes:
        log_security_event("account_changed", user=instance, **changes, **_changed_by())


@receiver(pre_save, sender=PortalMembership)
def remember_previous_role(sender, instance, **kwargs):
    instance._role_before = (
        PortalMembership.objects.filter(pk=instance.pk).values_list("role", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=PortalMembership)
def log_role_change(sender, instance, **kwargs):
    before = getattr(instance, "_role_before", None)
    if before != instance.role:
        log_security_event(
            "role_changed",
            user=instance.user,
            role=f"{before or 'none'}->{instance.role}",
            level=logging.INFO,
            **_changed_by(),
        )


@receiver(post_delete, sender=PortalMembership)
def log_role_removal(sender, instance, **kwargs):
    log_security_event(
        "role_changed",
        user=instance.user,
        role=f"{instance.role}->none",
        level=logging.INFO,
        **_changed_by(),
    )


@receiver(m2m_changed, sender=PortalMembership.actors.through)
def log_role_actor_change(sender, instance, action, pk_set=None, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or (
        action != "post_clear" and not pk_set
    ):
        return
    log_security_event(
        "role_actors_changed",
        user=getattr(instance, "user", None),
        change=action.removeprefix("post_"),
        actors=",".join(str(pk) for pk in sorted(pk_set or ())),
        level=logging.INFO,
        **_changed_by(),
    )
