"""The ``storyboarder`` command: headless project commands, or the GUI with no command.

Headless commands import no Qt, so they run on servers and in CI.
"""

from __future__ import annotations

import argparse
import json
import sys

from storyboarder import __version__
from storyboarder.cli_media import add_export_parsers, add_import_parser
from storyboarder.cli_project import add_project_parsers

from storyboarder.cli_report import (
    EXIT_FAILED,
    EXIT_OK,
    TerminalProgress,
    add_output_options,
    errors,
    open_for_command,
    output_problems,
    printable,
    run_export,
    say,
    warn,
)


def _cmd_new(args: argparse.Namespace) -> int:
    from storyboarder.io import ProjectError, new_project_folder

    try:
        path = new_project_folder(args.dir, title=args.title or "")
    except ProjectError as exc:
        return _fail(exc)
    say(f"created {path}")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from storyboarder.io.images import check_images

    loaded = open_for_command(args.project)
    if loaded is None:
        return EXIT_FAILED
    reported = {(w.where, w.message) for w in loaded.warnings}
    warnings = list(loaded.warnings)
    seen_places = {w.where for w in warnings}
    meter = TerminalProgress("checking images", quiet=args.quiet)
    try:
        found = check_images(loaded.project, loaded.folder, str(loaded.file), progress=meter)
    finally:
        meter.finish()
    for problem in found:
        if problem.where not in seen_places and (problem.where, problem.message) not in reported:
            warnings.append(problem)
    warnings.extend(_schedule_problems(loaded))
    warn(warnings)
    panels = sum(len(scene.panels) for scene in loaded.project.scenes)
    say(f"{loaded.file}: ok ({len(loaded.project.scenes)} scenes, {panels} panels, {len(warnings)} warnings)")
    return EXIT_OK


def _schedule_problems(loaded) -> list:
    """The shooting schedule's warnings (call sheets) as problems naming the file and the day."""
    from storyboarder.io.errors import Problem
    from storyboarder.model.call_sheet_warnings import call_sheet_warnings

    return [Problem(str(loaded.file), w.day or "cast", w.message) for w in call_sheet_warnings(loaded.project)]


def _cmd_info(args: argparse.Namespace) -> int:
    from storyboarder.model import format_duration, shot_count, total_duration_ms
    from storyboarder.model.cast import cast_label

    loaded = open_for_command(args.project)
    if loaded is None:
        return EXIT_FAILED
    project = loaded.project
    summary = {
        "title": project.title,
        "director": project.director,
        "writer": project.writer,
        "scenes": len(project.scenes),
        "panels": sum(len(scene.panels) for scene in project.scenes),
        "shots": shot_count(project),
        "duration_ms": total_duration_ms(project),
        "cast": [{"character": c.character, "actor": c.actor} for c in project.cast],
    }
    if args.json:
        print(printable(json.dumps(summary, ensure_ascii=False, indent=2), json=True))
        return EXIT_OK
    say(f"title:     {project.title or '(untitled)'}")
    if project.director:
        say(f"director:  {project.director}")
    if project.writer:
        say(f"writer:    {project.writer}")
    say(f"scenes:    {summary['scenes']}")
    say(f"panels:    {summary['panels']}")
    say(f"shots:     {summary['shots']}")
    say(f"duration:  {format_duration(summary['duration_ms'])}")
    if project.cast:
        say("cast:")
        for member in project.cast:
            say(f"  {cast_label(member)}")
    else:
        say("cast:      none")
    warn(loaded.warnings)
    return EXIT_OK


def _cmd_export_storyboard(args: argparse.Namespace) -> int:
    from pathlib import Path

    from storyboarder.export import StoryboardExportError, StoryboardOptions, parse_fields, parse_layout
    from storyboarder.export.storyboard_pdf import chosen_panels, export_storyboard_pdf

    problems: list[str] = []
    columns, rows = 3, 2
    fields = None
    try:
        columns, rows = parse_layout(args.layout)
    except StoryboardExportError as exc:
        problems.extend(exc.problems)
    if args.fields is not None:
        try:
            fields = parse_fields(args.fields)
        except StoryboardExportError as exc:
            problems.extend(exc.problems)
    problems.extend(output_problems(args.project, [(Path(args.output), "pdf")], args.force))
    loaded = open_for_command(args.project, problems)
    if loaded is None:
        return EXIT_FAILED
    options = StoryboardOptions(
        columns=columns,
        rows=rows,
        paper=args.paper,
        orientation=args.orientation,
        scenes=args.scenes or "",
        text_position=args.text,
        title_page=args.title_page,
        dpi=args.dpi,
        panel_ids=frozenset(p.strip() for p in args.panels.split(",") if p.strip()) if args.panels else None,
        scenes_start_new_page=args.new_page_per_scene,
        confidential=args.confidential or "",
        font=args.font,
        image_cache_dir=_image_cache_dir(args),
        **({"fields": fields} if fields else {}),
    )
    _check_all(problems, options.check, lambda: chosen_panels(loaded.project, options))
    return run_export(
        loaded, problems,
        lambda progress: export_storyboard_pdf(loaded.project, loaded.folder, args.output, options, progress=progress),
        lambda r: f"wrote {r.path} ({r.pages} pages, {r.panels} panels, {len(r.warnings)} warnings)",
        quiet=args.quiet,
    )


