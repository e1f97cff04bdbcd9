import logging
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.demo.loader import ADMIN_EMAIL, DemoError, load_demo

# Loggers that report every page saved and every search-index task: hundreds of lines here.
CHATTY_LOGGERS = ("wagtail", "django_tasks")


@contextmanager
def quiet_loggers(names: tuple[str, ...]):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Fill an empty database with believable Chinese demo content (counties, venues, "
        "trainings, summer classes with upcoming sessions, stories, pictures), an admin user and "
        "invented people of every role (staff with two-step verification set up), whose logins "
        "are written to var/demo-logins.txt. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        logins_file = Path(settings.VAR_DIR) / "demo-logins.txt"
        chatty = CHATTY_LOGGERS if options["verbosity"] < 2 else ()
        try:
            with quiet_loggers(chatty):
                result = load_demo(today=timezone.localdate(), logins_file=logins_file)
        except DemoError as error:
            raise CommandError(str(error)) from error

        if not result.changed:
            self.stdout.write("Demo content already loaded; nothing changed.")
            self.stdout.write(f"Logins: {logins_file}")
            return
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        for label, count in result.created.items():
            self.stdout.write(f"  {label}: {count}")
        if result.admin_password:
            self.stdout.write(
                f"Admin login: {ADMIN_EMAIL} / {result.admin_password} (written to {logins_file})"
            )
        else:
            self.stdout.write(f"Admin user already existed; logins: {logins_file}")
        self.print_people(result.people)

    def print_people(self, people) -> None:
        if not people.logins:
            return
        self.stdout.write(f"Demo people (password for each: {people.password}):")
        width = max(len(entry.role) for entry in people.logins)
        for entry in people.logins:
            self.stdout.write(f"  {entry.role:<{width}}  {entry.login}  {entry.name}")
            if entry.totp_secret:
                self.stdout.write(f"  {'':<{width}}  TOTP secret {entry.totp_secret}")
                self.stdout.write(f"  {'':<{width}}  {entry.totp_url}")
