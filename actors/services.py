"""Writes to who-is-who: granting portal roles."""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Actor, ApiToken, PortalMembership, PortalRole
from actors.roles import forget_membership


def user_grant_role(
    *,
    username: str,
    role: str,
    actor_codes: list[str] = (),
    email: str | None = None,
    password: str | None = None,
    check_password: bool = True,
):
    """Create or update the user `username` with `role` (and, for a coordinator, actors).

    Actors are named by code or alias. A platform administrator becomes staff and superuser so
    that the admin opens for them; any other role loses both. Raises ValidationError for an
    unknown role or actor, a coordinator without actors, a bad email or a weak password.
    Returns (user, created).
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first() if username else None
    errors: dict[str, list[str]] = {}
    actors = _role_actors(role=role, actor_codes=actor_codes, errors=errors)
    _check_account_fields(
        user=user,
        username=username,
        email=email,
        password=password if check_password else None,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        created = user is None
        if created:
            user = User(username=username)
        if email:
            user.email = email
        if password:
            user.set_password(password)
        elif created:
            user.set_unusable_password()
        is_admin = role == PortalRole.PLATFORM_ADMIN
        user.is_staff = is_admin
        user.is_superuser = is_admin
        user.save()
        membership, _ = PortalMembership.objects.update_or_create(
            user=user, defaults={"role": role}
        )
        membership.actors.set(actors)
    forget_membership(user)
    return user, created


def _role_actors(*, role: str, actor_codes, errors: dict) -> list[Actor]:
    """The actors named by `actor_codes`, noting in `errors` what the role rules refuse."""
    if role not in PortalRole.values:
        errors["role"] = [f"Unknown role {role!r}; use one of {', '.join(PortalRole.values)}."]
    actors = []
    for code in actor_codes:
        actor = Actor.objects.resolving(code).first()
        if actor is None:
            errors.setdefault("actor", []).append(f"Unknown actor {code!r}.")
        else:
            actors.append(actor)
    if role == PortalRole.COORDINATOR and not actor_codes:
        errors.setdefault("actor", []).append("A coordinator needs at least one actor (--actor).")
    if role != PortalRole.COORDINATOR and actor_codes:
        errors.setdefault("actor", []).append("Only a coordinator is linked to actors.")
    return actors


def _check_account_fields(*, user, username: str, email, password, errors: dict) -> None:
    """Note in `errors` what is wrong with the user name, e-mail address and password."""
    if not username or len(username) > 150:
        errors["username"] = ["Give a user name of at most 150 characters."]
    else:
        try:
            get_user_model().username_validator(username)
        except ValidationError as exc:
            errors["username"] = list(exc.messages)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [f"{email!r} is not an email address."]
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            errors["password"] = list(exc.messages)


# --- API tokens -------------------------------------------------------------------------------

# Marks a string as one of our tokens (for secret scanners, and to skip hashing anything else).
API_TOKEN_PREFIX = "apt_"  # noqa: S105 (a public marker, not a secret)
API_TOKEN_DISPLAY_LENGTH = 12  # the marker and 8 characters: enough to tell tokens apart
MAX_ACTIVE_API_TOKENS = 20
# last_used_at is a hint for the owner, not an audit log: write it at most once a minute so that
# a busy tool does not turn every read into a write.
API_TOKEN_USE_RESOLUTION = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class NewApiToken:
    """A token just created, with its secret: the only moment the secret is known."""

    token: ApiToken
    secret: str


def api_token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def api_token_create(*, user, name: str) -> NewApiToken:
    """Create a named API token for `user` and return it with its secret (shown once).

    Raises ValidationError for an empty or too long name, a name the user already gives to an
    active token, or when the user already has MAX_ACTIVE_API_TOKENS active tokens.
    """
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    max_length = ApiToken._meta.get_field("name").max_length
    if not name:
        errors["name"] = [_("Give the token a name, such as the tool that will use it.")]
    elif len(name) > max_length:
        errors["name"] = [_("Use at most %(n)d characters.") % {"n": max_length}]
    elif ApiToken.objects.of_user(user).active().filter(name=name).exists():
        errors["name"] = [_("You already have a token named %(name)s.") % {"name": name}]
    if ApiToken.objects.of_user(user).active().count() >= MAX_ACTIVE_API_TOKENS:
        errors.setdefault("name", []).append(
            _("You have %(n)d active tokens: revoke one before creating another.")
            % {"n": MAX_ACTIVE_API_TOKENS}
        )
    if errors:
        raise ValidationError(errors)
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(
                user=user,
                name=name,
                prefix=secret[:API_TOKEN_DISPLAY_LENGTH],
                key_hash=api_token_hash(secret),
            )
    except IntegrityError as exc:  # the same name, created at the same moment
        raise ValidationError(
            {"name": [_("You already have a token named %(name)s.") % {"name": name}]}
        ) from exc
    return NewApiToken(token=token, secret=secret)


def api_token_rename(*, user, token_id: int, name: str) -> ApiToken:
    """Give one of `user`'s active tokens another name; ApiToken.DoesNotExist if it is not
    theirs or is revoked, ValidationError for a bad or duplicate name."""
    token = ApiToken.objects.of_user(user).active().get(pk=token_id)
    name = (name or "").strip()
    max_length = ApiToken._meta.get_field("name").max_length
    if not name:
        raise ValidationError({"name": [_("Give the token a name.")]})
    if len(name) > max_length:
        raise ValidationError({"name": [_("Use at most %(n)d characters.") % {"n": max_length}]})
    if ApiToken.objects.of_user(user).active().filter(name=name).exclude(pk=token.pk).exists():
        raise ValidationError(
            {"name": [_("You already have a token named %(name)s.") % {"name": name}]}
        )
    token.name = name
    token.save(update_fields=["name"])
    return token


def api_token_revoke(*, user, token_id: int) -> ApiToken:
    """Revoke one of `user`'s tokens; it is refused from the next request on.
    Raises ApiToken.DoesNotExist if the token is not theirs or is already revoked."""
    token = ApiToken.objects.of_user(user).active().get(pk=token_id)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def api_tokens_revoke_all(*, user) -> int:
    """Revoke every active token of `user` (when their password changes: whoever knew the old
    password may have made one). Returns how many were revoked."""
    return ApiToken.objects.of_user(user).active().update(revoked_at=timezone.now())


def api_token_authenticate(*, secret: str) -> ApiToken | None:
    """The active token whose secret is `secret` (with its active user), or None.

    Marks the token as used. Looking up the hash rather than the secret means a stolen database
    gives no usable keys."""
    if not secret or not secret.startswith(API_TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=api_token_hash(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= API_TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
