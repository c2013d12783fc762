"""Every test in this folder is a browser story (marker ``browser``); the fixtures live in
``tests/browser/support.py`` and are shared project-wide through ``tests/conftest.py``."""

from pathlib import Path

import pytest


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


