"""The ``guanjia`` command: Django's management commands with Guanjia's settings.

``guanjia migrate``, ``guanjia triage "…"``, ``guanjia answers import FILE`` — any
management command of the project works, and ``DATABASE_URL`` is honoured.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guanjia.settings.local")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "guanjia"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
