"""Projects the shot list tests share: a small rich one, and a stress one with long and non-Latin text."""

from __future__ import annotations

from storyboarder.model import CameraSpec, CastMember, LightingSpec, Location, Panel, Project, Scene


def rich_project() -> Project:
    """Two scenes at two places, a two-panel shot, cast with non-Latin names, setups and statuses."""
    cast = [
        CastMember(id="c-mara", actor="Ana Lima", character="MARA"),
        CastMember(id="c-zhen", actor="林小真", character="ЖЕНЯ"),
    ]
    places = [Location(id="l-market", name="Night market"), Location(id="l-van", name="Van")]
    s1 = Scene(id="s1", heading="EXT. MARKET - NIGHT", int_ext="EXT", location_id="l-market", time_of_day="NIGHT")
    s2 = Scene(id="s2", heading="INT. VAN - NIGHT", int_ext="INT", location_id="l-van", time_of_day="NIGHT")
    s1.panels = [
        Panel(id="a", action="Wide on the market", duration_ms=3000, est_minutes=40.0,
              camera=CameraSpec(shot_size="WS", angle="high", movement="crane", lens_mm=18.0, camera="A", rig="jib", setup="1"),
              lighting=LightingSpec(setup="L1", style="low key"), cast_ids=["c-mara"], status="shot"),
        Panel(id="b", action="Mara runs", duration_ms=1500, camera=CameraSpec(shot_size="MCU", lens_mm=50.0, setup="2"),
              lighting=LightingSpec(setup="L1"), cast_ids=["c-mara", "c-zhen"]),
        Panel(id="b2", new_shot=False, action="…and stops", duration_ms=1000, est_minutes=5.0),
        Panel(id="c", dialogue="ЖЕНЯ\nСтой!", notes="=HYPERLINK(\"x\")", camera=CameraSpec(setup="1", lens_mm=18.0),
              cast_ids=["c-zhen"], status="cut", cut_reason="covered in 1A"),
    ]
    s2.panels = [Panel(id="d", action="Inside the van <b>&amp;</b>", duration_ms=2500, camera=CameraSpec(shot_size="CU", lens_mm=85.0))]
    return Project(title="Rich", scenes=[s1, s2], cast=cast, locations=places)


#: A word long enough that no column holds it on one line.
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"


def stress_project(scenes: int = 3, panels: int = 14) -> Project:
    """Many rows with long, multi-line, non-Latin and markup-like text, each marked at its start and end.

    Row ``n``'s action begins ``row{n}start`` and ends ``row{n}end``, so a
    test can see that a row's text never continues on the next page.
    """
    cast = [
        CastMember(id="c1", actor="Jérôme Ñúñez", character="ΑΛΈΞΑΝΔΡΟΣ"),
        CastMember(id="c2", actor="王小明", character="МАША"),
        CastMember(id="c3", actor="A & B <Co>", character="THE <MAN> & CO"),
    ]
    places = [Location(id="l1", name="Ночной рынок"), Location(id="l2", name="東京の夜市 & <roof>")]
    built = []
    row = 0
    for s in range(scenes):
        scene = Scene(
            id=f"s{s}",
            heading=f"EXT. ПЛОЩАДЬ {s} — A VERY LONG HEADING THAT GOES ON AND ON ACROSS THE WHOLE PAGE {LONG_WORD}",
            int_ext="EXT",
            location_id=f"l{s % 2 + 1}",
            time_of_day="NIGHT",
        )
        for p in range(panels):
            words = " ".join(["Съешь же ещё этих мягких французских булок, да выпей чаю."] * (1 + (row * 7) % 9))
            scene.panels.append(
                Panel(
                    id=f"p{row}",
                    new_shot=p % 5 != 4,
                    action=f"row{row}start {words} 東京の夜市 <b>bold?</b> & {LONG_WORD if p % 3 == 0 else ''} row{row}end",
                    dialogue="МАША\n(тихо) Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.\nTHE <MAN> & CO: <i>No</i> &amp; yes." if p % 2 else "",
                    notes="\n".join(["Line one of the notes.", "<font size=40>big</font> &lt;", "Café crème"] * (p % 4)),
                    duration_ms=1000 + 250 * p,
                    est_minutes=None if p % 3 else 20.0 + p,
                    camera=CameraSpec(shot_size=["ECU", "MCU", "WS", "establishing"][p % 4], angle="worm's-eye", movement="dolly zoom",
                                      lens_mm=[18.0, 35.0, 135.0][p % 3], camera="A", rig="Steadicam", setup=str(p % 4)),
                    lighting=LightingSpec(setup=f"L{p % 2}", style="neon/practical"),
                    cast_ids=["c1", "c2", "c3"][: 1 + p % 3],
                    status=["", "shot", "cut"][p % 3],
                    cut_reason="Covered by the wide; the rain machine failed" if p % 3 == 2 else "",
                )
            )
            row += 1
        built.append(scene)
    return Project(title="Стресс & <Test> 東京", director="Zoë", scenes=built, cast=cast, locations=places)
