"""``guanjia load_demo``: the demo company, idempotent; ``--reset`` rebuilds, ``--rooms`` scales."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guanjia.core.errors import ServiceError
from guanjia.properties.demo import DEFAULT_SEED, demo_load


class Command(BaseCommand):
    help = "Load the demo company (示范物业) and print its logins. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="Delete the demo company and build it again.")
        parser.add_argument("--rooms", type=int, default=None,
                            help="Scale: this many rooms in total (e.g. 100000) instead of the standard demo.")
        parser.add_argument("--communities", type=int, default=2, help="Scale: spread the rooms over this many.")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rooms"] is not None and options["rooms"] < 1:
            raise CommandError("--rooms must be at least 1")
        started = time.perf_counter()
        try:
            result = demo_load(rooms=options["rooms"], communities=options["communities"], seed=options["seed"],
                               reset=options["reset"])
        except ServiceError as exc:
            raise CommandError(str(exc.message)) from exc
        elapsed = time.perf_counter() - started
        verb = "built" if result.created else "already loaded (use --reset to rebuild)"
        counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
        self.stdout.write(f"Demo company {result.company.name} {verb} in {elapsed:.1f}s: {counts}")
        self.stdout.write("")
        self.stdout.write(f"{'login':<14} {'password':<12} {'role':<38} where")
        for login in result.logins:
            self.stdout.write(f"{login.login:<14} {login.password:<12} {login.role:<38} {login.where}")