def _image_cache_dir(args: argparse.Namespace):
    """The folder an export keeps prepared images in: --cache-dir, none with --no-cache, else the user's cache."""
    from pathlib import Path

    from storyboarder.export.print_cache import default_cache_dir

    if args.no_cache:
        return None
    return Path(args.cache_dir) if args.cache_dir else default_cache_dir()


def _add_cache_options(parser: argparse.ArgumentParser, what: str) -> None:
    cache = parser.add_mutually_exclusive_group()
    cache.add_argument("--cache-dir", metavar="DIR",
                       help=f"keep prepared {what} here (default: the user's cache folder, at most 500 MB)")
    cache.add_argument("--no-cache", action="store_true", help=f"prepare every {what[:-1]} anew and keep none")


def _cmd_export_callsheet(args: argparse.Namespace) -> int:
    from pathlib import Path

    from storyboarder.export.call_sheet_options import CallSheetExportError, CallSheetOptions, select_days
    from storyboarder.export.call_sheet_pdf import export_call_sheet_pdf
    from storyboarder.export.storyboard_options import StoryboardExportError

    out = Path(args.output)
    problems: list[str] = []
    if args.paper not in ("letter", "a4"):
        problems.append(f"paper: {args.paper!r} is not one of letter, a4")
    if args.all_days:
        if args.day:
            problems.append("days: --all-days prints every day; leave out --day, or print the chosen days into one file")
        if out.exists() and not out.is_dir():
            problems.append(f"output: {out} is a file; with --all-days give a folder to write one PDF per day into")
        else:
            problems.extend(output_problems(args.project, [(out, "folder")]))
    else:
        problems.extend(output_problems(args.project, [(out, "pdf")], args.force))
    loaded = open_for_command(args.project, problems)
    if loaded is None:
        return EXIT_FAILED
    days = []
    try:
        days = select_days(loaded.project, args.day or [])
    except CallSheetExportError as exc:
        problems.extend(exc.problems)
    if args.all_days:
        jobs = [([day], out / _day_file_name(loaded.project, day)) for day in days]
        if out.is_dir():  # a new folder holds nothing to replace
            problems.extend(output_problems(args.project, [(path, "pdf") for _, path in jobs], args.force))
    else:
        jobs = [(days, out)]
    if problems:
        return errors(problems)
    warn(loaded.warnings)
    if args.all_days:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return errors([f"output: cannot make the folder {out}: {exc.strerror or exc}"])
    for chosen, path in jobs:
        options = CallSheetOptions(paper=args.paper, day_ids=tuple(day.id for day in chosen), font=args.font)
        meter = TerminalProgress(f"writing {path.name}", quiet=args.quiet)
        try:
            result = export_call_sheet_pdf(loaded.project, path, options, progress=meter)
        except StoryboardExportError as exc:
            return errors(exc.problems)
        finally:
            meter.finish()
        warn(result.warnings)
        spill = sum(1 for count in result.pages_per_day.values() if count > 1)
        note = f", {spill} day{'s' if spill != 1 else ''} over one page" if spill else ""
        say(f"wrote {result.path} ({result.days} day{'s' if result.days != 1 else ''}, "
              f"{result.pages} page{'s' if result.pages != 1 else ''}{note}, "
              f"{len(result.warnings)} warnings)")
    return EXIT_OK


def _day_file_name(project, day) -> str:
    """``day-02-2027-03-16.pdf``: sorts in schedule order and says which day it is."""
    import re

    from storyboarder.model.schedule import day_number, parse_date

    date = parse_date(day.date)
    stem = f"day-{day_number(project, day):02d}"
    if date is not None:
        stem += f"-{date.isoformat()}"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", stem) + ".pdf"


