"""Every schema ``kzfp schema show`` prints validates kzfp's output on its own, with the
plain jsonschema library and command line: no registry of kzfp's other schemas, and no
download of the ``$id`` addresses (https://kzfp.invalid/..., which nobody serves)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

import jsonschema
import pytest

# The output each schema describes: a command, and whether it prints a list of them.
OUTPUT_OF = {
    "about": (["about"], False),
    "event": (["timeline"], True),
    "org-profile": (["org", "show", "sco"], False),
    "org": (["org", "list"], True),
    "partner-profile": (["partner", "show", "russia"], False),
    "partner": (["partner", "list"], True),
    "search-hit": (["search", "kazakhstan"], True),
    "stats": (["stats"], False),
    "theme": (["theme", "list"], True),
}


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError(f"a schema was looked up on the network: {args[0]!r}")

    monkeypatch.setattr(urllib.request, "urlopen", refused)


def printed(kzfp, name: str) -> dict[str, object]:
    shown = kzfp("schema", "show", name)
    assert (shown.exit_code, shown.stderr) == (0, "")
    return json.loads(shown.stdout)


def test_every_schema_has_its_output_here(kzfp):
    names = {schema["name"] for schema in kzfp("schema", "list", "-f", "json").json()}
    assert names == {*OUTPUT_OF, "source"}  # sources are checked inside events


@pytest.mark.parametrize("name", list(OUTPUT_OF))
def test_the_printed_schema_alone_validates_the_output(kzfp, name):
    schema = printed(kzfp, name)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)  # no registry: what a user's program has
    command, is_list = OUTPUT_OF[name]
    output = kzfp(*command, "-f", "json").json()
    items = output if is_list else [output]
    assert items
    for item in items:
        validator.validate(item)
    assert not validator.is_valid({"id": 1})  # the schema can fail


def test_sources_validate_against_the_source_schema(kzfp):
    validator = jsonschema.Draft202012Validator(printed(kzfp, "source"))
    sources = [
        source for event in kzfp("timeline", "-f", "json").json() for source in event["sources"]
    ]
    assert sources
    for source in sources:
        validator.validate(source)


def test_a_schema_that_refers_to_others_embeds_them(kzfp):
    schema = printed(kzfp, "partner-profile")
    defs = schema["$defs"]
    assert {"event", "source"} <= set(defs)  # source through event
    assert defs["source"] == printed(kzfp, "source")
    assert defs["event"]["$id"] == printed(kzfp, "event")["$id"]
    broken = kzfp("partner", "show", "russia", "-f", "json").json()
    broken["events"][0]["sources"] = [{"title": ""}]
    assert not jsonschema.Draft202012Validator(schema).is_valid(broken)


@pytest.mark.slow
def test_the_jsonschema_command_line_validates_with_the_printed_schema(kzfp, tmp_path):
    schema = kzfp("schema", "show", "event").stdout
    (tmp_path / "event.schema.json").write_text(schema, encoding="utf-8")
    (tmp_path / "event.json").write_text(
        kzfp("event", "show", "wto-membership-2015", "-f", "json").stdout, encoding="utf-8"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-W",
            "ignore",
            "-m",
            "jsonschema",
            "-i",
            "event.json",
            "event.schema.json",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
