"""The commands that change a project on disk: ``plan --write`` and ``clean``.

Each takes the project's lock first (or, for a look that changes nothing, only reads who holds it),
so that nothing is written under an editor that has the project open.
"""

from __future__ import annotations

import argparse

from storyboarder.cli_report import EXIT_FAILED, EXIT_OK, TerminalProgress, errors, open_for_command, say


def _open_elsewhere(project_file, holder, instead: str) -> str:
    """The refusal when an editor holds the project: who holds it, and what to do instead."""
    return (f"{project_file}: the project is open in Storyboarder ({holder.user}@{holder.host}, "
            f"process {holder.pid}); close it there, or {instead}")


def add_project_parsers(commands) -> None:
    """Add ``plan`` and ``clean`` to the command parser."""
    plan = commands.add_parser(
        "plan",
        help="plan the shooting order of a scene or a shoot day; print resets and the day's clock",
        description="Order shots so that shared camera setups (and lenses), then lighting setups, are shot together. "
        "Story order is never changed; --write keeps the plan as each panel's shoot number.",
    )
    plan.add_argument("project", metavar="PROJECT", help="project folder or its project.json")
    unit = plan.add_mutually_exclusive_group()
    unit.add_argument("--scene", metavar="N", help="plan one scene, by its number (for example 3 or 12A)")
    unit.add_argument("--day", metavar="N", help="plan one shoot day: its number (1 is the first), date or id")
    plan.add_argument("--write", action="store_true", help="save the plan as the panels' shoot numbers")
    plan.add_argument("--quiet", action="store_true", help="no progress line on a terminal")
    plan.set_defaults(run=_cmd_plan)

    clean = commands.add_parser(
        "clean",
        help="move the images nothing uses any more to the trash",
        description="List the files in images/ that neither project.json, project.json.bak nor the recovery copy "
        "names, and move them to the system trash (or removed-images/ where there is none).",
    )
    clean.add_argument("project", metavar="PROJECT", help="project folder or its project.json")
    clean.add_argument("--dry-run", action="store_true", help="only list them and their size")
    clean.set_defaults(run=_cmd_clean)


def _cmd_plan(args: argparse.Namespace) -> int:
    loaded = open_for_command(args.project)
    if loaded is None:
        return EXIT_FAILED
    from storyboarder.export.plan_text import PlanError, choose_units, describe_plan

    project = loaded.project
    meter = TerminalProgress("planning", quiet=args.quiet)
    try:
        units = choose_units(project, scene=args.scene, day=args.day, progress=meter)
    except PlanError as exc:
        return errors([exc])
    finally:
        meter.finish()
    for index, (name, plan, day) in enumerate(units):
        if index:
            say()
        for line in describe_plan(name, plan, day):
            say(line)
    if not args.write:
        return EXIT_OK
    from storyboarder.io import ProjectError, save_project
    from storyboarder.io.recovery import acquire_lock, release_lock
    from storyboarder.model.shooting_order import apply_shoot_order

    holder = acquire_lock(loaded.folder)
    if holder is not None:
        return errors([_open_elsewhere(loaded.file, holder, "plan from the editor")])
    try:
        for _name, plan, _day in units:
            apply_shoot_order(project, plan.planned)
        # Someone may have saved the project since it was read: their change is not overwritten.
        save_project(project, loaded.file, expected=loaded.fingerprint)
    except ProjectError as exc:
        return errors(exc.problems)
    finally:
        release_lock(loaded.folder)
    say(f"saved the shoot order in {loaded.file}")
    return EXIT_OK


def _cmd_clean(args: argparse.Namespace) -> int:
    from storyboarder.io import ProjectError, project_paths
    from storyboarder.io.clean_up import format_size, move_unused_images, plan_clean_up
    from storyboarder.io.recovery import acquire_lock, live_holder, release_lock

    folder, project_file = project_paths(args.project)
    if not project_file.is_file():
        return errors([f"{project_file}: no such project file"])
    # The editor's undo history may still need images no file names: never clean under an open editor.
    # A dry run only looks, so it does not take the lock (and leaves even a junk lock file alone).
    holder = live_holder(folder) if args.dry_run else acquire_lock(folder)
    if holder is not None:
        return errors([_open_elsewhere(project_file, holder, "use File › Clean Up Images… in that window")])
    try:
        plan = plan_clean_up(folder)
        for image in plan.images:
            say(f"{image.relative}  {format_size(image.size)}")
        count = f"{len(plan.images)} unused image{'' if len(plan.images) == 1 else 's'} ({format_size(plan.total_bytes)})"
        if args.dry_run or not plan.images:
            say(f"{count} would go to the trash; nothing was changed" if plan.images else "no unused images")
            return EXIT_OK
        result = move_unused_images(plan)
    except ProjectError as exc:
        return errors(exc.problems)
    finally:
        if not args.dry_run:
            release_lock(folder)
    if result.trashed:
        say(f"moved {len(result.trashed)} of {count} to the trash")
    if result.moved:
        say(f"moved {len(result.moved)} of {count} into {folder / 'removed-images'} (no trash here)")
    return errors(result.problems) if result.problems else EXIT_OK
