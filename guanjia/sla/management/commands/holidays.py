"""``guanjia holidays import FILE`` and ``guanjia holidays check``."""

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from guanjia.core.errors import ServiceError
from guanjia.sla.calendar import package_knows
from guanjia.sla.holidays import calendar_import, holidays_remind, parse_calendar_file
from guanjia.sla.models import CalendarDay
from guanjia.sla.selectors import calendar_warnings


class Command(BaseCommand):
    help = "Import the official holidays and make-up working days, or check which years are covered."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import a .csv or .jsonl file (date,is_working_day,name).")
        imp.add_argument("file")
        imp.add_argument("--dry-run", action="store_true", help="Validate and count without saving.")
        check = sub.add_parser("check", help="Show which years are covered; remind administrators if needed.")
        check.add_argument("--no-notify", action="store_true", help="Only print, send no reminder.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["file"], dry_run=options["dry_run"])
        else:
            self._check(notify=not options["no_notify"])

    def _import(self, filename: str, *, dry_run: bool) -> None:
        path = Path(filename)
        fmt = path.suffix.lower().lstrip(".")
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{filename}: {error}") from None
        try:
            result = calendar_import(days=parse_calendar_file(text=text, fmt=fmt), dry_run=dry_run)
        except ServiceError as error:
            raise CommandError(f"{filename}: {error.message} [{error.code}]") from None
        prefix = "dry run: " if dry_run else ""
        self.stdout.write(f"{prefix}{result.created} created, {result.updated} updated, "
                          f"{result.unchanged} unchanged")

    def _check(self, *, notify: bool) -> None:
        today = timezone.localdate()
        for year in (today.year, today.year + 1):
            entered = CalendarDay.objects.filter(date__year=year).count()
            if entered:
                source = f"{entered} days entered"
            elif package_knows(date(year, 1, 1)):
                source = "official calendar package"
            else:
                source = "NOT COVERED: weekends only"
            self.stdout.write(f"{year}: {source}")
        for warning in calendar_warnings(today=today):
            self.stdout.write(self.style.WARNING(str(warning.message)))
        if notify and holidays_remind(today=today):
            self.stdout.write("administrators reminded")
