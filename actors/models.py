"""Who carries out the plan: actors (organisations) and the ministers in charge."""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorQuerySet(models.QuerySet):
    def resolving(self, code_or_alias: str) -> "ActorQuerySet":
        """The actor whose code or one of whose aliases is `code_or_alias` (exact match)."""
        return self.filter(
            models.Q(code=code_or_alias) | models.Q(aliases__alias=code_or_alias)
        ).distinct()


class Actor(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Flemish department")
        AGENCY = "agency", _("Agency")
        FEDERAL = "federal", _("Federal body")
        ASSOCIATION = "association", _("Association")
        MUNICIPALITY = "municipality", _("Municipality")
        ORGANISATION = "organisation", _("Organisation")
        OTHER = "other", _("Other")

    code = models.CharField(
        _("code"), max_length=120, unique=True, help_text=_("The plan's abbreviation, if any.")
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    notes = models.JSONField(_("notes"), default=list, blank=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self) -> str:
        # "WVG – Welfare, Public Health and Family Department": pickers (the admin's) show
        # both, since the code alone does not say which organisation it is.
        return self.code if self.name in ("", self.code) else f"{self.code} – {self.name}"


class ActorAlias(models.Model):
    """Another spelling of an actor's code (the plan misprints CJSM as CISM and CJSJ)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=120, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("actor alias")
        verbose_name_plural = _("actor aliases")

    def __str__(self) -> str:
        return self.alias


class Portfolio(models.Model):
    """A minister's remit. The plan prints one portfolio under several titles ("Minister for
    Youth", "Minister for Youth and Media"); which titles form one is recorded in the fixture."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    notes = models.JSONField(_("notes"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolios")

    def __str__(self) -> str:
        return self.name


class Minister(models.Model):
    """A minister's title as the plan prints it ("Minister for Welfare"), within a portfolio."""

    title = models.CharField(_("title"), max_length=300, unique=True)
    slug = models.SlugField(_("slug"), max_length=300, unique=True)
    portfolio = models.ForeignKey(
        Portfolio,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="titles",
        verbose_name=_("portfolio"),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("minister")
        verbose_name_plural = _("ministers")

    def __str__(self) -> str:
        return self.title


class PortalRole(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    EVALUATOR = "evaluator", _("Evaluator")
    MINISTRY_VIEWER = "ministry_viewer", _("Ministry viewer")


class PortalMembership(models.Model):
    """A user's role in the portal and, for a coordinator, the actors they speak for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_membership"
    )
    role = models.CharField(_("role"), max_length=20, choices=PortalRole.choices)
    actors = models.ManyToManyField(
        Actor,
        verbose_name=_("actors"),
        blank=True,
        related_name="memberships",
        help_text=_("For a coordinator: the organisations whose measures they keep up to date."),
    )

    class Meta:
        verbose_name = _("portal role")
        verbose_name_plural = _("portal roles")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"

    def clean(self) -> None:
        """A coordinator has an e-mail address: the reminders to report are sent to it."""
        user = getattr(self, "user", None)  # None while unset (its error is an AttributeError)
        if self.role == PortalRole.COORDINATOR and user is not None and not user.email:
            raise ValidationError(
                {
                    "role": _(
                        "A coordinator needs an e-mail address: the reminders to report are "
                        "sent to it. Fill in the user's e-mail address."
                    )
                }
            )


class PortalUser(User):
    """A user as platform administrators manage them: name, e-mail address, portal role and
    actors, without Django's permissions (the admin's "Portal users")."""

    class Meta:
        proxy = True
        verbose_name = _("portal user")
        verbose_name_plural = _("portal users")


class ApiTokenQuerySet(models.QuerySet):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True)

    def of_user(self, user) -> "ApiTokenQuerySet":
        return self.filter(user=user)


class ApiToken(models.Model):
    """A user's named key for the REST API. Only a SHA-256 hash of the secret is stored: the
    secret itself is shown once, when the token is created (see actors.services)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(
        _("key prefix"), max_length=16, help_text=_("The secret's first characters, to tell it.")
    )
    key_hash = models.CharField(_("SHA-256 of the key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=models.Q(revoked_at__isnull=True),
                name="api_token_name_unique_while_active",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="api_token_has_a_name"),
        ]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
