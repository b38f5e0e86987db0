"""The ``storyboarder`` command: headless project commands, or the GUI with no command.

Headless commands import no Qt, so they run on servers and in CI.
"""

from __future__ import annotations

import argparse
import json
import sys

from storyboarder import __version__

EXIT_OK = 0
EXIT_FAILED = 2


def _cmd_new(args: argparse.Namespace) -> int:
    from storyboarder.io import ProjectError, new_project_folder

    try:
        path = new_project_folder(args.dir, title=args.title or "")
    except ProjectError as exc:
        return _fail(exc)
    print(f"created {path}")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from storyboarder.io import ProjectError, load_project
    from storyboarder.io.images import check_images

    try:
        loaded = load_project(args.project)
    except ProjectError as exc:
        return _fail(exc)
    reported = {(w.where, w.message) for w in loaded.warnings}
    warnings = list(loaded.warnings)
    seen_places = {w.where for w in warnings}
    for problem in check_images(loaded.project, loaded.folder, str(loaded.file)):
        if problem.where not in seen_places and (problem.where, problem.message) not in reported:
            warnings.append(problem)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    panels = sum(len(scene.panels) for scene in loaded.project.scenes)
    print(f"{loaded.file}: ok ({len(loaded.project.scenes)} scenes, {panels} panels, {len(warnings)} warnings)")
    return EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    from storyboarder.io import ProjectError, load_project
    from storyboarder.model import format_duration, shot_count, total_duration_ms

    try:
        loaded = load_project(args.project)
    except ProjectError as exc:
        return _fail(exc)
    project = loaded.project
    summary = {
        "title": project.title,
        "director": project.director,
        "scenes": len(project.scenes),
        "panels": sum(len(scene.panels) for scene in project.scenes),
        "shots": sum(shot_count(scene) for scene in project.scenes),
        "duration_ms": total_duration_ms(project),
        "cast": [{"character": c.character, "actor": c.actor} for c in project.cast],
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"title:     {project.title or '(untitled)'}")
    if project.director:
        print(f"director:  {project.director}")
    print(f"scenes:    {summary['scenes']}")
    print(f"panels:    {summary['panels']}")
    print(f"shots:     {summary['shots']}")
    print(f"duration:  {format_duration(summary['duration_ms'])}")
    if project.cast:
        print("cast:")
        for member in project.cast:
            actor = f" ({member.actor})" if member.actor else ""
            print(f"  {member.character or '(no character)'}{actor}")
    else:
        print("cast:      none")
    for warning in loaded.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _fail(exc) -> int:
    for problem in exc.problems:
        print(f"error: {problem}", file=sys.stderr)
    return EXIT_FAILED


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyboarder",
        description="Offline storyboard and shot-list editor. With no command, opens the editor.",
    )
    parser.add_argument("--version", action="version", version=f"storyboarder {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser("new", help="create an empty project folder")
    new.add_argument("dir", metavar="DIR", help="folder to create the project in")
    new.add_argument("--title", help="the project's title")
    new.set_defaults(run=_cmd_new)

    validate = commands.add_parser("validate", help="check a project; exit 0 when it loads, 2 when it doesn't")
    validate.add_argument("project", metavar="PROJECT", help="project folder or its project.json")
    validate.set_defaults(run=_cmd_validate)

    info = commands.add_parser("info", help="print counts of scenes, panels and shots, the running time and the cast")
    info.add_argument("project", metavar="PROJECT", help="project folder or its project.json")
    info.add_argument("--json", action="store_true", help="print the summary as JSON")
    info.set_defaults(run=_cmd_info)

    gui = commands.add_parser("gui", help="open the editor (the default with no command)")
    gui.add_argument("project", metavar="PROJECT", nargs="?", help="project folder or its project.json")
    gui.set_defaults(run=_cmd_gui)
    return parser


def _cmd_gui(args: argparse.Namespace) -> int:
    from storyboarder.ui.app import run

    return run(args.project)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _command_parser()
    known = {"new", "validate", "info", "gui", "-h", "--help", "--version"}
    if not argv or argv[0] not in known:
        # `storyboarder [PROJECT]` opens the editor, like most desktop apps.
        argv = ["gui", *argv]
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
