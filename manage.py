#!/usr/bin/env python
"""Django's command-line utility; the installed ``guanjia`` command does the same."""

from guanjia.cli import main

if __name__ == "__main__":
    main()
