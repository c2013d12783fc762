"""Summarise the closed months the dashboard reads (``MonthFigures``), as the hourly housekeeping does.

For a fresh or imported database (the benchmark's, a restored backup) before the scheduler has
run: without the summary the dashboard counts every closed month of its 12-month trends live.
"""

from typing import Any

from django.core.management.base import BaseCommand

from guanjia.reports.summaries import month_figures_due, month_figures_refresh


class Command(BaseCommand):
    help = "Summarise closed months never summarised or still settling (what the hourly housekeeping does)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List the months, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        due = month_figures_due()
        if not options["dry_run"]:
            for month in due:
                month_figures_refresh(month=month)
        verb = "would summarise" if options["dry_run"] else "summarised"
        self.stdout.write(f"{verb} {len(due)} month(s): {', '.join(f'{month:%Y-%m}' for month in due)}")
