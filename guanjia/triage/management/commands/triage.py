"""``guanjia triage``: classify one message, a JSON Lines stream, or evaluate a labelled file.

    guanjia triage "电梯困人了,3栋2单元"          one JSON object
    guanjia triage --jsonl < in.jsonl > out.jsonl  one output line per input line, same order
    guanjia triage --evaluate labelled.jsonl       accuracy, urgent recall/precision, confusion

The interface is relied on by scripts and integrations: keep it stable.
"""

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from guanjia.core.errors import ServiceError
from guanjia.properties.models import Community
from guanjia.triage.evaluation import evaluate, format_report
from guanjia.triage.model import FIELDS
from guanjia.triage.services import triage_suggest, weights_for

JSONL_KEYS = ("kind", "category", "urgency", "department", "confidence", "questions", "urgency_uncertain")


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


class Command(BaseCommand):
    help = "Suggest kind, category, urgency and department for residents' messages."
    stealth_options = ("stdin",)
    # Classifying text needs neither the URL conf nor the database: skipping the system checks
    # keeps a one-message call fast and working on a checkout that has not been migrated.
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", nargs="?", help="the message to classify")
        parser.add_argument("--jsonl", action="store_true", help="read JSON lines {id, text} from stdin")
        parser.add_argument("--evaluate", metavar="FILE", help="JSON lines with text and the four gold fields")
        parser.add_argument("--community", metavar="CODE", help="use this community's retrained model")

    def handle(self, *args: Any, **options: Any) -> None:
        modes = [bool(options["text"]), options["jsonl"], bool(options["evaluate"])]
        if sum(modes) != 1:
            raise CommandError("Give exactly one of: a text, --jsonl, --evaluate FILE.")
        community = self._community(options["community"])
        if options["jsonl"]:
            return self._jsonl(options.get("stdin") or sys.stdin, community)
        if options["evaluate"]:
            return self._evaluate(Path(options["evaluate"]), community)
        try:
            self.stdout.write(_dump(triage_suggest(text=options["text"], community=community)))
        except ServiceError as error:
            raise CommandError(str(error.message)) from error

    def _community(self, code: str | None) -> Community | None:
        if not code:
            return None
        try:
            return Community.objects.get(code=code)
        except Community.DoesNotExist as error:
            raise CommandError(f"No community with code {code!r}.") from error
        except Community.MultipleObjectsReturned as error:
            raise CommandError(f"Several companies have a community {code!r}.") from error
        except DatabaseError:
            self.stderr.write("The database is not set up; using the built-in model.")
            return None

    def _jsonl(self, stream: Iterable[str], community: Community | None) -> None:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            self.stdout.write(_dump(self._one_line(number, line, community)))

    def _one_line(self, number: int, line: str, community: Community | None) -> dict[str, Any]:
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            return {"id": None, "line": number, "error": {"code": "invalid_json", "message": str(error)}}
        row_id = row.get("id") if isinstance(row, dict) else None
        text = row.get("text") if isinstance(row, dict) else None
        if not isinstance(text, str) or not text.strip():
            return {"id": row_id, "line": number,
                    "error": {"code": "missing_text", "message": "Each line needs a non-empty \"text\"."}}
        suggestion = triage_suggest(text=text, community=community)
        return {"id": row_id, **{key: suggestion[key] for key in JSONL_KEYS}}

    def _evaluate(self, path: Path, community: Community | None) -> None:
        try:
            raw_lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        rows, skipped = [], 0
        for number, line in enumerate(raw_lines, 1):
            try:
                row = json.loads(line) if line.strip() else None
            except json.JSONDecodeError:
                row = None
            if isinstance(row, dict) and isinstance(row.get("text"), str) and all(row.get(f) for f in FIELDS):
                rows.append(row)
            elif line.strip():
                skipped += 1
                self.stderr.write(f"line {number}: skipped (needs text, kind, category, urgency, department)")
        if not rows:
            raise CommandError("No labelled lines to evaluate.")
        weights = weights_for(community=community)
        from guanjia.triage.classifier import classify

        self.stdout.write(format_report(evaluate(rows, lambda text: classify(text, weights=weights))))
        if skipped:
            self.stdout.write(f"skipped lines: {skipped}")
