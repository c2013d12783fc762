"""The UI speaks Simplified Chinese by default, with Traditional Chinese and English shipped:
every source string has a translation, and the catalogues are current with the code."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
CHINESE = ["zh_Hans", "zh_Hant"]
# Python-format and brace placeholders and HTML tags: a translation must keep every one of them.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}|</?[a-zA-Z][^>]*>")


def _catalogue(locale: str) -> polib.POFile:
    path = LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run `make messages` and translate"
    return polib.pofile(str(path))


@pytest.mark.parametrize("locale", CHINESE)
def test_every_string_is_translated_into_chinese(locale):
    catalogue = _catalogue(locale)

    missing = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]

    assert not missing, f"{len(missing)} untranslated in {locale}, e.g. {missing[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {locale}, e.g. {fuzzy[:10]}"


@pytest.mark.parametrize("locale", CHINESE)
def test_translations_keep_every_placeholder_and_tag(locale):
    broken = []
    for entry in _catalogue(locale).translated_entries():
        # Chinese has one plural form, used for every count: it follows the English plural.
        source = entry.msgid_plural or entry.msgid
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                broken.append((source, text))

    assert not broken, f"{len(broken)} translations in {locale} lose or add a placeholder: {broken[:5]}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext (xgettext) is needed to extract strings")
def test_the_catalogues_hold_every_string_of_the_source(tmp_path, settings, monkeypatch):
    settings.LOCALE_PATHS = [tmp_path]
    (tmp_path / "zh_Hans" / "LC_MESSAGES").mkdir(parents=True)
    monkeypatch.chdir(settings.BASE_DIR)

    # "locale" is ignored so makemessages extracts into tmp_path: finding guanjia/locale while walking
    # the tree would make it merge into the shipped catalogues instead.
    call_command("makemessages", locale=["zh_Hans"], verbosity=0,
                 ignore_patterns=[".venv/*", "node_modules/*", "var/*", "tests/*", "bench/*", "test-artifacts/*",
                                  "locale"])

    extracted = {e.msgid for e in polib.pofile(str(tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"))}
    assert len(extracted) > 100, "makemessages found almost nothing to extract"
    for locale in [*CHINESE, "en"]:
        shipped = {e.msgid for e in _catalogue(locale) if not e.obsolete}
        absent = sorted(extracted - shipped)
        assert not absent, f"{len(absent)} source strings missing from {locale} (run `make messages`): {absent[:10]}"


@pytest.fixture
def compiled_catalogues(settings):
    """Compile the .po files as `make translations` does, then reload Django's translation caches
    (re-assigning LOCALE_PATHS fires the setting_changed signal that empties them)."""
    call_command("compile_translations", verbosity=0)
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "heading", "button"),
    [
        ("", "登录客服工作台", "登录"),
        ("zh-TW,zh;q=0.9", "登入客服工作台", "登入"),
        ("zh-CN,zh;q=0.9", "登录客服工作台", "登录"),
        ("en-GB,en;q=0.9", "Log in to the service desk", "Log in"),
    ],
)
def test_an_agent_opening_the_desk_reads_it_in_their_language(
    client, compiled_catalogues, accept_language, heading, button
):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}

    page = client.get("/login/", **headers).content.decode()

    assert f"<h1>{heading}</h1>" in page
    assert f'class="primary">{button}</button>' in page
