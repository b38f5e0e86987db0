"""The Storyboarder domain model: projects, scenes, panels and production data.

Plain Python with no Qt import; every rule about numbering and timing lives here.
"""

from __future__ import annotations

from .entities import (
    DEFAULT_ASPECT_RATIO,
    DEFAULT_DURATION_MS,
    DEFAULT_FPS,
    DEFAULT_SKIP_LETTERS,
    BackgroundCall,
    CameraSpec,
    CastCall,
    CastMember,
    CrewCall,
    CrewMember,
    DepartmentCall,
    LightingSpec,
    Location,
    Panel,
    Project,
    Scene,
    ShootDay,
    SpecialInstructions,
    new_id,
)
from .summaries import camera_line, card_line, first_line, frame_speech, lighting_line, scene_title, stand_in_text
from .numbering import (
    format_duration,
    scene_duration_ms,
    scene_numbers,
    shot_letters,
    total_duration_ms,
)
from .shots import ShotId, ShotLabel, scene_shot_labels, shot_count, shot_labels

__all__ = [
    "DEFAULT_ASPECT_RATIO",
    "DEFAULT_DURATION_MS",
    "DEFAULT_FPS",
    "DEFAULT_SKIP_LETTERS",
    "BackgroundCall",
    "CameraSpec",
    "CastCall",
    "CastMember",
    "CrewCall",
    "CrewMember",
    "DepartmentCall",
    "LightingSpec",
    "Location",
    "Panel",
    "Project",
    "Scene",
    "ShootDay",
    "ShotId",
    "ShotLabel",
    "SpecialInstructions",
    "camera_line",
    "card_line",
    "first_line",
    "frame_speech",
    "lighting_line",
    "scene_title",
    "stand_in_text",
    "format_duration",
    "new_id",
    "scene_duration_ms",
    "scene_numbers",
    "scene_shot_labels",
    "shot_count",
    "shot_labels",
    "shot_letters",
    "total_duration_ms",
]
