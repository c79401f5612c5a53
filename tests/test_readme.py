"""The README's two set-up commands, and CI running exactly the README's test command."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def readme_commands():
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Set-up: two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_readme_has_exactly_two_setup_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[0].endswith("protocol-facts extract")
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    assert readme_commands()[1] in (ROOT / ".ci" / "run").read_text("utf-8")
