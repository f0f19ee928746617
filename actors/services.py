"""Writes to who-is-who: granting portal roles."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from actors.models import Actor, PortalMembership, PortalRole
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
    errors: dict[str, list[str]] = {}
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
    if not username or len(username) > 150:
        errors["username"] = ["Give a user name of at most 150 characters."]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [f"{email!r} is not an email address."]
    User = get_user_model()
    user = User.objects.filter(username=username).first() if username else None
    if password and check_password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            errors["password"] = list(exc.messages)
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
