"""The prose of the project file's JSON Schema: what each entity and key means, for people reading the file.

Types, ranges, units and defaults are not written here: ``io.schema`` takes them from the
model's declarations and adds them to these words. ``{version}`` is the format version, ``{max_text}`` the longest text.
"""

from __future__ import annotations

#: By schema definition ("" is the file itself), then by key ("" is the definition as a whole).
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "": {
        "": (
            "The project.json file of a Storyboarder project folder (drawings live next to it in "
            "images/). Only format, version and scenes are required; every other key may be left out and "
            "then takes its default. Unknown keys are allowed at every level and kept when Storyboarder "
            "saves, because newer releases may add keys. Numbers must be finite (no NaN or Infinity) and "
            "within the range each states; integer fields take whole numbers only; text fields hold at "
            "most {max_text} characters. Rules JSON Schema cannot express: ids are non-empty and unique "
            "within their kind (scenes, panels across all scenes, cast, crew, locations, shoot days), and "
            "every reference (scene location_id, panel cast_ids, shoot day location_ids, scene_ids and "
            "key_contact_ids, cast call cast_id, crew call crew_id) is the id of an existing entry of that "
            "kind. Storyboarder repairs what it can when it opens a file, each time with a warning naming "
            "the place: a number outside its range is read as if it were left out, an empty or repeated id "
            "is given a new one and a reference that names nothing is dropped; only a repeated id that "
            "something refers to is refused."
        ),
        "format": "Marks the file as a Storyboarder project; always \"storyboarder\".",
        "version": (
            "Format version of the file, a whole number written without a decimal point. This build of "
            "Storyboarder writes version {version} and reads files up to version {version}; a file with a"
            " higher version comes from a newer Storyboarder and is refused without being changed."
        ),
        "title": "Title of the film or project.",
        "director": "Director's name.",
        "writer": "Screenwriter's name, as the screenplay's title page gives it.",
        "production": "Production company or production name.",
        "aspect_ratio": (
            "Frame aspect ratio as width divided by height, for example 1.7778 for 16:9 or 2.39 for "
            "scope."
        ),
        "fps": "Project frame rate in frames per second, used for timing and the animatic.",
        "skip_letters": (
            "Letters that automatic shot numbering skips (12A, 12B, ...) because on a slate they read "
            "like digits."
        ),
        "camera_reset_minutes": (
            "Minutes one camera reset costs (moving the camera to a new setup or lens), used by the "
            "shooting-order planner's clock. Crews reckon 20 to 60 minutes."
        ),
        "lighting_reset_minutes": (
            "Minutes one lighting reset costs (relighting for a new lighting setup), used by the "
            "shooting-order planner's clock."
        ),
        "default_shot_minutes": "Minutes the planner's clock allows for a shot none of whose panels has est_minutes.",
        "scenes": "The scenes of the script, in story order. Required, may be empty.",
        "cast": "The cast: actors and the characters they play.",
        "crew": "The crew.",
        "locations": "The places the production shoots.",
        "shoot_days": "The shooting schedule, one entry per shoot day.",
    },
    "camera": {
        "": "How the shot is photographed. Every key is optional.",
        "shot_size": "Shot size, for example WS, MS, MCU, CU or ECU.",
        "angle": "Camera angle, for example eye level, low, high, overhead or Dutch.",
        "movement": "Camera movement, for example static, pan left, tilt up, dolly in, handheld.",
        "lens_mm": "Focal length of the lens in millimetres, for example 35. null when not decided.",
        "camera": "Which camera body or unit shoots it, for example A or B.",
        "rig": "What the camera is mounted on, for example sticks, dolly, Steadicam, gimbal, crane.",
        "frame_rate": (
            "Frame rate for this shot in frames per second, for example 48 for slow motion. null means "
            "the project frame rate (fps)."
        ),
        "setup": "Camera setup name or number, so shots sharing a setup can be grouped on the day.",
    },
    "lighting": {
        "": "How the shot is lit. Every key is optional.",
        "setup": "Lighting setup name or number, for example L1.",
        "style": "Overall look, for example high key, low key, naturalistic.",
        "key": "The key light: fixture, position, modifier.",
        "fill": "The fill light, or how fill is handled (bounce, negative fill).",
        "back": "The back light or rim light.",
        "practicals": "Practical lights visible in frame: lamps, neon, candles, screens.",
        "color_temp_k": (
            "Colour temperature in kelvin as a whole number, for example 3200 (tungsten) or 5600 "
            "(daylight). null when not decided."
        ),
        "notes": "Anything else the gaffer or DP needs to know.",
    },
    "panel": {
        "": "One storyboard frame: a drawing or image plus what the crew needs to shoot it.",
        "id": (
            "Identifier of the panel: non-empty text, unique among all panels of the project (across "
            "every scene). If left out, Storyboarder makes a new one when it opens the file."
        ),
        "shot": (
            "Shot number written by hand, for example 12A; it replaces the automatic number for the shot "
            "this panel starts. Empty means numbered automatically."
        ),
        "new_shot": (
            "true if this panel starts a new shot; false if it continues the shot of the panel before it "
            "(the first panel of a scene always starts a shot)."
        ),
        "image": (
            "Path of the panel's drawing relative to the project folder, normally images/<name>.png. null"
            " means the panel has no image yet. Absolute paths and paths with .. are never opened."
        ),
        "duration_ms": (
            "How long the panel stays on screen in the animatic, in milliseconds (whole number); 2000 is "
            "two seconds."
        ),
        "action": "What happens in the frame: action and blocking.",
        "dialogue": "Dialogue spoken over this panel, usually the character name then the line.",
        "notes": "Notes for the crew about this panel.",
        "sound": "Sound effects, music or other sound cues.",
        "transition": "Transition into the next panel or shot, for example CUT, DISSOLVE, SMASH CUT.",
        "camera": "How the shot is photographed. Missing keys take their defaults.",
        "lighting": "How the shot is lit. Missing keys take their defaults.",
        "cast_ids": (
            "Ids of the cast members (from the top-level cast list) who appear in this panel. Each must "
            "be the id of a cast member in the project."
        ),
        "est_minutes": "Estimated shooting time for this panel, in minutes, for scheduling. null when not estimated.",
        "layers": (
            "Drawing layers by name (reference, sketch, ink, notes), each the path of a PNG under images/"
            " relative to the project folder. The panel's image is their flattened composite."
        ),
        "layer_opacity": "Opacity from 0 to 1 of layers that are not fully opaque, such as the reference image.",
        "status": (
            "On-set status of the shot this panel belongs to: \"\" (not shot yet), \"shot\", or \"cut\" (then "
            "cut_reason says why). Other text is kept and shown as written."
        ),
        "cut_reason": "Why the shot was cut, when status is \"cut\"; printed on an \"as shot\" shot list.",
        "shoot_order": (
            "Position of the panel's shot in the planned shooting order (1 is shot first), shown as the "
            "shot list's \"shoot #\". Numbered across the shoot day that was planned (its scene_ids), or "
            "across the scene when a scene was planned on its own; panels of one shot share the number. "
            "Story order is never changed by a plan. null when not planned."
        ),
    },
    "scene": {
        "": "A scene of the script: its heading and the panels that board it, in story order.",
        "id": (
            "Identifier of the scene: non-empty text, unique among the scenes of the project. Shoot days "
            "refer to scenes by this id. If left out, Storyboarder makes a new one when it opens the "
            "file."
        ),
        "number": (
            "Locked scene number, for example 12 or 12A, once the script is locked. null means the scene "
            "is numbered automatically in story order."
        ),
        "heading": "The scene heading (slugline), for example EXT. NIGHT MARKET - NIGHT.",
        "int_ext": "Interior or exterior: INT, EXT or INT/EXT.",
        "location_id": (
            "Id of the location (from the top-level locations list) where the scene is shot; it must be "
            "the id of a location in the project. null when no location is set."
        ),
        "time_of_day": "Time of day of the scene, for example DAY, NIGHT, DAWN, DUSK.",
        "description": "Short description or synopsis of the scene.",
        "notes": "Notes for the crew about the scene.",
        "panels": "The storyboard panels of the scene, in story order.",
        "pages_eighths": (
            "Length of the scene in the script, in eighths of a page, as a whole number: 19 means 2 3/8 "
            "pages, 3 means 3/8. Call sheets print and total it. null when not counted."
        ),
    },
    "cast_member": {
        "": "An actor and the character they play.",
        "id": (
            "Identifier of the cast member: non-empty text, unique among the cast. Panels and cast calls "
            "refer to cast members by this id. If left out, Storyboarder makes a new one when it opens "
            "the file."
        ),
        "actor": "The actor's name.",
        "character": "The character the actor plays, as written in the script.",
        "phone": "The actor's phone number.",
        "email": "The actor's email address.",
        "notes": "Notes about the cast member, for example availability or agent.",
        "number": (
            "The cast number printed on call sheets (1, 2, 3 ...). It is given once and kept when the "
            "cast is reordered or a member is removed, so a number is never reused by someone else. null "
            "until a number is given; Storyboarder then numbers the member after the highest number in "
            "use."
        ),
    },
    "crew_member": {
        "": "A member of the crew.",
        "id": (
            "Identifier of the crew member: non-empty text, unique among the crew. Crew calls refer to "
            "crew members by this id. If left out, Storyboarder makes a new one when it opens the file."
        ),
        "name": "The crew member's name.",
        "department": "Department, for example Camera, Grip, Electric, Sound, Art.",
        "role": "Job on the production, for example 1st AC, Gaffer, Boom Operator.",
        "phone": "Phone number.",
        "email": "Email address.",
    },
    "location": {
        "": "A place the production shoots, with what the call sheet needs about it.",
        "id": (
            "Identifier of the location: non-empty text, unique among the locations. Scenes and shoot "
            "days refer to locations by this id. If left out, Storyboarder makes a new one when it opens "
            "the file."
        ),
        "name": "Name of the location as the crew knows it.",
        "address": "Street address.",
        "latitude": "Latitude in decimal degrees (WGS 84), north positive. null when not known.",
        "longitude": "Longitude in decimal degrees (WGS 84), east positive. null when not known.",
        "parking": "Where crew and trucks park.",
        "nearest_hospital": (
            "The nearest hospital with an emergency department: its name, address and phone number, one "
            "per line."
        ),
        "contact": "Location contact on the day: name and phone.",
        "notes": "Anything else about the location: access, power, restrictions.",
        "time_zone": (
            "IANA time zone of the location, for example Europe/Tallinn or America/Los_Angeles, used for "
            "sun times. Empty means derived from latitude and longitude."
        ),
    },
    "shoot_day": {
        "": (
            "One day of principal photography: times, places, scenes and calls. Times are \"HH:MM\" "
            "(24-hour clock)."
        ),
        "id": (
            "Identifier of the shoot day: non-empty text, unique among the shoot days. If left out, "
            "Storyboarder makes a new one when it opens the file."
        ),
        "date": "Date of the shoot day, ISO 8601 (YYYY-MM-DD), for example 2025-03-14.",
        "crew_call": "General crew call time, \"HH:MM\".",
        "shooting_call": "Time the first shot is expected to roll, \"HH:MM\".",
        "lunch": "Lunch time, \"HH:MM\".",
        "wrap": "Estimated wrap time, \"HH:MM\".",
        "location_ids": (
            "Ids of the locations used on the day (from the top-level locations list). Each must be the "
            "id of a location in the project."
        ),
        "scene_ids": (
            "Ids of the scenes shot on the day, in shooting order. Each must be the id of a scene in the "
            "project."
        ),
        "cast_calls": "Call times for the cast members working on the day.",
        "crew_calls": (
            "Call times for crew members whose call differs from their department's call (or from the "
            "general crew call)."
        ),
        "weather": "Weather forecast for the day, as typed; sun times are computed from the location.",
        "notes": "General notes for the call sheet.",
        "safety": "Safety notes for the day: stunts, water, weapons, weather hazards.",
        "breakfast": "Breakfast time, \"HH:MM\".",
        "department_calls": (
            "Call times of whole departments on the day; a crew member's own crew call overrides their "
            "department's, and a department without one is called at the general crew call."
        ),
        "background": "Background performers (extras) called on the day, one entry per kind.",
        "instructions": "Special instructions to each department for the day. Missing keys take their defaults.",
        "walkie_channels": "Walkie-talkie channels, one per line, for example \"Ch 1  Production\".",
        "key_contact_ids": (
            "Ids of the crew members (from the top-level crew list) printed as the day's key contacts, in"
            " order. Each must be the id of a crew member in the project. Empty means the production, "
            "direction and locations crew who have a phone number."
        ),
        "closed_set": (
            "true if the set is closed to everyone not needed for the scene; the call sheet says so in "
            "its header."
        ),
        "revision_color": "Colour of the current script revision, for example White, Blue or Pink.",
    },
    "cast_call": {
        "": "When one cast member is called on a shoot day. Times are \"HH:MM\" (24-hour clock).",
        "cast_id": (
            "Id of the cast member called (from the top-level cast list); it must be the id of a cast "
            "member in the project."
        ),
        "pickup": "Pickup time, \"HH:MM\".",
        "makeup": "Time in hair and makeup, \"HH:MM\".",
        "on_set": "Time on set, \"HH:MM\".",
        "status": (
            "Work status on the day: SW (start work), W (work), WF (work finish), SWF (start, work and "
            "finish), H (hold), T (travel), R (rehearsal), WD (work drop) or D (drop). Empty means "
            "derived from the schedule."
        ),
        "remarks": (
            "Remarks printed on the call sheet for this cast member, for example \"stunt double: Jess "
            "Varga\" or \"fitting at 14:00\"."
        ),
    },
    "crew_call": {
        "": "When one crew member is called on a shoot day, overriding the call of their department.",
        "crew_id": (
            "Id of the crew member called (from the top-level crew list); it must be the id of a crew "
            "member in the project."
        ),
        "call": "Call time for this crew member, \"HH:MM\" (24-hour clock).",
    },
    "department_call": {
        "": "The call time of a whole department on a shoot day.",
        "department": (
            "The department called, for example Camera or Grip & Electric; it matches crew members' "
            "departments, with common spellings (Grip, Electric, G&E) taken as the standard department."
        ),
        "call": "Call time for the department, \"HH:MM\" (24-hour clock).",
    },
    "background_call": {
        "": "Background performers (extras) of one kind called on a shoot day.",
        "count": "How many background performers of this kind, a whole number. null when not known.",
        "description": "What kind of background, for example \"market shoppers with umbrellas\".",
        "report": "Time they report, \"HH:MM\".",
        "report_place": "Where they report, for example \"holding tent, Pier 3 lot\".",
        "notes": "Anything else: wardrobe, props, who looks after them.",
    },
    "special_instructions": {
        "": "A shoot day's notes to each department. Every key is optional.",
        "camera": "Notes for the camera department on the day.",
        "grip_electric": "Notes for grip and electric on the day.",
        "art": "Notes for the art department on the day.",
        "props": "Notes for props on the day.",
        "wardrobe": "Notes for wardrobe on the day.",
        "hair_makeup": "Notes for hair and makeup on the day.",
        "vehicles": "Notes for vehicles and picture cars on the day.",
        "sfx": "Notes for special effects on the day.",
        "stunts": "Notes for stunts on the day.",
        "animals": "Notes for animals and their handlers on the day.",
        "minors": "Notes for minors: chaperones, tutors, working hours on the day.",
    },
}
