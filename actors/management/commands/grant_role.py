from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from actors.models import PortalRole
from actors.services import user_grant_role


class Command(BaseCommand):
    help = (
        "Create or update a user with a portal role, "
        "e.g. grant_role jan --role coordinator --actor WVG"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=PortalRole.values)
        parser.add_argument(
            "--actor",
            action="append",
            default=[],
            dest="actors",
            help="An actor's code (repeat for several); for coordinators.",
        )
        parser.add_argument("--email")
        parser.add_argument(
            "--password",
            help="Without it, a new user cannot sign in until they reset their password by email.",
        )

    def handle(self, *args, username, role, actors, email, password, **options):
        try:
            user, created = user_grant_role(
                username=username, role=role, actor_codes=actors, email=email, password=password
            )
        except ValidationError as exc:
            problems = [
                f"{field}: {message}"
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
            raise CommandError("Nothing was changed.\n" + "\n".join(problems)) from exc
        verb = "Created" if created else "Updated"
        scope = f" for {', '.join(actors)}" if actors else ""
        self.stdout.write(self.style.SUCCESS(f"{verb} {user.username}: {role}{scope}."))
