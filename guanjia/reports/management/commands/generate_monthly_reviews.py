"""Generate (or refresh) the monthly review of every community for a month (ZN-2, REC-1)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from guanjia.core.errors import ServiceError
from guanjia.reports.scope import parse_month
from guanjia.reports.services import monthly_reviews_generate_all
from guanjia.reports.tasks import previous_month


class Command(BaseCommand):
    help = "Generate the monthly review of every community (default: last month). Filed reviews are kept."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--month", default="", help="YYYY-MM (default: last month)")
        parser.add_argument("--dry-run", action="store_true", help="List the communities, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_month(options["month"]) if options["month"] else previous_month(timezone.localdate())
        except ServiceError as error:
            raise CommandError(str(error.message)) from None
        names = monthly_reviews_generate_all(month=month, dry_run=options["dry_run"])
        verb = "would generate" if options["dry_run"] else "generated"
        self.stdout.write(f"{month:%Y-%m}: {verb} {len(names)} review(s): {', '.join(names)}")