def _cmd_export_shotlist(args: argparse.Namespace) -> int:
    from pathlib import Path

    from storyboarder.export import StoryboardExportError
    from storyboarder.export.shotlist_options import ShotListOptions, chosen_rows, export_format, parse_column_list

    problems: list[str] = []
    fmt = columns = None
    try:
        fmt = export_format(args.output)
        problems.extend(output_problems(args.project, [(Path(args.output), fmt)], args.force))
    except StoryboardExportError as exc:
        problems.extend(exc.problems)
    if args.columns is not None:
        try:
            columns = parse_column_list(args.columns)
        except StoryboardExportError as exc:
            problems.extend(exc.problems)
    loaded = open_for_command(args.project, problems)
    if loaded is None:
        return EXIT_FAILED
    options = ShotListOptions(
        scenes=args.scenes or "",
        columns=columns,
        order=args.order,
        thumbnails=args.thumbnails,
        as_shot=args.as_shot,
        paper=args.paper,
        font=args.font,
        image_cache_dir=_image_cache_dir(args),
    )
    _check_all(problems, options.check, lambda: chosen_rows(loaded.project, options))

    def export(progress):
        if fmt == "csv":
            from storyboarder.export.shotlist_csv import export_shotlist_csv

            return export_shotlist_csv(loaded.project, args.output, options, progress=progress)
        from storyboarder.export.shotlist_pdf import export_shotlist_pdf

        return export_shotlist_pdf(loaded.project, loaded.folder, args.output, options, progress=progress)

    def describe(result) -> str:
        pages = f"{result.pages} page{'' if result.pages == 1 else 's'}, " if fmt == "pdf" else ""
        return f"wrote {result.path} ({pages}{result.panels} rows, {len(result.warnings)} warnings)"

    return run_export(loaded, problems, export, describe, quiet=args.quiet)


def _check_all(problems: list, *checks) -> None:
    """Run option checks, collecting every problem rather than stopping at the first."""
    from storyboarder.export import StoryboardExportError

    for check in checks:
        try:
            check()
        except StoryboardExportError as exc:
            problems.extend(exc.problems)


def _fail(exc) -> int:
    return errors(exc.problems)


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
    validate.add_argument("--quiet", action="store_true", help="no progress line on a terminal")
    validate.set_defaults(run=_cmd_validate)

    info = commands.add_parser("info", help="print counts of scenes, panels and shots, the running time and the cast")
    info.add_argument("project", metavar="PROJECT", help="project folder or its project.json")
    info.add_argument("--json", action="store_true", help="print the summary as JSON")
    info.set_defaults(run=_cmd_info)

    export = commands.add_parser("export", help="print or export the project: export storyboard|shotlist|callsheet|animatic|edit …")
    exports = export.add_subparsers(dest="export", metavar="WHAT", required=True)
    _add_storyboard_parser(exports)
    _add_shotlist_parser(exports)
    _add_callsheet_parser(exports)
    add_export_parsers(exports)
    add_import_parser(commands)
    add_project_parsers(commands)

    gui = commands.add_parser("gui", help="open the editor (the default with no command)")
    gui.add_argument("project", metavar="PROJECT", nargs="?", help="project folder or its project.json")
    gui.set_defaults(run=_cmd_gui)
    return parser


def _add_storyboard_parser(exports) -> None:
    from storyboarder.export.storyboard_options import DEFAULT_DPI, FIELDS, ORIENTATIONS, PAPER_SIZES, TEXT_POSITIONS

    board = exports.add_parser(
        "storyboard",
        help="write a print-ready storyboard PDF",
        description="Write a print-ready storyboard PDF: panels in a grid with shot numbers, camera and lighting lines and text.",
    )
    board.add_argument("project", metavar="PROJECT", help="project folder or its project.json")
    board.add_argument("-o", "--output", metavar="OUT.pdf", required=True, help="the PDF to write (replaced when complete)")
    board.add_argument("--layout", default="3x2", metavar="COLSxROWS", help="panels per page, for example 1x1, 3x2, 4x4 (default 3x2)")
    # Checked by the options rather than argparse choices, so a bad value is one line, not a usage dump.
    board.add_argument("--paper", default="letter", type=str.lower, metavar="|".join(PAPER_SIZES), help="paper size (default letter)")
    board.add_argument("--orientation", default="landscape", type=str.lower, metavar="|".join(ORIENTATIONS), help="default landscape")
    board.add_argument("--scenes", metavar="LIST", help="scene numbers to print, for example 1,3-5 or 12A (default all)")
    board.add_argument("--panels", metavar="IDS", help="print only these panel ids, comma-separated")
    board.add_argument("--fields", metavar="LIST", help=f"what each panel prints, from {','.join(FIELDS)} (default all)")
    board.add_argument("--text", default="below", type=str.lower, metavar="|".join(TEXT_POSITIONS), help="text below or right of the image (default below)")
    board.add_argument("--title-page", action=argparse.BooleanOptionalAction, default=True, help="start with a title page (default on)")
    board.add_argument("--new-page-per-scene", action=argparse.BooleanOptionalAction, default=False, help="start every scene on a new page")
    board.add_argument("--dpi", type=int, default=DEFAULT_DPI, help=f"image resolution at print size (default {DEFAULT_DPI})")
    board.add_argument("--confidential", metavar="TEXT", help="confidentiality or watermark text for every footer")
    board.add_argument("--font", metavar="FILE.ttf", help="TrueType font for the text (default: found on the system)")
    _add_cache_options(board, "print images")
    add_output_options(board)
    board.set_defaults(run=_cmd_export_storyboard)


