"""``guanjia answers import FILE`` · ``guanjia answers search --jsonl`` · ``guanjia answers export -o FILE``.

Integrations rely on this interface; it is tested in tests/answers/test_command.py.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guanjia.core.errors import ServiceError
from guanjia.properties.models import Company

from ... import search
from ...importexport import ImportRejected, answers_import, export_jsonl, export_records, export_xlsx


def _company(code: str | None) -> Company:
    if code:
        company = Company.objects.filter(code=code).first()
        if company is None:
            raise CommandError(f"No company with code {code!r}.")
        return company
    companies = list(Company.objects.order_by("pk")[:2])
    if len(companies) == 1:
        return companies[0]
    company = Company.objects.filter(code="demo").first()
    if company is None:
        raise CommandError("No company found: pass --company CODE (or run `guanjia load_demo`).")
    return company


class Command(BaseCommand):
    help = "Import, export and search the standard-answer library (话术库)."
    # Tests hand the questions in as a stream instead of the process's stdin.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="Load a .jsonl or .xlsx library, updating by id.")
        load.add_argument("file")
        find = sub.add_parser("search", help="Answer questions read as JSON Lines from stdin.")
        find.add_argument("--jsonl", action="store_true", required=True,
                          help='Each input line {"id", "text"}; each output line {"id", "answered", "matches"}.')
        dump = sub.add_parser("export", help="Write the library as .jsonl or .xlsx.")
        dump.add_argument("-o", "--output", required=True)
        for each in (load, find, dump):
            each.add_argument("--company", help="Company code (default: the only company, else 'demo').")

    def handle(self, *args: Any, **options: Any) -> None:
        company = _company(options.get("company"))
        getattr(self, f"_{options['action']}")(company, options)

    def _import(self, company: Company, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            with path.open("rb") as content:
                summary = answers_import(actor=None, company=company, name=path.name, content=content)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(f"row {error.row}, {error.field}: {error.reason}")
            raise CommandError(f"{path.name} was not imported ({len(exc.errors)} problem(s)).") from exc
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"{company.code}: {summary.created} created, {summary.updated} updated, "
                          f"{summary.unchanged} unchanged.")

    def _search(self, company: Company, options: dict[str, Any]) -> None:
        index = search.index_for_company(company_id=company.pk).index
        stdin = options.get("stdin") or sys.stdin
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                question_id, text = item["id"], str(item.get("text") or "")
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise CommandError(f"line {number}: expected a JSON object with id and text") from exc
            result = index.search(text, limit=3)
            out = {"id": question_id, "answered": result.answered,
                   "matches": [{"code": m.code, "score": m.score} for m in result.matches]}
            self.stdout.write(json.dumps(out, ensure_ascii=False))

    def _export(self, company: Company, options: dict[str, Any]) -> None:
        path = Path(options["output"])
        records = export_records(company=company)
        if path.suffix.lower() == ".jsonl":
            path.write_bytes(export_jsonl(records))
        elif path.suffix.lower() == ".xlsx":
            path.write_bytes(export_xlsx(records))
        else:
            raise CommandError("Use a .jsonl or .xlsx output file.")
        self.stdout.write(f"{len(records)} answers written to {path}.", ending="\n")
