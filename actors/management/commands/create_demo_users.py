from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from actors.models import PortalRole
from actors.services import user_grant_role

# Fixed, printed logins: only for a local demo (refused unless DEBUG or --force).
DEMO_USERS = [
    ("admin", PortalRole.PLATFORM_ADMIN, [], "demo-admin-2026"),
    ("coordinator-wvg", PortalRole.COORDINATOR, ["WVG"], "demo-coordinator-2026"),
    ("coordinator-ov", PortalRole.COORDINATOR, ["OV"], "demo-coordinator-2026"),
    ("evaluator", PortalRole.EVALUATOR, [], "demo-evaluator-2026"),
    ("ministry", PortalRole.MINISTRY_VIEWER, [], "demo-ministry-2026"),
]


class Command(BaseCommand):
    help = "Create one demo account per role and print their logins (development only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Create them even when DEBUG is off."
        )

    def handle(self, *args, force: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo accounts have published passwords: they are only made with DEBUG=true "
                "(or --force, never on a public server)."
            )
        # Create every account first, then print the logins in one block, so that the security
        # log lines these grants write (to stderr) do not land between the rows.
        for username, role, actors, password in DEMO_USERS:
            user_grant_role(
                username=username,
                role=role,
                actor_codes=actors,
                email=f"{username}@example.org",
                password=password,
                check_password=False,
            )
        self.stdout.write("Demo accounts (user name / password / role):")
        for username, role, actors, password in DEMO_USERS:
            scope = f" of {', '.join(actors)}" if actors else ""
            self.stdout.write(f"  {username:<16} {password:<24} {role}{scope}")
