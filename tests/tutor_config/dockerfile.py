"""Reading a rendered Dockerfile: its instructions with continuation lines joined."""

import json
import shlex


def instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(KEYWORD, arguments) for each instruction, comments and blank lines left out."""
    found: list[tuple[str, str]] = []
    pending = ""
    for line in dockerfile.splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        pending += stripped[:-1] + " " if stripped.endswith("\\") else stripped
        if not stripped.endswith("\\"):
            keyword, _, arguments = pending.partition(" ")
            found.append((keyword.upper(), arguments.strip()))
            pending = ""
    return found


def env_values(dockerfile: str) -> dict[str, str]:
    values = {}
    for keyword, arguments in instructions(dockerfile):
        if keyword == "ENV":
            for pair in shlex.split(arguments):
                name, _, value = pair.partition("=")
                values[name] = value
    return values


def run_commands(dockerfile: str) -> list[str]:
    """The shell commands of RUN instructions, without their ``--mount`` options."""
    commands = []
    for keyword, arguments in instructions(dockerfile):
        if keyword == "RUN":
            words = arguments.split(" ")
            while words and words[0].startswith("--mount"):
                words.pop(0)
            commands.append(" ".join(words).strip())
    return commands


def cmd(dockerfile: str) -> list[str]:
    (arguments,) = [
        arguments for keyword, arguments in instructions(dockerfile) if keyword == "CMD"
    ]
    return json.loads(arguments)