def _add_callsheet_parser(exports) -> None:
    sheet = exports.add_parser(
        "callsheet",
        help="write call sheets for shoot days as a PDF",
        description="Write call sheets, one page per shoot day where the day's data allows: times, sun, locations and "
                    "hospital, scenes, cast, background, crew calls, notes, equipment, advance schedule, contacts.",
    )
    sheet.add_argument("project", metavar="PROJECT", help="project folder or its project.json")
    sheet.add_argument("-o", "--output", metavar="OUT.pdf", required=True,
                       help="the PDF to write (replaced when complete); a folder with --all-days")
    sheet.add_argument("--day", action="append", metavar="N|YYYY-MM-DD",
                       help="a day number (2, as in Day 2 of 5), a range (1-3) or a date; repeat or separate with "
                            "commas for several (default every day, in one PDF)")
    sheet.add_argument("--all-days", action="store_true", help="write one PDF per shoot day into the folder given with -o")
    sheet.add_argument("--paper", default="letter", type=str.lower, metavar="letter|a4", help="paper size (default letter)")
    sheet.add_argument("--font", metavar="FILE.ttf", help="TrueType font for the text (default: found on the system)")
    add_output_options(sheet)
    sheet.set_defaults(run=_cmd_export_callsheet)


def _add_shotlist_parser(exports) -> None:
    from storyboarder.export.storyboard_options import PAPER_SIZES
    from storyboarder.model.shot_columns import COLUMN_BY_KEY

    shots = exports.add_parser(
        "shotlist",
        help="write the shot list as CSV or PDF",
        description="Write the shot list, one row per panel grouped by scene, as a CSV for spreadsheets "
        "or a landscape PDF table with scene subtotals. The format follows the output's extension.",
    )
    shots.add_argument("project", metavar="PROJECT", help="project folder or its project.json")
    shots.add_argument("-o", "--output", metavar="OUT.csv|OUT.pdf", required=True, help="the file to write (replaced when complete)")
    shots.add_argument("--scenes", metavar="LIST", help="scene numbers to list, for example 1,3-5 or 12A (default all)")
    shots.add_argument("--columns", metavar="LIST", help=f"columns in order, from {','.join(COLUMN_BY_KEY)}")
    shots.add_argument("--order", default="story", type=str.lower, metavar="story|shoot", help="story order, or the planned shooting order (default story)")
    shots.add_argument("--thumbnails", action="store_true", help="print a frame of each panel (PDF)")
    shots.add_argument("--as-shot", action="store_true", help="add status and cut reason; cut shots print struck through")
    shots.add_argument("--paper", default="letter", type=str.lower, metavar="|".join(PAPER_SIZES), help="paper size, landscape (default letter)")
    shots.add_argument("--font", metavar="FILE.ttf", help="TrueType font for the PDF (default: found on the system)")
    _add_cache_options(shots, "thumbnails")
    add_output_options(shots)
    shots.set_defaults(run=_cmd_export_shotlist)


def _cmd_gui(args: argparse.Namespace) -> int:
    from storyboarder.ui.app import run

    return run(args.project)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _command_parser()
    known = {"new", "clean", "validate", "info", "export", "import", "plan", "gui", "-h", "--help", "--version"}
    if not argv or argv[0] not in known:
        # `storyboarder [PROJECT]` opens the editor, like most desktop apps.
        argv = ["gui", *argv]
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        # Every export and save writes under a hidden name and cleans up on the way out
        # (export.output, export.staging, io.save), so an interrupted command has left nothing.
        print("\ninterrupted: nothing was written", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
