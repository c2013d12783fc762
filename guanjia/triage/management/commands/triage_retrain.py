"""``guanjia triage_retrain --community CODE | --company CODE``: retrain from the desk's decisions.

Prints accuracy before (the current model) and after (the new one) on the held-back
decisions; refuses, keeps the old model and exits non-zero when the new one is worse.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guanjia.core.errors import ServiceError
from guanjia.properties.models import Community, Company
from guanjia.triage.evaluation import Report
from guanjia.triage.services import triage_retrain


def _line(label: str, report: Report) -> str:
    accuracy = ", ".join(f"{name} {value:.1%}" for name, value in report.as_dict()["accuracy"].items())
    return (f"{label}: mean {report.mean_accuracy:.1%} ({accuracy}); urgent recall {report.urgent_recall:.1%}, "
            f"precision {report.urgent_precision:.1%}")


class Command(BaseCommand):
    help = "Retrain a community's (or a company's) triage model from the starter data and the desk's decisions."

    def add_arguments(self, parser: CommandParser) -> None:
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--community", metavar="CODE")
        scope.add_argument("--company", metavar="CODE")
        parser.add_argument("--dry-run", action="store_true", help="measure, but keep the current model")

    def handle(self, *args: Any, **options: Any) -> None:
        community, company = self._scope(options)
        try:
            result = triage_retrain(community=community, company=company, dry_run=options["dry_run"])
        except ServiceError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(f"held back: {result.held_back} decisions; trained on {result.trained_on} examples")
        self.stdout.write(_line("before", result.before))
        self.stdout.write(_line("after", result.after))
        if not result.accepted and result.reason == "worse":
            raise CommandError("Refused: the new model is worse on the held-back decisions; the current model "
                               "stays active.")
        if options["dry_run"]:
            self.stdout.write("dry run: nothing saved")
        else:
            # Accepted and not a dry run: triage_retrain saved the model, which mypy cannot follow.
            self.stdout.write(self.style.SUCCESS(f"accepted: model {result.model.pk} is now active"))  # type: ignore[union-attr]

    def _scope(self, options: dict[str, Any]) -> tuple[Community | None, Company | None]:
        try:
            if options["community"]:
                return Community.objects.select_related("company").get(code=options["community"]), None
            return None, Company.objects.get(code=options["company"])
        except Community.MultipleObjectsReturned as error:
            raise CommandError("Several companies have this community code; retrain with --company.") from error
        except (Community.DoesNotExist, Company.DoesNotExist) as error:
            raise CommandError("No such community or company.") from error
