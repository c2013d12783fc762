"""``guanjia register import FILE --community CODE [--dry-run]`` and ``guanjia register export``."""

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from guanjia.core.errors import ServiceError
from guanjia.properties.exporting import register_export
from guanjia.properties.importing import register_import
from guanjia.properties.models import Community


class Command(BaseCommand):
    help = "Import or export a community's register (台账) as .xlsx or .csv."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Check a file and import it whole (nothing if any row is bad).")
        imp.add_argument("file")
        imp.add_argument("--community", required=True, help="The community's short code, e.g. CH.")
        imp.add_argument("--company", help="The company code, when several companies use the community code.")
        imp.add_argument("--dry-run", action="store_true", help="Report what would happen; write nothing.")
        exp = sub.add_parser("export", help="Write the register; phones and ID numbers masked by role.")
        exp.add_argument("--community", required=True)
        exp.add_argument("--company")
        exp.add_argument("-o", "--output", required=True, help="A .xlsx or .csv path.")
        exp.add_argument("--user", help="Export as this staff member: their role decides what is unmasked.")

    def handle(self, *args: Any, **options: Any) -> None:
        community = self._community(options["community"], options.get("company"))
        try:
            if options["action"] == "import":
                return self._import(community, Path(options["file"]), options["dry_run"])
            return self._export(community, Path(options["output"]), options.get("user"))
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from exc

    def _community(self, code: str, company: str | None) -> Community:
        matches = Community.objects.filter(code=code.strip().upper())
        if company:
            matches = matches.filter(company__code=company)
        found = list(matches.select_related("company")[:2])
        if len(found) != 1:
            raise CommandError(f"No single community with code {code!r}" + ("" if found else " exists")
                               + ("; add --company" if len(found) > 1 else ""))
        return found[0]

    def _import(self, community: Community, path: Path, dry_run: bool) -> None:
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        report = register_import(actor=None, community=community, content=path.read_bytes(), filename=path.name,
                                 dry_run=dry_run)
        for issue in report.issues:
            self.stdout.write(f"第 {issue.row} 行 · {issue.column} · {issue.reason}"
                              + (f" [{issue.value}]" if issue.value else ""))
        if report.issues:
            raise CommandError(f"{len(report.issues)} problem(s) in {report.rows} rows: nothing was imported.")
        counts = ", ".join(f"{k} {v}" for k, v in report.counts.items())
        verb = "would import (dry run, nothing written)" if dry_run else "imported"
        self.stdout.write(f"{community}: {report.rows} rows {verb}: {counts}")

    def _export(self, community: Community, path: Path, username: str | None) -> None:
        actor = None
        if username:
            actor = get_user_model().objects.filter(username=username).first()
            if actor is None:
                raise CommandError(f"No user {username!r}")
        fmt = path.suffix.lower().lstrip(".")
        export = register_export(actor=actor, community=community, file_format=fmt)
        path.write_bytes(export.content)
        masked = "phones masked" if export.phones_masked else "phones in full"
        self.stdout.write(f"{community}: {export.rows} rows written to {path} ({masked})")
