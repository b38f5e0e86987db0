"""Command-line parts for script to screen: ``import fountain``, ``export animatic`` and ``export edit``.

Headless: nothing here imports Qt.
"""

from __future__ import annotations

import argparse

from storyboarder.cli_report import EXIT_FAILED, EXIT_OK, errors, open_for_command, run_export, say, warn
from storyboarder.cli_report import add_output_options, output_problems


def add_import_parser(commands) -> None:
    """Add ``import fountain SCRIPT -o PROJECT_DIR``."""
    from storyboarder.io.script_import import PANEL_MODES

    importer = commands.add_parser("import", help="make a project from a screenplay: import fountain …")
    kinds = importer.add_subparsers(dest="import_kind", metavar="WHAT", required=True)
    fountain = kinds.add_parser(
        "fountain",
        help="make a project from a Fountain screenplay",
        description="Make a project from a Fountain screenplay: its scenes, cast, locations and title page.",
    )
    fountain.add_argument("script", metavar="SCRIPT.fountain", help="the screenplay to read")
    fountain.add_argument("-o", "--output", metavar="PROJECT_DIR", required=True, help="the project folder to create")
    fountain.add_argument(
        "--panels",
        default="scene",
        type=str.lower,
        metavar="|".join(PANEL_MODES),
        help="one panel per scene, or one per action paragraph and dialogue block (default scene)",
    )
    fountain.add_argument("--keep-notes", action="store_true", help="keep [[notes]] as panel and scene notes")
    fountain.set_defaults(run=_cmd_import_fountain)


def _cmd_import_fountain(args: argparse.Namespace) -> int:
    from storyboarder.io import ProjectError, new_project_folder
    from storyboarder.io.script_import import PANEL_MODES, ImportOptions, import_fountain

    if args.panels not in PANEL_MODES:
        return errors([f"panels: {args.panels!r} is not one of {', '.join(PANEL_MODES)}"])
    try:
        project, plan = import_fountain(args.script, ImportOptions(panels=args.panels, keep_notes=args.keep_notes))
        # A new project folder refuses an existing project, and a failed save removes the folders it made.
        project_file = new_project_folder(args.output, project=project)
    except ProjectError as exc:
        return errors(exc.problems)
    warn(plan.warnings)
    say(
        f"created {project_file} ({len(project.scenes)} scenes, {plan.panel_count} panels, "
        f"{len(project.cast)} cast, {len(project.locations)} locations, {len(plan.warnings)} warnings)"
    )
    return EXIT_OK


def add_export_parsers(exports) -> None:
    """Add ``export animatic`` and ``export edit``."""
    from storyboarder.export.animatic import SEQUENCES

    animatic = exports.add_parser(
        "animatic",
        help="write the boards at their durations as an animated GIF or a PNG sequence",
        description="Write an animatic: OUT.gif, or a PNG image sequence in OUT_DIR/ (one file per frame at the project's fps).",
    )
    animatic.add_argument("project", metavar="PROJECT", help="project folder or its project.json")
    animatic.add_argument("-o", "--output", metavar="OUT.gif|OUT_DIR/", required=True, help="a .gif file, or a folder for PNGs")
    animatic.add_argument("--width", type=int, default=960, help="frame width in pixels (default 960)")
    animatic.add_argument("--scenes", metavar="LIST", help="scene numbers, for example 1,3-5 or 12A (default all)")
    animatic.add_argument("--captions", action=argparse.BooleanOptionalAction, default=True, help="burn in shot numbers and dialogue (default on)")
    animatic.add_argument("--sequence", default="frames", type=str.lower, metavar="|".join(SEQUENCES), help="PNG sequence: one file per frame (default) or per panel")
    animatic.add_argument("--font", metavar="FILE.ttf", help="TrueType font for captions (default: found on the system)")
    add_output_options(animatic)
    animatic.set_defaults(run=_cmd_export_animatic)

    edit = exports.add_parser(
        "edit",
        help="write the boards as a timeline of stills for an editor (.xml, .fcpxml, .edl, .otio)",
        description="Write a timeline of the panels as stills at the project's fps, starting at 01:00:00:00, "
        "with the stills in OUT_media/ beside it. .xml is FCP 7 XML (Premiere, Resolve), .fcpxml is Final Cut Pro X, "
        ".edl is CMX 3600, .otio is OpenTimelineIO.",
    )
    edit.add_argument("project", metavar="PROJECT", help="project folder or its project.json")
    edit.add_argument("-o", "--output", metavar="OUT.xml|OUT.fcpxml|OUT.edl|OUT.otio", required=True, help="the timeline to write")
    edit.add_argument("--width", type=int, default=1920, help="width of the stills in pixels (default 1920)")
    edit.add_argument("--scenes", metavar="LIST", help="scene numbers, for example 1,3-5 or 12A (default all)")
    edit.add_argument("--captions", action=argparse.BooleanOptionalAction, default=False, help="burn shot numbers and dialogue into the stills")
    edit.add_argument("--font", metavar="FILE.ttf", help="TrueType font for captions (default: found on the system)")
    add_output_options(edit)
    edit.set_defaults(run=_cmd_export_edit)


def _cmd_export_animatic(args: argparse.Namespace) -> int:
    from storyboarder.export.animatic import AnimaticOptions, animatic_outputs, export_animatic
    from storyboarder.export.storyboard_options import StoryboardExportError

    try:
        problems = output_problems(args.project, animatic_outputs(args.output), args.force)
    except StoryboardExportError as exc:
        problems = list(exc.problems)
    loaded = open_for_command(args.project, problems)
    if loaded is None:
        return EXIT_FAILED
    options = AnimaticOptions(
        width=args.width, scenes=args.scenes or "", captions=args.captions, sequence=args.sequence, font=args.font
    )

    def describe(result) -> str:
        frames = "PNG files" if result.kind == "png" else "frames"
        return (f"wrote {result.path} ({result.panels} panels, {result.frames} {frames}, "
                f"{result.duration_ms / 1000:.2f} s, {len(result.warnings)} warnings)")

    return run_export(
        loaded, problems,
        lambda progress: export_animatic(loaded.project, loaded.folder, args.output, options, progress=progress),
        describe, quiet=args.quiet,
    )


def _cmd_export_edit(args: argparse.Namespace) -> int:
    from storyboarder.export.editorial import (
        EditOptions,
        edit_outputs,
        export_edit,
        rate_text,
    )

    problems = output_problems(args.project, edit_outputs(args.output), args.force)
    loaded = open_for_command(args.project, problems)
    if loaded is None:
        return EXIT_FAILED
    options = EditOptions(scenes=args.scenes or "", width=args.width, captions=args.captions, font=args.font)
    return run_export(
        loaded, problems,
        lambda progress: export_edit(loaded.project, loaded.folder, args.output, options, progress=progress),
        lambda r: (f"wrote {r.path} ({r.clips} clips, {r.frames} frames at {rate_text(r.rate)} fps, "
                   f"stills in {r.media}, {len(r.warnings)} warnings)"),
        quiet=args.quiet,
    )
