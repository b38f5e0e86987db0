"""The shooting plan as text: which units to plan, and a table of the plan with its resets and clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyboarder.model import Panel, scene_numbers
from storyboarder.model.fields import format_value
from storyboarder.model.call_sheet_warnings import day_too_long_message
from storyboarder.model.clock import parse_time
from storyboarder.model.digits import whole_number
from storyboarder.model.schedule import day_scenes
from storyboarder.model.shooting_order import ShootingPlan, count_resets, format_clock, plan_day, plan_scene
from storyboarder.model.shooting_time import DayLength, day_length

if TYPE_CHECKING:
    from storyboarder.model import Project, ShootDay


class PlanError(ValueError):
    """A scene or shoot day that does not exist, or nothing to plan."""


def choose_units(project: Project, scene: str | None = None, day: str | None = None,
                 progress=lambda done, total: None) -> list[tuple[str, ShootingPlan, ShootDay | None]]:
    """The plans to make: one scene, one day, or every day then every scene on no day.

    Each comes with its name and its shoot day (None for a scene planned on
    its own). A day is named by its number (1 is the first), its date or its
    id; a scene by its printed number. ``progress(done, total)`` counts the
    days, then the scenes, of a whole project's plan.
    """
    numbers = scene_numbers(project)
    if scene is not None:
        wanted = scene.strip().upper()
        found = [s for s in project.scenes if numbers[s.id].strip().upper() == wanted]
        if not found:
            raise PlanError(f"scene: no scene is numbered {scene.strip()!r}")
        return [(f"Scene {numbers[found[0].id]}", plan_scene(project, found[0]), None)]
    if day is not None:
        index = _find_day(project, day)
        shoot_day = project.shoot_days[index]
        if not day_scenes(project, shoot_day):
            raise PlanError(f"day: shoot day {index + 1} has no scenes to plan")
        return [(_day_name(index, shoot_day), plan_day(project, shoot_day), shoot_day)]
    units = []
    on_a_day: set[str] = set()
    total = len(project.shoot_days) + len(project.scenes)
    for index, shoot_day in enumerate(project.shoot_days):
        progress(index, total)
        scenes = day_scenes(project, shoot_day)
        on_a_day.update(s.id for s in scenes)
        if scenes:
            units.append((_day_name(index, shoot_day), plan_day(project, shoot_day), shoot_day))
    for index, s in enumerate(project.scenes):
        if index % 50 == 0:
            progress(len(project.shoot_days) + index, total)
        if s.id not in on_a_day and s.panels:
            units.append((f"Scene {numbers[s.id]}", plan_scene(project, s), None))
    progress(total, total)
    if not units:
        raise PlanError("the project has no panels to plan")
    return units


def _find_day(project: Project, text: str) -> int:
    wanted = text.strip()
    for index, shoot_day in enumerate(project.shoot_days):
        if wanted in (shoot_day.id, shoot_day.date.strip()):
            return index
    count = len(project.shoot_days)
    number = whole_number(wanted, count)
    if number is not None and 1 <= number <= count:
        return number - 1
    have = f"it has days 1 to {count}" if count else "it has no shoot days"
    raise PlanError(f"day: {wanted[:40]!r} is not a shoot day of this project ({have})")


def _day_name(index: int, shoot_day) -> str:
    date = f" ({shoot_day.date.strip()})" if shoot_day.date.strip() else ""
    return f"Day {index + 1}{date}"


def _minutes(value: float) -> str:
    whole = round(value)
    return f"{whole} min" if whole < 60 else f"{whole // 60}h{whole % 60:02d}"


def describe_plan(name: str, plan: ShootingPlan, day: ShootDay | None = None) -> list[str]:
    """Lines of text showing a plan: one per shot on the clock, then resets and time against story order.

    When an order was kept before and differs from the proposal, a line says
    what the kept order takes: that is the estimate the call sheet and the
    shot list print until the proposal is kept.
    """
    lines = [f"{name}: {len(plan.planned)} shots"]
    lines.append(f"  {'#':>3}  {'shot':<8} {'setup':<8} {'lens':>6}  {'light':<8} {'est':>5}  {'start':>6} {'end':>6}  reset")
    for number, entry in enumerate(plan.clock(), start=1):
        panel = entry.shot.first
        lens = format_value(Panel, "camera.lens_mm", panel.camera.lens_mm)
        resets = "+".join(word for word, flag in (("camera", entry.camera_reset), ("lighting", entry.lighting_reset)) if flag)
        estimate = f"{entry.shot.minutes:g}" + ("" if entry.shot.estimated else "*")
        lines.append(
            f"  {number:>3}  {entry.shot.label[:8]:<8} {' '.join(panel.camera.setup.split())[:8]:<8} {lens:>6}  "
            f"{' '.join(panel.lighting.setup.split())[:8]:<8} {estimate:>5}  "
            f"{format_clock(entry.start, plan.start):>6} {format_clock(entry.end, plan.start):>6}  {resets}".rstrip()
        )
    story, planned = plan.story_resets, plan.plan_resets
    lines.append(f"  camera resets:   story order {story.camera}, plan {planned.camera} ({plan.costs.camera_reset:g} min each)")
    lines.append(f"  lighting resets: story order {story.lighting}, plan {planned.lighting} ({plan.costs.lighting_reset:g} min each)")
    end = format_clock(plan.plan_minutes, plan.start)
    finish = f", done at {end}" if plan.start is not None else ""
    wrap = parse_time(day.wrap) if day is not None else None
    if plan.start is not None and wrap is not None:
        fit = DayLength(day_length(day), plan.plan_minutes)
        over = fit.needed - (fit.available or 0.0)
        finish += f" ({'over' if over > 0 else 'before'} the {format_clock(wrap, 0)} wrap by {_minutes(abs(over))})"
    lines.append(f"  time:            story order {_minutes(plan.story_minutes)}, plan {_minutes(plan.plan_minutes)}{finish}")
    if plan.kept and [s.id for s in plan.order] != [s.id for s in plan.planned]:
        kept = count_resets(plan.order)
        lines.append(f"  kept order:      {_minutes(plan.minutes)} with {kept.camera} camera and {kept.lighting} lighting resets "
                     "(what the call sheet and shot list estimate until this plan is kept)")
    if day is not None:
        fit = DayLength(day_length(day), plan.minutes)
        if fit.over > 0:
            lines.append(f"  warning:         {day_too_long_message(day, fit.needed, fit.available)}")
    if any(not shot.estimated for shot in plan.shots):
        lines.append(f"  * not estimated: counted at the project's {plan.costs.shot:g} minutes a shot")
    return lines
