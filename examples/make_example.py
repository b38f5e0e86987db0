"""Build the bundled example project, ``examples/night-market``.

"Night Market" is a four-scene sequence: a courier chases a stolen bag
through a rainy night market, across a noodle stall and over the rooftops,
and ends up back in her partner's van. Every panel is a line-art sketch drawn
here with Pillow, and the production data (cast, crew, locations and two
shoot days, down to page counts, background and walkie channels) is filled in
the way a crew would, so that the example exercises every part of the model
and prints a call sheet that looks like a real one.

Run ``python examples/make_example.py``; it replaces ``examples/night-market``.
Ids are written by hand and all randomness is seeded, so running it twice
gives byte-identical files.
"""

from __future__ import annotations

import io
import math
import random
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from storyboarder.io import save_project
from storyboarder.model import (
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
)

OUT = Path(__file__).resolve().parent / "night-market"

# Frame size in drawing units; panels are drawn SS times larger and scaled down.
W, H = 1920, 1080
SS = 2
SAVE_SIZE = (1920, 1080)

PAPER = (250, 248, 242)
TONE = (214, 213, 210)
SHADE = (160, 160, 162)
DARK = (92, 92, 98)
INK = (34, 34, 38)
ACCENT = (212, 52, 48)


# --------------------------------------------------------------------------
# Drawing surface
# --------------------------------------------------------------------------


class Sketch:
    """A supersampled drawing surface addressed in 1920x1080 frame units."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.image = Image.new("RGB", (W * SS, H * SS), PAPER)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _xy(points):
        return [(x * SS, y * SS) for x, y in points]

    @staticmethod
    def _w(width):
        return max(1, round(width * SS))

    def line(self, points, width=4.0, fill=INK):
        """Draw a polyline with rounded joints."""
        self.draw.line(self._xy(points), fill=fill, width=self._w(width), joint="curve")

    def limb(self, points, width, fill=INK, outline=None):
        """Draw a thick rounded stroke; with ``outline`` it is drawn hollow, inked at the edge."""
        if outline is not None:
            self.limb(points, width, fill=outline)
            width -= 2 * max(2.0, width * 0.12)
        self.line(points, width, fill)
        for x, y in points:
            self.ellipse(x, y, width / 2, width / 2, fill=fill, outline=None)

    def poly(self, points, fill=None, outline=INK, width=4.0):
        """Draw a polygon, filled and/or outlined."""
        self.draw.polygon(self._xy(points), fill=fill, outline=outline, width=self._w(width) if outline else 0)

    def ellipse(self, cx, cy, rx, ry, fill=None, outline=INK, width=4.0):
        """Draw an ellipse by its centre and radii."""
        box = [(cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS]
        self.draw.ellipse(box, fill=fill, outline=outline, width=self._w(width) if outline else 0)

    def chord(self, cx, cy, rx, ry, start, end, fill=None, outline=INK, width=4.0):
        """Draw the chord of an ellipse between two angles (degrees, clockwise from 3 o'clock)."""
        box = [(cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS]
        self.draw.chord(box, start, end, fill=fill, outline=outline, width=self._w(width) if outline else 0)

    def arc(self, cx, cy, rx, ry, start, end, width=4.0, fill=INK):
        """Draw an open arc of an ellipse."""
        box = [(cx - rx) * SS, (cy - ry) * SS, (cx + rx) * SS, (cy + ry) * SS]
        self.draw.arc(box, start, end, fill=fill, width=self._w(width))

    def rect(self, x0, y0, x1, y1, fill=None, outline=INK, width=4.0):
        """Draw an axis-aligned rectangle."""
        self.poly([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], fill, outline, width)

    def text(self, x, y, text, size=40, fill=INK, anchor="la", boxed=False):
        """Write a short label, optionally on a paper box so it reads over line work."""
        font = ImageFont.load_default(size=size * SS)
        if boxed:
            x0, y0, x1, y1 = self.draw.textbbox((x * SS, y * SS), text, font=font, anchor=anchor)
            pad = 10 * SS
            self.draw.rectangle([x0 - pad, y0 - pad, x1 + pad, y1 + pad], fill=PAPER)
        self.draw.text((x * SS, y * SS), text, font=font, fill=fill, anchor=anchor)

    def finish(self, dutch: float = 0.0) -> bytes:
        """Tilt (for a Dutch angle), scale down, frame and encode the sketch as a small PNG."""
        image = self.image
        if dutch:
            image = image.rotate(dutch, resample=Image.Resampling.BICUBIC, fillcolor=PAPER)
            a = math.radians(abs(dutch))
            zoom = math.cos(a) + (W / H) * math.sin(a)
            cw, ch = W * SS / zoom, H * SS / zoom
            left, top = (W * SS - cw) / 2, (H * SS - ch) / 2
            image = image.crop((round(left), round(top), round(left + cw), round(top + ch)))
        image = image.resize(SAVE_SIZE, Image.Resampling.LANCZOS)
        ImageDraw.Draw(image).rectangle([0, 0, SAVE_SIZE[0] - 1, SAVE_SIZE[1] - 1], outline=INK, width=3)
        image = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        return buffer.getvalue()


def _mix(a, b, t):
    """Blend two RGB colours."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def _palette() -> Image.Image:
    """Return the 16-colour palette panels are saved in: the inks, their in-between greys and reds."""
    colours = [PAPER, TONE, SHADE, DARK, INK, ACCENT]
    colours += [_mix(a, b, 0.5) for a, b in ((PAPER, TONE), (TONE, SHADE), (SHADE, DARK), (DARK, INK))]
    colours += [_mix(PAPER, ACCENT, t) for t in (0.3, 0.6)] + [_mix(TONE, ACCENT, 0.5), _mix(SHADE, ACCENT, 0.5)]
    colours += [_mix(PAPER, INK, 0.25), _mix(PAPER, INK, 0.75)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([c for colour in colours for c in colour])
    return palette


class Lens:
    """A pinhole camera placing world points (metres: x right, y up, z away) in the frame."""

    def __init__(self, focal=900.0, height=1.6, horizon=H * 0.45, cx=W / 2):
        self.focal, self.height, self.horizon, self.cx = focal, height, horizon, cx

    def pt(self, x, y, z):
        """Project a world point to frame units."""
        return (self.cx + self.focal * x / z, self.horizon + self.focal * (self.height - y) / z)

    def px(self, size, z):
        """Return how many frame units a length of ``size`` metres at depth ``z`` covers."""
        return self.focal * size / z


# --------------------------------------------------------------------------
# Marks: arrows, rain, dashes
# --------------------------------------------------------------------------


def bezier(p0, p1, p2, n=24):
    """Return points along a quadratic Bezier curve."""
    pts = []
    for i in range(n + 1):
        t = i / n
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t * t
        pts.append((a * p0[0] + b * p1[0] + c * p2[0], a * p0[1] + b * p1[1] + c * p2[1]))
    return pts


def arrow(sk, points, color=ACCENT, width=9.0, head=38.0):
    """Draw a polyline arrow ending in a solid head (red by default: a camera move)."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    ang = math.atan2(y1 - y0, x1 - x0)
    back = (x1 - head * 0.8 * math.cos(ang), y1 - head * 0.8 * math.sin(ang))
    sk.line(list(points[:-1]) + [back], width, color)
    left = (x1 - head * math.cos(ang - 0.45), y1 - head * math.sin(ang - 0.45))
    right = (x1 - head * math.cos(ang + 0.45), y1 - head * math.sin(ang + 0.45))
    sk.poly([(x1, y1), left, right], fill=color, outline=None)


def dashed(sk, points, dash=26.0, gap=18.0, width=4.0, fill=INK):
    """Draw a dashed polyline (subject movement, end frames)."""
    on, left = True, dash
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        seg = math.hypot(x1 - x0, y1 - y0)
        pos = 0.0
        while pos < seg:
            step = min(left, seg - pos)
            if on:
                a, b = pos / seg, (pos + step) / seg
                sk.line([(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a), (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)], width, fill)
            pos += step
            left -= step
            if left <= 0:
                on = not on
                left = dash if on else gap
    return points[-1]


def move_arrow(sk, points, width=5.0, head=30.0):
    """Draw a dashed ink arrow: how a character moves through the frame."""
    dashed(sk, points[:-1] + [points[-1]], width=width)
    arrow(sk, points[-2:], color=INK, width=width, head=head)


def label(sk, x, y, text, anchor="mm"):
    """Write a camera note in the accent colour."""
    sk.text(x, y, text, size=40, fill=ACCENT, anchor=anchor, boxed=True)


def dolly_in(sk, inset=0.22, text="DOLLY IN"):
    """Mark a push-in: arrows from the corners to a dashed end frame."""
    x0, y0, x1, y1 = W * inset, H * inset, W * (1 - inset), H * (1 - inset)
    dashed(sk, [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], width=5, fill=ACCENT)
    corners = (((30, 30), (x0, y0)), ((W - 30, 30), (x1, y0)), ((W - 30, H - 30), (x1, y1)), ((30, H - 30), (x0, y1)))
    for (cx, cy), (tx, ty) in corners:
        arrow(sk, [(cx + (tx - cx) * 0.15, cy + (ty - cy) * 0.15), (cx + (tx - cx) * 0.85, cy + (ty - cy) * 0.85)], head=32)
    label(sk, W / 2, y0 - 34, text)


def rain(sk, n, slant=0.22, box=(0, 0, W, H), color=SHADE, length=(22, 52), width=2.2):
    """Scatter slanted rain strokes over a region."""
    x0, y0, x1, y1 = box
    for _ in range(n):
        x, y = sk.rng.uniform(x0, x1), sk.rng.uniform(y0, y1)
        ln = sk.rng.uniform(*length)
        sk.line([(x, y), (x - slant * ln, y + ln)], width, color)


def bokeh(sk, n, box, r=(18, 46)):
    """Scatter soft out-of-focus light discs (lanterns far behind the subject)."""
    x0, y0, x1, y1 = box
    for _ in range(n):
        rr = sk.rng.uniform(*r)
        sk.ellipse(sk.rng.uniform(x0, x1), sk.rng.uniform(y0, y1), rr, rr, fill=TONE, outline=SHADE, width=2)


def steam(sk, x, y, height, n=3, spread=60):
    """Draw rising S-curls of steam."""
    for i in range(n):
        bx = x + (i - (n - 1) / 2) * spread
        pts = [(bx + math.sin(t / 6 * math.pi + i) * spread * 0.35, y - height * t / 12) for t in range(13)]
        sk.line(pts, 3.5, SHADE)


def puddle(sk, x, y, rx):
    """Draw a flat puddle with a ripple."""
    sk.ellipse(x, y, rx, rx * 0.16, fill=TONE, outline=SHADE, width=2.5)
    sk.ellipse(x + rx * 0.2, y, rx * 0.35, rx * 0.06, outline=SHADE, width=2)


# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------

# lean of the torso, then (upper, lower) angles in degrees from straight down,
# positive towards the way the figure faces: front leg, back leg, front arm, back arm.
POSES = {
    "stand": (0, (4, 0), (-4, 0), (12, 6), (-10, -4)),
    "walk": (4, (24, 6), (-20, -38), (-24, 4), (26, 60)),
    "run": (16, (68, 4), (-40, -105), (-52, 18), (62, 135)),
    "reach": (12, (26, 4), (-18, -22), (100, 92), (-30, 10)),
    "throw": (6, (22, 4), (-20, -14), (118, 140), (-40, -8)),
    "catch": (-6, (10, 2), (-14, -6), (140, 165), (125, 160)),
    "duck": (58, (80, 6), (-25, -75), (110, 80), (-20, 40)),
    "crouch": (40, (100, -4), (70, -30), (80, 110), (40, 90)),
    "leap": (68, (105, 15), (-95, -85), (70, 30), (-105, -80)),
}


def _from(p, length, angle, facing):
    """Step ``length`` from p at ``angle`` degrees from straight down, positive towards ``facing``."""
    a = math.radians(angle)
    return (p[0] + facing * length * math.sin(a), p[1] + length * math.cos(a))


def figure(sk, x, y, h, pose="stand", facing=1, fill=PAPER, hat=None, bag=False, umbrella=False, anchor="feet",
           mood="neutral", line=INK):
    """Draw a side-on block figure about ``h`` units tall with its feet (or hip) at (x, y)."""
    lean, leg_f, leg_b, arm_f, arm_b = POSES[pose]
    u = h / 0.95
    hip = (0.0, 0.0)
    knee_f = _from(hip, 0.25 * u, leg_f[0], facing)
    foot_f = _from(knee_f, 0.24 * u, leg_f[1], facing)
    knee_b = _from(hip, 0.25 * u, leg_b[0], facing)
    foot_b = _from(knee_b, 0.24 * u, leg_b[1], facing)
    shoulder = _from(hip, 0.27 * u, 180 - lean, facing)
    neck = _from(hip, 0.31 * u, 180 - lean, facing)
    head = _from(neck, 0.075 * u, 180 - lean * 0.6, facing)
    elbow_f = _from(shoulder, 0.16 * u, arm_f[0], facing)
    hand_f = _from(elbow_f, 0.15 * u, arm_f[1], facing)
    elbow_b = _from(shoulder, 0.16 * u, arm_b[0], facing)
    hand_b = _from(elbow_b, 0.15 * u, arm_b[1], facing)
    dx, dy = (x, y - max(foot_f[1], foot_b[1])) if anchor == "feet" else (x, y)

    def m(*pts):
        """Move figure-space points to the frame."""
        return [(px + dx, py + dy) for px, py in pts]

    lw = max(3.0, 0.055 * u)
    big = h > 260
    back_fill = TONE if fill == PAPER else SHADE
    outline = INK if big else None
    limb_fill = back_fill if big else line
    if bag:
        strap_end = m(_from(hip, 0.04 * u, -90, facing))[0]
        sk.line(m(shoulder) + [strap_end], max(2.5, lw * 0.3))
    sk.limb(m(shoulder, elbow_b, hand_b), lw, limb_fill, outline)
    sk.limb(m(hip, knee_b, foot_b), lw * 1.15, limb_fill, outline)
    # Torso: a tapered block along the spine.
    ax, ay = shoulder[0] - hip[0], shoulder[1] - hip[1]
    ln = math.hypot(ax, ay) or 1
    px_, py_ = -ay / ln, ax / ln
    sw, hw = 0.075 * u, 0.06 * u
    torso = [(shoulder[0] + px_ * sw, shoulder[1] + py_ * sw), (shoulder[0] - px_ * sw, shoulder[1] - py_ * sw),
             (hip[0] - px_ * hw, hip[1] - py_ * hw), (hip[0] + px_ * hw, hip[1] + py_ * hw)]
    sk.poly(m(*torso), fill=fill, outline=INK, width=max(2.0, lw * 0.22))
    if bag:
        bx, by = m(_from(hip, 0.05 * u, -95, facing))[0]
        sk.rect(bx - 0.07 * u, by - 0.02 * u, bx + 0.07 * u, by + 0.1 * u, fill=DARK, outline=INK, width=max(2.0, lw * 0.2))
    sk.limb(m(hip, knee_f, foot_f), lw * 1.15, fill if big else line, outline)
    sk.limb(m(shoulder, elbow_f, hand_f), lw, fill if big else line, outline)
    hx, hy = m(head)[0]
    r = 0.068 * u
    side_head(sk, hx, hy, r, facing, fill, hat, mood, line)
    if umbrella:
        umbrella_over(sk, hx, hy - r * 2.2, r * 4.2, m(hand_f)[0])


def side_head(sk, hx, hy, r, facing, fill=PAPER, hat=None, mood="neutral", line=INK):
    """Draw a head seen side-on: a profile when it is big enough to read, a nose tick when not."""
    if hat == "hood":
        sk.ellipse(hx - facing * r * 0.15, hy - r * 0.05, r * 1.12, r * 1.18, fill=fill if fill != PAPER else TONE,
                   outline=INK, width=max(2.0, r * 0.06))
    sk.ellipse(hx, hy, r * 0.85, r, fill=fill, outline=line, width=max(2.0, r * 0.07))
    if r > 14:
        profile(sk, hx, hy, r, facing, mood)
    else:
        sk.line([(hx + facing * r * 0.7, hy - r * 0.1), (hx + facing * r * 1.05, hy + r * 0.2)], max(2.0, r * 0.15), line)
    headwear(sk, hx, hy, r, hat, 0.9 * facing)


def front_figure(sk, x, y, h, arms="down", stride=0.0, fill=PAPER, hat=None, bag=False, mood="neutral", turn=0.0,
                 umbrella=False):
    """Draw a figure facing the camera, ``h`` units tall, feet at (x, y)."""
    u = h / 0.95
    lw = max(3.0, 0.055 * u)
    big = h > 260
    outline = INK if big else None
    limb_fill = fill if big else INK
    hip_y = y - 0.49 * u
    sh_y = hip_y - 0.27 * u
    knee_y = hip_y + 0.25 * u
    lift = stride * 0.12 * u
    for side in (-1, 1):
        up = lift if side == 1 else 0
        leg = [(x + side * 0.04 * u, hip_y), (x + side * 0.05 * u, knee_y - up * 0.6), (x + side * 0.06 * u, y - up)]
        sk.limb(leg, lw * 1.15, limb_fill, outline)
    torso = [(x - 0.11 * u, sh_y), (x + 0.11 * u, sh_y), (x + 0.075 * u, hip_y + 0.02 * u), (x - 0.075 * u, hip_y + 0.02 * u)]
    sk.poly(torso, fill=fill, outline=INK, width=max(2.0, lw * 0.22))
    if bag:
        sk.line([(x - 0.09 * u, sh_y + 0.01 * u), (x + 0.08 * u, hip_y - 0.01 * u)], max(3.0, lw * 0.35))
        sk.rect(x + 0.06 * u, hip_y - 0.04 * u, x + 0.19 * u, hip_y + 0.07 * u, fill=DARK, outline=INK,
                width=max(2.0, lw * 0.2))
    hands = _front_arms(sk, x, sh_y, u, arms, lw, limb_fill, outline)
    hx, hy = x + turn * 0.01 * u, sh_y - 0.035 * u - 0.068 * u
    r = 0.068 * u
    if hat == "hood":
        sk.ellipse(hx, hy - r * 0.05, r * 1.15, r * 1.18, fill=TONE if fill == PAPER else fill, outline=INK,
                   width=max(2.0, r * 0.06))
    sk.ellipse(hx, hy, r * 0.8, r, fill=fill, outline=INK, width=max(2.0, r * 0.06))
    if r > 14:
        face(sk, hx, hy, r, turn, mood)
    headwear(sk, hx, hy, r, hat, turn)
    if umbrella:
        umbrella_over(sk, hx, hy - r * 2.2, r * 4.2, hands[1])
    return hands


def _front_arms(sk, x, sh_y, u, arms, lw, fill, outline):
    """Draw the arms of a front-facing figure; return the two hand positions."""
    s = 0.105 * u
    poses = {
        "down": ((0.16, 0.14), (0.17, 0.29)),
        "out": ((0.25, 0.03), (0.38, -0.04)),
        "up": ((0.2, 0.1), (0.17, -0.06)),
        "phone": ((0.14, 0.15), (0.03, 0.08)),
        "hold": ((0.16, 0.13), (0.06, 0.2)),
        "ladle": ((0.2, 0.17), (0.27, 0.2)),
    }
    elbow, hand = poses[arms]
    hands = []
    for side in (-1, 1):
        e = (x + side * elbow[0] * u, sh_y + elbow[1] * u)
        hd = (x + side * hand[0] * u, sh_y + hand[1] * u)
        if arms in ("phone", "ladle") and side == -1:
            e, hd = (x - 0.16 * u, sh_y + 0.14 * u), (x - 0.17 * u, sh_y + 0.29 * u)
        sk.limb([(x + side * s, sh_y + 0.01 * u), e, hd], lw, fill, outline)
        hands.append(hd)
    if arms == "phone":
        px, py = hands[1]
        sk.rect(px - 0.03 * u, py - 0.07 * u, px + 0.03 * u, py + 0.01 * u, fill=DARK, outline=INK, width=max(2.0, lw * 0.2))
        for i in range(3):
            x0, y0 = px - (0.05 + i * 0.02) * u, py - (0.09 + i * 0.015) * u
            sk.line([(x0, y0), (x0 + 0.02 * u, y0 - (0.01 + i * 0.005) * u)], 3, SHADE)
    if arms == "hold":
        cx = (hands[0][0] + hands[1][0]) / 2
        cy = hands[0][1]
        sk.rect(cx - 0.1 * u, cy - 0.07 * u, cx + 0.1 * u, cy + 0.06 * u, fill=DARK, outline=INK, width=max(2.0, lw * 0.2))
    return hands


def umbrella_over(sk, cx, cy, span, hand):
    """Draw an open umbrella canopy centred at (cx, cy) with its shaft down to ``hand``."""
    sk.line([(cx, cy), hand], max(2.0, span * 0.02))
    sk.chord(cx, cy + span * 0.05, span / 2, span * 0.32, 180, 360, fill=SHADE, outline=INK, width=max(2.0, span * 0.025))
    for i in (-1, 0, 1):
        sk.line([(cx, cy - span * 0.27), (cx + i * span * 0.33, cy + span * 0.05)], max(1.5, span * 0.012))


def face(sk, cx, cy, r, turn=0.0, mood="neutral", shade=0):
    """Draw eyes, brows, nose and mouth on a head of half-height ``r`` turned by ``turn`` (-1..1)."""
    rx = r * 0.8
    w = max(2.0, r * 0.045)
    fc = cx + turn * rx * 0.45
    e = rx * 0.4
    eyes = [fc - e * (1 - 0.45 * max(-turn, 0)), fc + e * (1 - 0.45 * max(turn, 0))]
    ey = cy - 0.05 * r
    brow = {"angry": -1, "shout": -1, "worried": 1, "smile": 0.3}.get(mood, 0)
    for i, ex in enumerate(eyes):
        side = -1 if i == 0 else 1
        far = (turn > 0.3 and side == 1) or (turn < -0.3 and side == -1)
        sx = 0.6 if far else 1.0
        if abs(turn) > 0.85 and not ((turn > 0) == (side == 1)):
            continue
        sk.ellipse(ex, ey, rx * 0.13 * sx, r * 0.06, fill=PAPER, outline=INK, width=w * 0.8)
        sk.ellipse(ex + turn * rx * 0.04, ey, r * 0.035, r * 0.045, fill=INK, outline=None)
        inner, outer = ex - side * rx * 0.14 * sx, ex + side * rx * 0.16 * sx
        sk.line([(inner, ey - r * 0.17 - brow * r * 0.07), (outer, ey - r * 0.2 + brow * r * 0.02)], w * 1.4)
    nx = fc + turn * rx * 0.28
    tip = nx + (0.09 if turn >= 0 else -0.09) * r
    sk.line([(fc + turn * r * 0.05, ey + r * 0.02), (tip, cy + 0.3 * r), (nx - turn * 0.05 * r, cy + 0.34 * r)], w)
    my, mw = cy + 0.55 * r, rx * 0.3
    mx = fc + turn * rx * 0.12
    if mood == "shout":
        sk.ellipse(mx, my, mw * 0.8, r * 0.12, fill=DARK, outline=INK, width=w)
    elif mood == "smile":
        sk.arc(mx, my - r * 0.08, mw, r * 0.12, 20, 160, w * 1.2)
    elif mood == "worried":
        sk.arc(mx, my + r * 0.06, mw * 0.7, r * 0.07, 200, 340, w * 1.2)
    elif mood == "angry":
        sk.line([(mx - mw, my + r * 0.04), (mx - mw * 0.5, my), (mx + mw * 0.5, my), (mx + mw, my + r * 0.04)], w * 1.2)
    elif mood == "deadpan":
        sk.line([(mx - mw * 0.8, my), (mx + mw * 0.7, my - r * 0.02), (mx + mw * 0.9, my - r * 0.05)], w * 1.2)
    else:
        sk.line([(mx - mw * 0.7, my), (mx + mw * 0.7, my)], w * 1.2)
    if shade:
        hatch_face(sk, cx, cy, rx, r, shade, w)


def profile(sk, cx, cy, r, facing, mood="neutral"):
    """Draw a face in profile on a head of half-height ``r`` looking left (-1) or right (+1)."""
    rx = r * 0.85
    w = max(2.0, r * 0.07)
    fx = cx + facing * rx
    nose = [(fx - facing * r * 0.05, cy - r * 0.12), (fx + facing * r * 0.2, cy + r * 0.22),
            (fx - facing * r * 0.02, cy + r * 0.3)]
    sk.poly(nose,
            fill=PAPER, outline=INK, width=w)
    sk.ellipse(cx + facing * rx * 0.55, cy - r * 0.12, r * 0.08, r * 0.1, fill=INK, outline=None)
    brow = {"angry": 0.08, "shout": 0.08, "worried": -0.06}.get(mood, 0)
    sk.line([(cx + facing * rx * 0.35, cy - r * 0.32 - brow * r), (cx + facing * rx * 0.8, cy - r * 0.3 + brow * r)], w)
    if mood == "shout":
        sk.ellipse(cx + facing * rx * 0.72, cy + r * 0.55, r * 0.14, r * 0.12, fill=DARK, outline=INK, width=w * 0.8)
    else:
        sk.line([(cx + facing * rx * 0.55, cy + r * 0.55), (cx + facing * rx * 0.88, cy + r * 0.52)], w)
    sk.ellipse(cx - facing * rx * 0.1, cy + r * 0.05, r * 0.14, r * 0.2, fill=PAPER, outline=INK, width=w * 0.8)


def hatch_face(sk, cx, cy, rx, ry, side, w):
    """Hatch the shadow side of a face, as a quick low-key tone."""
    for i in range(7):
        x = cx + side * rx * (0.5 + i * 0.075)
        t = (x - cx) / rx
        if abs(t) >= 1:
            continue
        dy = ry * math.sqrt(1 - t * t) * 0.85
        sk.line([(x, cy - dy * 0.7), (x - side * ry * 0.06, cy + dy * 0.9)], w * 0.8, SHADE)


def headwear(sk, cx, cy, r, hat, turn=0.0):
    """Draw a character's hair or hat on a head of half-height ``r``: cap, hood, bun or beanie."""
    rx = r * 0.8
    w = max(2.0, r * 0.05)
    if hat == "cap":  # Mara: courier cap
        sk.chord(cx, cy, rx * 1.04, r * 1.03, 198, 342, fill=DARK, outline=INK, width=w)
        bx = cx + turn * rx * 0.55
        sk.ellipse(bx, cy - r * 0.34, rx * (0.95 + 0.25 * abs(turn)), r * 0.1, fill=DARK, outline=INK, width=w)
    elif hat == "hood":  # Juno: hood rim over the forehead
        sk.chord(cx, cy - r * 0.05, rx * 1.12, r * 1.12, 200, 340, fill=TONE, outline=INK, width=w)
    elif hat == "bun":  # Auntie Wen: hair in a bun with chopsticks
        sk.chord(cx, cy, rx * 1.03, r * 1.02, 196, 344, fill=DARK, outline=INK, width=w)
        bx, by = cx - turn * rx * 0.3, cy - r * 1.02
        sk.line([(bx - r * 0.45, by - r * 0.2), (bx + r * 0.3, by + r * 0.08)], w)
        sk.line([(bx - r * 0.35, by + r * 0.12), (bx + r * 0.4, by - r * 0.25)], w)
        sk.ellipse(bx, by, r * 0.3, r * 0.26, fill=DARK, outline=INK, width=w)
    elif hat == "beanie":  # Dez: knitted beanie
        sk.chord(cx, cy - r * 0.05, rx * 1.08, r * 1.1, 195, 345, fill=TONE, outline=INK, width=w)
        for i in range(-3, 4):
            top = (cx + i * rx * 0.22, cy - r * 0.9 + abs(i) * r * 0.06)
            sk.line([top, (cx + i * rx * 0.25, cy - r * 0.38)], w * 0.6, SHADE)
        band = [(cx - rx * 1.08, cy - r * 0.38), (cx + rx * 1.08, cy - r * 0.38), (cx + rx * 1.06, cy - r * 0.22),
                (cx - rx * 1.06, cy - r * 0.22)]
        sk.poly(band, fill=SHADE, outline=INK, width=w)


def big_head(sk, cx, cy, r, *, turn=0.0, hat=None, mood="neutral", shade=0, jacket=TONE, strap=False):
    """Draw a close-up: head of half-height ``r`` centred at (cx, cy), with neck and shoulders."""
    rx = r * 0.8
    w = max(3.0, r * 0.03)
    sy = cy + r * 1.5
    sx = cx + turn * r * 0.25
    if hat == "hood":
        sk.ellipse(cx - turn * r * 0.1, cy - r * 0.02, rx * 1.35, r * 1.25, fill=jacket, outline=INK, width=w)
    shoulders = [(sx - 3.4 * r, H + 60), (sx - 3.1 * r, sy + 0.7 * r), (sx - 2.5 * r, sy + 0.15 * r),
                 (sx - 1.3 * r, sy - 0.1 * r), (sx + 1.3 * r, sy - 0.1 * r), (sx + 2.5 * r, sy + 0.15 * r),
                 (sx + 3.1 * r, sy + 0.7 * r), (sx + 3.4 * r, H + 60)]
    sk.poly(shoulders, fill=jacket, outline=INK, width=w)
    neck = [(cx - 0.36 * r, cy + 0.6 * r), (cx + 0.36 * r, cy + 0.6 * r), (sx + 0.42 * r, sy), (sx - 0.42 * r, sy)]
    sk.poly(neck, fill=PAPER, outline=INK, width=w)
    sk.line([(sx - 0.9 * r, sy - 0.08 * r), (sx, sy + 0.55 * r), (sx + 0.9 * r, sy - 0.08 * r)], w)
    if strap:
        sk.limb([(sx - 1.9 * r, sy), (sx + 0.5 * r, H + 40)], r * 0.28, DARK, INK)
    for side in (-1, 1):
        if turn * side > 0.3:
            continue
        ex = cx + side * rx * 0.98 + turn * rx * 0.25
        sk.ellipse(ex, cy + 0.08 * r, rx * 0.14, r * 0.2, fill=PAPER, outline=INK, width=w)
    sk.ellipse(cx, cy, rx, r, fill=PAPER, outline=INK, width=w * 1.3)
    face(sk, cx, cy, r, turn, mood, shade)
    headwear(sk, cx, cy, r, hat, turn)


def ots_back(sk, cx, cy, r, hat=None):
    """Draw a foreground over-the-shoulder silhouette: back of a head and a shoulder."""
    w = max(3.0, r * 0.03)
    sk.poly([(cx - 3.2 * r, H + 80), (cx - 2.6 * r, cy + 1.5 * r), (cx - 1.0 * r, cy + 1.05 * r),
             (cx + 1.0 * r, cy + 1.05 * r),
             (cx + 2.6 * r, cy + 1.5 * r), (cx + 3.2 * r, H + 80)], fill=DARK, outline=INK, width=w)
    sk.ellipse(cx, cy, r * 0.82, r, fill=DARK, outline=INK, width=w)
    if hat == "bun":
        sk.ellipse(cx + r * 0.1, cy - r * 0.95, r * 0.34, r * 0.3, fill=DARK, outline=INK, width=w)
        sk.line([(cx - r * 0.3, cy - r * 1.2), (cx + r * 0.5, cy - r * 0.8)], w)
    elif hat == "cap":
        sk.chord(cx, cy, r * 0.86, r * 1.04, 195, 345, fill=INK, outline=INK, width=w)
        sk.ellipse(cx - r * 0.75, cy - r * 0.35, r * 0.45, r * 0.08, fill=INK, outline=INK, width=w)
    sk.arc(cx, cy, r * 0.7, r * 0.88, 200, 260, w, SHADE)


def grab_hand(sk, cx, cy, s):
    """Draw a hand, reaching in from the right, with its fingers closed around something at (cx, cy)."""
    sk.limb([(W + 80, cy - 250 * s), (cx + 190 * s, cy - 40 * s)], 150 * s, DARK, INK)
    sk.ellipse(cx + 95 * s, cy - 10 * s, 110 * s, 90 * s, fill=PAPER, outline=INK, width=5)
    for i in range(4):
        y = cy - 80 * s + i * 46 * s
        finger = [(cx + 60 * s, y), (cx - 40 * s, y - 10 * s), (cx - 75 * s, y + 35 * s), (cx - 35 * s, y + 55 * s)]
        sk.limb(finger, 44 * s, PAPER, INK)
    sk.limb([(cx + 80 * s, cy + 70 * s), (cx + 10 * s, cy + 95 * s), (cx - 30 * s, cy + 80 * s)], 50 * s, PAPER, INK)


# --------------------------------------------------------------------------
# Sets
# --------------------------------------------------------------------------


def lantern(sk, x, y, r, string=True):
    """Draw a round paper lantern with ribs, caps and a tassel."""
    w = max(1.5, r * 0.09)
    if string:
        sk.line([(x, y - r * 1.6), (x, y - r)], w * 0.7)
    sk.ellipse(x, y, r * 1.45, r * 1.35, fill=TONE, outline=None)
    sk.ellipse(x, y, r, r * 1.1, fill=PAPER, outline=INK, width=w)
    if r > 6:
        for k in (0.35, 0.7):
            sk.ellipse(x, y, r * k, r * 1.1, outline=SHADE, width=w * 0.6)
    sk.rect(x - r * 0.45, y - r * 1.2, x + r * 0.45, y - r * 0.95, fill=INK, outline=None)
    sk.rect(x - r * 0.45, y + r * 0.95, x + r * 0.45, y + r * 1.2, fill=INK, outline=None)
    sk.line([(x, y + r * 1.2), (x, y + r * 1.7)], w * 0.7)


def lantern_string(sk, p0, p1, n, r, sag=0.12):
    """Hang ``n`` lanterns of radius ``r`` along a sagging wire from p0 to p1."""
    mid = ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2 + abs(p1[0] - p0[0]) * sag)
    pts = bezier(p0, mid, p1, 30)
    sk.line(pts, max(1.5, r * 0.08))
    for i in range(n):
        x, y = pts[round((i + 0.5) / n * 30)]
        lantern(sk, x, y + r * 1.6, r)


def box3d(sk, lens, x0, x1, y0, y1, z0, z1, fill=PAPER, width=3.0, top_fill=None):
    """Draw the faces of a box the camera can see, far faces first."""
    p = lens.pt
    if lens.height > y1:
        sk.poly([p(x0, y1, z0), p(x1, y1, z0), p(x1, y1, z1), p(x0, y1, z1)], fill=top_fill or fill, width=width)
    if x0 > 0:
        sk.poly([p(x0, y0, z0), p(x0, y1, z0), p(x0, y1, z1), p(x0, y0, z1)], fill=fill, width=width)
    if x1 < 0:
        sk.poly([p(x1, y0, z0), p(x1, y1, z0), p(x1, y1, z1), p(x1, y0, z1)], fill=fill, width=width)
    sk.poly([p(x0, y0, z0), p(x1, y0, z0), p(x1, y1, z0), p(x0, y1, z0)], fill=fill, width=width)


def lane_stall(sk, lens, side, z0, z1):
    """Draw one market stall along the lane: posts, counter, striped awning with a valance."""
    p = lens.pt
    xo, xi = side * 3.3, side * 2.4
    w = min(5.0, max(1.5, lens.px(0.04, z0)))
    for z in (z0, z1):
        sk.line([p(xi, 0, z), p(xi, 2.4, z)], w)
    sk.poly([p(xi, 0, z0), p(xi, 0.95, z0), p(xi, 0.95, z1), p(xi, 0, z1)], fill=PAPER, width=w)
    for k in range(1, 4):
        z = z0 + (z1 - z0) * k / 4
        sk.line([p(xi, 0.95, z), p(xi, 1.15, z)], w * 0.8, SHADE)
    n = 6
    for k in range(n):
        za, zb = z0 + (z1 - z0) * k / n, z0 + (z1 - z0) * (k + 1) / n
        sk.poly([p(xo, 3.0, za), p(xo, 3.0, zb), p(side * 1.9, 2.45, zb), p(side * 1.9, 2.45, za)],
                fill=TONE if k % 2 else PAPER, outline=INK, width=w * 0.6)
        valance = [p(side * 1.9, 2.45, za), p(side * 1.9, 2.45, zb), p(side * 1.9, 2.2, (za + zb) / 2)]
        sk.poly(valance, fill=TONE if k % 2 else PAPER, width=w * 0.6)


def lane_facades(sk, lens, side, z_far):
    """Draw the building fronts along one side of the lane, block by block, roofs of varied height."""
    rng, p, x = sk.rng, lens.pt, side * 3.4
    z = 1.2
    while z < z_far:
        z1 = min(z_far, z + rng.uniform(6, 11))
        top = rng.uniform(7.5, 12.5)
        sk.poly([p(x, 0, z), p(x, 0, z1), p(x, top, z1), p(x, top, z)], fill=PAPER, width=3)
        sk.poly([p(x, top - 0.4, z), p(x, top - 0.4, z1), p(x, top, z1), p(x, top, z)], fill=TONE, width=2)
        zz = z + 0.8
        while zz + 1.4 < z1:
            for y0 in (4.4, 6.4) + ((8.4,) if top > 10 else ()):
                sk.poly([p(x, y0, zz), p(x, y0, zz + 1.4), p(x, y0 + 1.1, zz + 1.4), p(x, y0 + 1.1, zz)],
                        fill=TONE if rng.random() < 0.6 else PAPER, outline=SHADE, width=2)
            zz += 2.4
        if rng.random() < 0.6:
            zs = z + 1.5
            xs = x - side * 0.05
            sk.poly([p(xs, 3.4, zs), p(xs, 3.4, zs + 0.8), p(xs, 6.0, zs + 0.8), p(xs, 6.0, zs)],
                    fill=PAPER, width=min(5, max(1.5, lens.px(0.04, zs))))
            for k in range(3):
                stroke = [p(x - side * 0.06, 3.9 + k * 0.7, zs + 0.2), p(x - side * 0.06, 4.2 + k * 0.7, zs + 0.6)]
                sk.line(stroke, min(8, max(1.5, lens.px(0.06, zs))), DARK)
        z = z1


def market_lane(sk, lens, z_far=70.0, crowd=30, keep_clear=(), heroes=()):
    """Draw a lane of stalls in one-point perspective under a night sky, with lanterns and a crowd.

    ``heroes`` are ``(z, draw)`` pairs drawn in depth order with the crowd;
    ``keep_clear`` holds ``(x, z)`` spots the crowd stays out of.
    """
    rng = sk.rng
    p = lens.pt
    sk.rect(0, 0, W, H, fill=TONE, outline=None)
    sk.poly([p(-3.4, 0, 1.0), p(-3.4, 0, z_far), p(3.4, 0, z_far), p(3.4, 0, 1.0)], fill=PAPER, outline=None)
    sk.poly([p(-3.4, 0, z_far), p(3.4, 0, z_far), p(3.4, 14, z_far), p(-3.4, 14, z_far)], fill=SHADE, outline=DARK, width=2)
    for x in (-2.4, -1.2, 0.0, 1.2, 2.4):
        sk.line([p(x, 0, 1.2), p(x, 0, z_far)], 2, SHADE)
    z = 2.0
    while z < z_far:
        sk.line([p(-3.4, 0, z), p(3.4, 0, z)], 2, SHADE)
        z *= 1.35
    for side in (-1, 1):
        lane_facades(sk, lens, side, z_far)
    items = []
    z = 2.5
    while z < z_far - 4:
        for side in (-1, 1):
            items.append((z + 0.01, lambda s=side, a=z: lane_stall(sk, lens, s, a, a + 4.2)))
        z += 4.6
    for zz in (4.5, 9, 15, 24, 38, 56):
        if zz < z_far:
            items.append((zz, lambda a=zz: lantern_string(sk, p(-3.3, 3.9, a), p(3.3, 3.9, a), 5, lens.px(0.2, a), 0.08)))
    for _ in range(crowd):
        x, zz = rng.uniform(-1.9, 1.9), 3.5 + (z_far * 0.75 - 3.5) * rng.random() ** 1.6
        if any(abs(x - kx) < 0.8 and abs(zz - kz) < 2.5 for kx, kz in keep_clear):
            continue
        h = lens.px(rng.uniform(1.55, 1.85), zz)
        pose, facing, umb = rng.choice(["walk", "stand", "walk"]), rng.choice([-1, 1]), rng.random() < 0.55
        items.append((zz, lambda x=x, zz=zz, h=h, pose=pose, facing=facing, umb=umb: figure(
            sk, *p(x, 0, zz), h, pose, facing, fill=TONE, umbrella=umb, line=DARK)))
    items.extend(heroes)
    for _z, draw in sorted(items, key=lambda item: -item[0]):
        draw()


def stall_row(sk, ground, offset=0.0, noodle=None):
    """Draw market stalls seen straight on, side by side, with buildings and lanterns above."""
    sk.rect(0, 0, W, ground - 560, fill=TONE, outline=None)
    for i in range(-1, 7):
        bx = i * 520 - offset % 520
        sk.rect(bx, ground - 900, bx + 500, ground - 470, fill=PAPER, width=3)
        for k in range(4):
            for j in range(2):
                sk.rect(bx + 40 + k * 115, ground - 840 + j * 150, bx + 110 + k * 115, ground - 740 + j * 150,
                        fill=TONE if (i + k + j) % 3 else PAPER, outline=SHADE, width=2)
    sk.line([(0, ground), (W, ground)], 5)
    for i in range(-1, 6):
        x0 = i * 460 - offset % 460 + 20
        x1 = x0 + 400
        is_noodle = noodle is not None and i == noodle
        for x in (x0, x1):
            sk.line([(x, ground), (x, ground - 380)], 6)
        if is_noodle:
            for k in range(9):
                xx = x0 + 20 + k * 42
                strip = [(xx, ground - 380), (xx + 36, ground - 380), (xx + 30 + (k % 3) * 6, ground - 90), (xx + 4, ground - 90)]
                sk.poly(strip, fill=PAPER if k % 2 else TONE, width=3)
            sk.arc(x0 + 200, ground - 440, 55, 30, 0, 180, 5)
        else:
            sk.rect(x0, ground - 150, x1, ground, fill=PAPER, width=5)
            for k in range(5):
                sk.ellipse(x0 + 50 + k * 75, ground - 170, 28, 18, fill=TONE, width=3)
        stripes = 8
        for k in range(stripes):
            a0, a1 = k / stripes, (k + 1) / stripes
            top = lambda t: x0 - 30 + (x1 - x0 + 60) * t  # noqa: E731
            bot = lambda t: x0 - 60 + (x1 - x0 + 120) * t  # noqa: E731
            sk.poly([(top(a0), ground - 470), (top(a1), ground - 470), (bot(a1), ground - 380), (bot(a0), ground - 380)],
                    fill=TONE if k % 2 else PAPER, width=3)
            mid, half = (bot(a0) + bot(a1)) / 2, (bot(a1) - bot(a0)) / 2
            sk.chord(mid, ground - 380, half, 26, 0, 180, fill=TONE if k % 2 else PAPER, width=3)
        if is_noodle:
            sk.rect(x0 + 110, ground - 540, x1 - 110, ground - 478, fill=PAPER, width=4)
            sk.arc(x0 + 200, ground - 512, 40, 24, 0, 180, 4)
            sk.line([(x0 + 175, ground - 535), (x0 + 230, ground - 505)], 4)
    lantern_string(sk, (-20, 40), (W + 20, 60), 9, 22, 0.05)


def skyline(sk, base, seed_offset=0, heights=(60, 260)):
    """Draw a distant skyline of block buildings with a few lit windows."""
    rng = random.Random(seed_offset)
    x = -20
    while x < W:
        bw = rng.uniform(70, 190)
        bh = rng.uniform(*heights)
        sk.rect(x, base - bh, x + bw, base, fill=SHADE, outline=DARK, width=2)
        for _ in range(int(bw * bh / 3000)):
            wx, wy = rng.uniform(x + 10, x + bw - 20), rng.uniform(base - bh + 10, base - 20)
            sk.rect(wx, wy, wx + 10, wy + 14, fill=PAPER, outline=None)
        if rng.random() < 0.3:
            sk.line([(x + bw / 2, base - bh), (x + bw / 2, base - bh - 50)], 3, DARK)
        x += bw + rng.uniform(-10, 20)


def noodle_wall(sk, top=0, counter_y=760):
    """Draw the back of Auntie Wen's stall: tiles, menu boards and bare bulbs."""
    for y in range(top + 260, counter_y, 70):
        sk.line([(0, y), (W, y)], 2, TONE)
    for x in range(0, W, 90):
        sk.line([(x, top + 260), (x, counter_y)], 2, TONE)
    for i, x in enumerate((130, 520, 910)):
        sk.rect(x, top + 70, x + 320, top + 210, fill=PAPER, width=5)
        for k in range(3):
            sk.line([(x + 30, top + 105 + k * 38), (x + 150 + (i * 37 + k * 53) % 120, top + 105 + k * 38)], 5, DARK)
    for x in (460, 1180):
        sk.line([(x, 0), (x, top + 250)], 3)
        sk.ellipse(x, top + 285, 70, 70, fill=TONE, outline=None)
        sk.ellipse(x, top + 280, 26, 34, fill=PAPER, width=4)


def pot(sk, x, y, r):
    """Draw a big stock pot with a ladle and steam."""
    steam(sk, x, y - r * 0.4, r * 1.6, n=3, spread=r * 0.6)
    sk.rect(x - r, y - r * 0.3, x + r, y + r * 0.9, fill=PAPER, width=5)
    sk.ellipse(x, y - r * 0.3, r, r * 0.22, fill=TONE, width=5)
    for k in (-1, 1):
        sk.rect(x + k * r - 20, y - 5, x + k * r + 20, y + 20, fill=DARK, outline=INK, width=3)
    sk.line([(x + r * 0.2, y - r * 0.3), (x + r * 0.9, y - r * 1.3)], 9)


def bowl(sk, x, y, r, chopsticks=True):
    """Draw a noodle bowl on a counter."""
    sk.chord(x, y, r, r * 0.7, 0, 180, fill=PAPER, width=4)
    sk.ellipse(x, y, r, r * 0.22, fill=TONE, width=4)
    if chopsticks:
        sk.line([(x - r * 0.3, y - r * 0.05), (x + r * 1.2, y - r * 0.7)], 4)
        sk.line([(x - r * 0.1, y + r * 0.05), (x + r * 1.3, y - r * 0.55)], 4)


def counter(sk, top, bottom=H + 10, x0=-10, x1=W + 10):
    """Draw a foreground counter with a worn front."""
    sk.rect(x0, top, x1, bottom, fill=PAPER, width=6)
    sk.rect(x0, top, x1, top + 30, fill=TONE, width=5)
    for x in range(int(x0) + 140, int(x1), 260):
        sk.line([(x, top + 60), (x, bottom)], 3, SHADE)


def van_cabin(sk, wipers=True):
    """Draw the inside of the courier van looking forward: windscreen, pillars, dash."""
    glass = [(330, 90), (1590, 90), (1760, 560), (160, 560)]
    sk.poly(glass, fill=TONE, outline=INK, width=6)
    for _ in range(10):
        x, y, r = sk.rng.uniform(380, 1540), sk.rng.uniform(160, 480), sk.rng.uniform(14, 34)
        sk.ellipse(x, y, r, r, fill=PAPER, outline=SHADE, width=2)
    for _ in range(60):
        x, y, r = sk.rng.uniform(360, 1560), sk.rng.uniform(110, 540), sk.rng.uniform(3, 8)
        sk.ellipse(x, y, r, r * 1.3, outline=DARK, width=2)
    if wipers:
        sk.arc(640, 600, 430, 430, 205, 290, 3, SHADE)
        sk.line([(640, 560), (330, 270)], 8)
    sk.poly([(0, 0), (330, 90), (160, 560), (0, 620)], fill=DARK, width=5)
    sk.poly([(W, 0), (1590, 90), (1760, 560), (W, 620)], fill=DARK, width=5)
    sk.rect(0, 0, W, 60, fill=PAPER, width=5)
    sk.rect(880, 60, 1040, 130, fill=SHADE, width=5)
    sk.poly([(0, 600), (160, 555), (1760, 555), (W, 600), (W, 760), (0, 760)], fill=PAPER, width=6)
    sk.line([(200, 630), (1720, 630)], 3, SHADE)


# --------------------------------------------------------------------------
# Panels, one function each
# --------------------------------------------------------------------------


def draw_market_crane(sk):
    """1A: the market from above the lanterns, crane down."""
    lens = Lens(focal=760, height=6.5, horizon=250)
    market_lane(sk, lens, z_far=80, crowd=60)
    rain(sk, 260)
    arrow(sk, bezier((1790, 120), (1860, 380), (1780, 640)))
    label(sk, 1640, 80, "CRANE DOWN")


def draw_mara_arrives(sk):
    """1B: Mara threads the crowd towards the camera."""
    lens = Lens(focal=1000, height=1.6, horizon=420)
    def mara():
        """Mara walking towards the camera."""
        front_figure(sk, *lens.pt(0.1, 0, 5.0), lens.px(1.7, 5.0), arms="down", stride=0.8, hat="cap", bag=True)

    hero = (5.0, mara)
    market_lane(sk, lens, z_far=70, crowd=40, keep_clear=[(0.1, 5.0), (0.1, 7.0)], heroes=[hero])
    rain(sk, 220)
    arrow(sk, [lens.pt(-0.9, 0, 4.6), lens.pt(-0.9, 0, 2.6)], width=10, head=44)
    label(sk, 960, 1010, "STEADICAM LEADS HER")


def draw_mara_phone(sk):
    """1C: Mara checks the stall numbers on her phone."""
    bokeh(sk, 26, (0, 120, W, 700))
    sk.rect(1240, 190, 1500, 330, fill=PAPER, width=5)
    sk.text(1370, 260, "41", size=90, fill=INK, anchor="mm")
    sk.line([(1290, 0), (1290, 190)], 4)
    sk.line([(1450, 0), (1450, 190)], 4)
    for k in range(12):
        x0 = k * 170 - 30
        sk.poly([(x0, 0), (x0 + 170, 0), (x0 + 170, 70), (x0, 70)], fill=TONE if k % 2 else PAPER, width=4)
        sk.chord(x0 + 85, 70, 85, 40, 0, 180, fill=TONE if k % 2 else PAPER, width=4)
    front_figure(sk, 760, 2190, 2000, arms="phone", hat="cap", bag=True, mood="neutral", turn=0.25)
    rain(sk, 160)


def draw_snatch(sk):
    """1D insert: a hand closes on the bag strap."""
    bokeh(sk, 14, (900, 60, W, 500))
    sk.poly([(-40, 180), (420, 150), (760, 300), (900, H + 40), (-40, H + 40)], fill=TONE, width=6)
    sk.line([(300, 260), (420, 600), (520, 980)], 4, SHADE)
    sk.limb([(560, 250), (1180, 560), (1420, 760)], 70, PAPER, INK)
    sk.rect(1240, 700, 1860, H + 40, fill=DARK, width=6)
    sk.poly([(1240, 700), (1860, 700), (1820, 900), (1280, 900)], fill=SHADE, width=6)
    sk.rect(1500, 860, 1600, 930, fill=PAPER, width=5)
    grab_hand(sk, 1120, 520, 1.25)
    for k in range(6):
        y = 180 + k * 48
        sk.line([(1520 + k * 30, y), (1900, y - 20)], 4)
    rain(sk, 90, box=(0, 0, W, 700))


def draw_mara_turns(sk):
    """1E: Mara spins round, shouting (Dutch)."""
    bokeh(sk, 20, (0, 40, W, 600))
    sk.line([(-20, 820), (W + 20, 820)], 5)
    for x in (180, 1500, 1840):
        sk.line([(x, 0), (x, 820)], 8)
    for k in range(12):
        x0 = k * 170 - 30
        sk.poly([(x0, 0), (x0 + 170, 0), (x0 + 170, 60), (x0, 60)], fill=TONE if k % 2 else PAPER, width=4)
        sk.chord(x0 + 85, 60, 85, 36, 0, 180, fill=TONE if k % 2 else PAPER, width=4)
    for k in range(5):
        sk.arc(1000, 470, 300 + k * 40, 260 + k * 40, -60, 40, 4, SHADE)
    big_head(sk, 880, 470, 210, turn=-0.55, hat="cap", mood="shout", shade=1, strap=True)
    rain(sk, 160)


def draw_chase_pan(sk):
    """1F: Juno bolts through the crowd, Mara after him; pan right."""
    stall_row(sk, 860, offset=0)
    for x, y in ((300, 960), (1100, 1010), (1650, 940)):
        puddle(sk, x, y, 120)
    figure(sk, 1600, 880, 150, "stand", -1, fill=TONE, umbrella=True)
    figure(sk, 180, 870, 140, "walk", 1, fill=TONE, umbrella=True)
    figure(sk, 1230, 960, 430, "run", 1, hat="hood", bag=True)
    figure(sk, 600, 990, 450, "run", 1, hat="cap")
    move_arrow(sk, [(760, 700), (1000, 680), (1180, 690)])
    rain(sk, 200)
    arrow(sk, [(260, 130), (1660, 130)])
    label(sk, 960, 190, "PAN R WITH JUNO")


def draw_chase_duck(sk):
    """1F (cont.): the pan lands on the noodle stall; Juno ducks through its curtain."""
    stall_row(sk, 860, offset=300, noodle=3)
    puddle(sk, 700, 980, 140)
    figure(sk, 1280, 880, 400, "duck", 1, hat="hood", bag=True)
    figure(sk, 460, 990, 450, "run", 1, hat="cap")
    move_arrow(sk, [(1150, 640), (1300, 620), (1400, 700)])
    rain(sk, 200)
    arrow(sk, [(160, 130), (960, 130)])
    label(sk, 560, 190, "PAN SETTLES")


def draw_wen_cooking(sk):
    """2A: Auntie Wen at the pot; Juno bursts through the back curtain."""
    noodle_wall(sk)
    sk.rect(1320, 160, 1780, 900, fill=DARK, width=6)
    front_figure(sk, 1560, 1140, 820, arms="out", hat="hood", bag=True, mood="shout")
    for k in (0, 1, 2, 6, 7, 8):
        x = 1330 + k * 50
        swing = (k - 4) * 40
        sk.poly([(x, 170), (x + 44, 170), (x + 44 + swing, 860), (x + swing, 860)], fill=PAPER if k % 2 else TONE, width=3)
    for k in range(4):
        sk.line([(1300 - k * 25, 300 + k * 90), (1230 - k * 25, 290 + k * 90)], 5)
    front_figure(sk, 640, 1610, 1420, arms="ladle", hat="bun", mood="neutral", turn=0.5)
    pot(sk, 1040, 640, 150)
    counter(sk, 780)
    bowl(sk, 320, 850, 110)
    bowl(sk, 1500, 860, 90, chopsticks=False)


def draw_ots_juno(sk):
    """2B: over Wen's shoulder, Juno raises his hands, sorry not sorry."""
    noodle_wall(sk, top=-40)
    sk.rect(980, 100, 1560, 980, fill=DARK, width=6)
    for k in range(11):
        x = 990 + k * 52
        sway = (k - 5) * 8
        sk.poly([(x, 110), (x + 46, 110), (x + 46 + sway, 960), (x + sway, 960)], fill=PAPER if k % 2 else TONE, width=3)
    front_figure(sk, 1250, 1680, 1380, arms="up", hat="hood", bag=True, mood="worried", turn=-0.3)
    counter(sk, 900)
    ots_back(sk, 360, 560, 250, hat="bun")


def draw_wen_cu(sk):
    """2C: Auntie Wen, furious, ladle raised."""
    noodle_wall(sk, top=-120)
    steam(sk, 1650, 800, 600, n=3, spread=120)
    big_head(sk, 900, 520, 280, turn=0.35, hat="bun", mood="angry", shade=-1, jacket=PAPER)
    sk.limb([(1480, H + 40), (1520, 640), (1560, 420)], 90, PAPER, INK)
    sk.line([(1560, 460), (1600, 80)], 12)
    sk.ellipse(1605, 70, 70, 40, fill=TONE, width=6)


def draw_vault(sk):
    """2D: low angle, Mara vaults the counter; bowls fly; dolly in."""
    noodle_wall(sk, top=-140, counter_y=620)
    front_figure(sk, 1600, 1150, 820, arms="up", hat="bun", mood="shout")
    counter(sk, 620, H + 10, 150, 1770)
    sk.rect(150, 600, 1770, 640, fill=TONE, width=6)
    figure(sk, 880, 430, 820, "leap", 1, hat="cap", bag=True, anchor="hip", mood="shout")
    for x, y, a in ((520, 330, 25), (760, 170, -15), (1420, 160, 40)):
        bowl(sk, x, y, 60, chopsticks=False)
        for k in range(3):
            sk.arc(x - 20 * k, y + 20, 90 + 20 * k, 40 + 10 * k, 180 + a, 260 + a, 3, SHADE)
    dolly_in(sk, 0.2)


def draw_ladder_pov(sk):
    """2E: Mara's POV up the back ladder: Juno's sneakers vanish over the top."""
    vp = (960, -900)
    sk.poly([(0, H), (0, 0), (700, 0), (780, H)], fill=PAPER, width=5)
    sk.poly([(W, H), (W, 0), (1220, 0), (1140, H)], fill=PAPER, width=5)
    sk.poly([(700, 0), (1220, 0), (1140, H), (780, H)], fill=TONE, outline=None)
    for y in range(40, H, 60):
        sk.line([(0, y + 40), (700 + (780 - 700) * y / H, y)], 2, SHADE)
        sk.line([(W, y + 40), (1220 - (1220 - 1140) * y / H, y)], 2, SHADE)
    sk.rect(720, 0, 1200, 70, fill=DARK, width=4)

    def rail(x_bottom, y):
        """Return the x of a ladder rail at height y, converging on the vanishing point."""
        return x_bottom + (vp[0] - x_bottom) * (H - y) / (H - vp[1])

    y = H + 40
    gap = 200
    while y > 110 and gap > 12:
        sk.line([(rail(690, y), y), (rail(1230, y), y)], 9)
        y -= gap
        gap *= 0.86
    for xb in (690, 1230):
        sk.line([(rail(xb, H + 40), H + 40), (rail(xb, 90), 90)], 14)
    for dx in (-70, 70):
        sk.poly([(960 + dx - 45, 70), (960 + dx + 45, 70), (960 + dx + 55, 150), (960 + dx - 55, 150)], fill=PAPER, width=5)
        sk.rect(960 + dx - 55, 140, 960 + dx + 55, 170, fill=DARK, width=4)
    for x in (640, 1280):
        sk.limb([(x + (0 if x < 960 else 0), H + 60), (rail(690 if x < 960 else 1230, 900), 900)], 80, PAPER, INK)
    for _ in range(140):
        x, yy = sk.rng.uniform(0, W), sk.rng.uniform(0, H)
        ang = math.atan2(yy - vp[1], x - vp[0])
        ln = sk.rng.uniform(16, 40)
        sk.line([(x, yy), (x + math.cos(ang) * ln, yy + math.sin(ang) * ln)], 2.2, SHADE)
    arrow(sk, [(1700, 900), (1700, 220)])
    label(sk, 1700, 960, "TILT UP")


def water_tower(sk, lens, x, z, y0):
    """Draw a rooftop water tank on a braced stand."""
    bx, by = lens.pt(x, y0, z)
    tx, ty = lens.pt(x, y0 + 3, z)
    w, h = lens.px(1.3, z), lens.px(3.2, z)
    for dx in (-0.8, -0.3, 0.3, 0.8):
        sk.line([(bx + dx * w, by), (tx + dx * w, ty)], 3)
    sk.line([(bx - 0.8 * w, by), (tx + 0.8 * w, ty)], 2)
    sk.line([(bx + 0.8 * w, by), (tx - 0.8 * w, ty)], 2)
    sk.rect(tx - w, ty - h, tx + w, ty, fill=PAPER, width=4)
    for k in (0.3, 0.65):
        sk.line([(tx - w, ty - h * k), (tx + w, ty - h * k)], 2, SHADE)
    sk.poly([(tx - w * 1.1, ty - h), (tx, ty - h - w * 0.8), (tx + w * 1.1, ty - h)], fill=TONE, width=4)


def clothesline(sk, lens, x0, x1, z, y0):
    """Draw a washing line between two poles with laundry hanging off it."""
    a, b = lens.pt(x0, y0 + 1.8, z), lens.pt(x1, y0 + 1.8, z)
    for x in (x0, x1):
        sk.line([lens.pt(x, y0, z), lens.pt(x, y0 + 1.9, z)], 3)
    pts = bezier(a, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 12), b, 12)
    sk.line(pts, 2)
    for i in (2, 4, 7, 9):
        x, y = pts[i]
        ww = lens.px(0.5, z)
        cloth = [(x - ww / 2, y), (x + ww / 2, y), (x + ww / 2 + 4, y + ww * 1.1), (x - ww / 2 + 4, y + ww * 1.1)]
        sk.poly(cloth, fill=TONE if i % 2 else PAPER, width=2)


def draw_rooftops(sk):
    """3A: high over the rooftops, two small runners race towards the gap."""
    lens = Lens(focal=800, height=15, horizon=300)
    sk.rect(0, 0, W, 300, fill=TONE, outline=None)
    sk.ellipse(1600, 120, 55, 55, fill=PAPER, width=3)
    skyline(sk, 300, seed_offset=3, heights=(40, 200))
    sk.poly([lens.pt(-1.6, 0, 8), lens.pt(1.6, 0, 8), lens.pt(1.6, 0, 90), lens.pt(-1.6, 0, 90)], fill=DARK, outline=None)
    for z in (14, 20, 28, 40, 58):
        lantern_string(sk, lens.pt(-1.6, 3.6, z), lens.pt(1.6, 3.6, z), 3, lens.px(0.25, z), 0.1)
    box3d(sk, lens, -40, -1.6, 0, 10, 8, 90, top_fill=PAPER)
    box3d(sk, lens, 1.6, 40, 0, 11, 8, 90, top_fill=PAPER)
    for z in range(10, 90, 5):
        sk.line([lens.pt(-40, 10, z), lens.pt(-2.0, 10, z)], 1.5, TONE)
        sk.line([lens.pt(2.0, 11, z), lens.pt(40, 11, z)], 1.5, TONE)
    box3d(sk, lens, -2.0, -1.6, 10, 10.6, 8, 90, fill=TONE)
    box3d(sk, lens, 1.6, 2.0, 11, 11.6, 8, 90, fill=TONE)
    box3d(sk, lens, 12, 40, 11, 14, 50, 90, top_fill=PAPER)
    water_tower(sk, lens, -10, 34, 10)
    clothesline(sk, lens, 5, 10, 20, 11)
    for x0, z0, fill in ((-8, 15, TONE), (-5, 24, TONE), (6, 30, TONE), (9, 14, PAPER), (-13, 20, PAPER)):
        box3d(sk, lens, x0, x0 + 1.6, 10 if x0 < 0 else 11, (10 if x0 < 0 else 11) + 0.7, z0, z0 + 1.2, fill=fill)
    for x, z in ((-4, 12), (-14, 26), (4, 45), (7, 24)):
        base = 10 if x < 0 else 11
        sk.line([lens.pt(x, base, z), lens.pt(x, base + 1.4, z)], 5)
        sk.ellipse(*lens.pt(x, base + 1.4, z), lens.px(0.25, z), lens.px(0.1, z), fill=DARK, width=2)
    figure(sk, *lens.pt(-4.5, 10, 13), lens.px(1.7, 13), "run", 1, hat="hood", bag=True)
    figure(sk, *lens.pt(-9.0, 10, 14), lens.px(1.7, 14), "run", 1, hat="cap")
    route = [lens.pt(-3.4, 10, 13), lens.pt(-2.2, 10.5, 12.8), lens.pt(-0.5, 12, 12.5), lens.pt(1.8, 11.8, 12.5)]
    move_arrow(sk, route, width=4, head=26)
    rain(sk, 220)
    arrow(sk, bezier((140, 980), (160, 620), (420, 470)))
    label(sk, 250, 1030, "CRANE UP & OVER")


def draw_roof_edge(sk):
    """3B: Juno skids to a stop on the parapet: nothing but a drop beyond."""
    lens = Lens(focal=1000, height=1.6, horizon=430)
    sk.rect(0, 0, W, 430, fill=TONE, outline=None)
    skyline(sk, 430, seed_offset=5, heights=(40, 220))
    edge = lens.pt(0, 0.45, 2.8)[1]
    sk.rect(-10, 430, W + 10, edge, fill=DARK, outline=None)
    for k, y in enumerate((520, 600, 700)):
        lantern_string(sk, (-40, y), (W + 40, y + 30), 14 - 3 * k, 6 + 4 * k, 0.02)
    box3d(sk, lens, -6, 6, 0, 0.45, 2.8, 3.1, fill=PAPER)
    for x in (-4.5, -3, -1.5, 1.5, 3, 4.5):
        sk.line([lens.pt(x, 0, 1.0), lens.pt(x, 0, 2.8)], 2, SHADE)
    front_figure(sk, *lens.pt(0.3, 0.45, 2.95), lens.px(1.7, 2.95), arms="out", hat="hood", bag=True, mood="worried",
                 stride=0.3)
    for k in range(3):
        sk.line([(700 - k * 30, 880 + k * 40), (620 - k * 30, 900 + k * 40)], 4)
    rain(sk, 200)
    arrow(sk, [(260, 1050), (260, 830)], width=10, head=44)
    label(sk, 300, 780, "STEADICAM PUSHES IN")


def draw_ots_mara(sk):
    """3C: over Mara's shoulder, Juno clutches the bag at the edge."""
    sk.rect(0, 0, W, 560, fill=TONE, outline=None)
    skyline(sk, 560, seed_offset=7, heights=(60, 300))
    sk.rect(-10, 700, W + 10, 760, fill=PAPER, width=5)
    sk.rect(-10, 760, W + 10, H + 10, fill=PAPER, width=5)
    for x in range(-200, W + 200, 160):
        sk.line([(960 + (x - 960) * 0.6, 760), (x, H + 10)], 2, SHADE)
    front_figure(sk, 640, 1010, 780, arms="hold", hat="hood", mood="worried", turn=0.3)
    ots_back(sk, 1540, 540, 260, hat="cap")
    rain(sk, 180)


def draw_juno_cu(sk):
    """3D: Juno, soaked, suddenly unsure."""
    skyline(sk, 760, seed_offset=9, heights=(120, 520))
    bokeh(sk, 18, (0, 100, W, 700))
    big_head(sk, 960, 520, 290, turn=0.2, hat="hood", mood="worried", shade=1)
    rain(sk, 260, color=DARK)


def draw_toss(sk):
    """3E: Juno tosses the bag across; Mara catches it."""
    sk.rect(0, 0, W, 620, fill=TONE, outline=None)
    skyline(sk, 620, seed_offset=11, heights=(80, 340))
    sk.rect(-10, 620, W + 10, 700, fill=PAPER, width=5)
    figure(sk, 520, 1380, 1050, "throw", 1, hat="hood", mood="worried")
    figure(sk, 1440, 1420, 1100, "catch", -1, hat="cap", mood="neutral")
    path = bezier((700, 250), (960, -60), (1230, 230), 20)
    dashed(sk, path, width=5)
    sk.poly([(900, 120), (1040, 100), (1055, 200), (915, 220)], fill=DARK, width=5)
    rain(sk, 180)


# The floor of the light well in draw_overhead, in frame units.
WELL_FLOOR = (680, 390, 1240, 705)


def well_point(t, u, v):
    """Return a point on the light well's walls: depth t (0 rim, 1 floor), u and v across the frame (0..1)."""
    fx0, fy0, fx1, fy1 = WELL_FLOOR
    x0, y0 = fx0 * t, fy0 * t
    x1, y1 = W - (W - fx1) * t, H - (H - fy1) * t
    return (x0 + (x1 - x0) * u, y0 + (y1 - y0) * v)


def light_well(sk):
    """Draw four walls falling away to a floor in the middle of the frame, with windows."""
    at = well_point
    walls = ((0, 0, 0, 1, PAPER), (1, 0, 1, 1, TONE), (0, 0, 1, 0, PAPER), (0, 1, 1, 1, PAPER))
    for u0, v0, u1, v1, fill in walls:
        sk.poly([at(0, u0, v0), at(0, u1, v1), at(1, u1, v1), at(1, u0, v0)], fill=fill, width=5)
    for t in (0.12, 0.3, 0.48, 0.66):
        for k in (0.25, 0.6):
            for u, v, du, dv in ((0, k, 0, 0.15), (k, 0, 0.12, 0), (k + 0.1, 1, 0.12, 0)):
                window = [at(t, u, v), at(t + 0.1, u, v), at(t + 0.1, u + du, v + dv), at(t, u + du, v + dv)]
                sk.poly(window, fill=TONE, outline=SHADE, width=2)
    sk.poly([at(0, 0, 0), at(0, 1, 0), at(0, 1, 1), at(0, 0, 1)], outline=INK, width=10)
    sk.rect(*WELL_FLOOR, fill=DARK, width=5)


def fire_escape(sk):
    """Draw fire-escape landings and stairs down the right-hand wall of the light well."""
    for t in (0.25, 0.5, 0.75):
        a, b = well_point(t, 1, 0.3), well_point(t, 1, 0.7)
        depth = 150 * (1 - 0.55 * t)
        sk.rect(a[0] - depth, a[1], a[0], b[1], fill=PAPER, width=4)
        for k in range(1, 8):
            y = a[1] + (b[1] - a[1]) * k / 8
            sk.line([(a[0] - depth, y), (a[0], y)], 2, SHADE)
        if t < 0.75:
            c = well_point(t + 0.25, 1, 0.3)
            stair = [(a[0] - depth, a[1]), (a[0] - depth * 0.5, a[1]), (c[0] - depth * 0.3, c[1] + 30),
                     (c[0] - depth * 0.6, c[1] + 30)]
            sk.poly(stair, fill=TONE, width=3)


def van_from_above(sk, x0, y0, x1, y1):
    """Draw a van seen from straight above, nose up, headlights on."""
    cx = (x0 + x1) / 2
    for dx in (-60, 60):
        sk.poly([(cx + dx, y0), (cx + dx * 2.2, WELL_FLOOR[1] + 2), (cx + dx * 0.6, WELL_FLOOR[1] + 2)], fill=SHADE, outline=None)
    sk.rect(x0, y0, x1, y1, fill=PAPER, width=5)
    sk.rect(x0 + 10, y0 + 10, x1 - 10, y0 + 50, fill=TONE, width=3)
    for y in range(round(y0) + 90, round(y1), 40):
        sk.line([(x0 + 15, y), (x1 - 15, y)], 3, SHADE)
    for x in (x0 - 12, x1 + 12):
        sk.rect(x - 10, y0 + 48, x + 10, y0 + 66, fill=DARK, width=2)


def draw_overhead(sk):
    """3F: straight down the light well: Juno drops down the fire escape to the van in the alley."""
    light_well(sk)
    puddle(sk, 1130, 660, 70)
    puddle(sk, 760, 430, 50)
    van_from_above(sk, 860, 430, 1000, 660)
    fire_escape(sk)
    jx, jy = well_point(0.5, 1, 0.5)
    jx -= 70
    sk.ellipse(jx, jy, 38, 62, fill=TONE, width=4)
    sk.ellipse(jx, jy, 28, 28, fill=SHADE, width=4)
    sk.limb([(jx, jy - 50), (jx + 30, jy - 100)], 20, PAPER, INK)
    sk.limb([(jx, jy + 50), (jx + 30, jy + 100)], 20, PAPER, INK)
    move_arrow(sk, [(jx - 20, jy - 40), (jx - 120, jy + 40), (1010, 560)])
    for _ in range(170):
        x, y = sk.rng.uniform(0, W), sk.rng.uniform(0, H)
        dx, dy = 960 - x, 545 - y
        sk.line([(x, y), (x + dx * 0.05, y + dy * 0.05)], 2.2, SHADE)
    label(sk, 960, 40, "LOOKING STRAIGHT DOWN")


def draw_van_back(sk):
    """4A: in the van from the back seat: Dez at the wheel, Mara climbs in, soaked."""
    van_cabin(sk)
    sk.ellipse(470, 640, 230, 120, outline=INK, width=18)
    sk.poly([(300, 640), (420, 580), (700, 580), (820, 640), (860, 1100), (260, 1100)], fill=DARK, width=5)
    sk.ellipse(560, 470, 110, 130, fill=DARK, width=5)
    headwear(sk, 560, 470, 130, "beanie")
    sk.rect(330, 700, 790, 1100, fill=SHADE, width=6)
    sk.rect(400, 560, 720, 700, fill=SHADE, width=6)
    sk.rect(1150, 560, 1590, 1100, fill=SHADE, width=6)
    big_head(sk, 1370, 420, 110, turn=-0.6, hat="cap", mood="neutral", jacket=PAPER)
    sk.rect(1200, 820, 1500, 990, fill=DARK, width=6)
    rain(sk, 60, box=(1700, 100, W, 900), color=DARK)


def draw_dez_cu(sk):
    """4B: Dez does not look up from his phone."""
    van_cabin(sk, wipers=False)
    big_head(sk, 1060, 520, 290, turn=-0.45, hat="beanie", mood="deadpan", shade=1, jacket=DARK)


def draw_cake(sk):
    """4C insert: inside the bag, a slightly crushed birthday cake."""
    sk.rect(0, 0, W, H, fill=DARK, outline=None)
    sk.poly([(360, 380), (1560, 380), (1780, 1000), (140, 1000)], fill=PAPER, width=6)
    sk.poly([(360, 380), (1560, 380), (1500, 150), (420, 150)], fill=TONE, width=6)
    sk.poly([(140, 1000), (360, 380), (120, 300), (-20, 900)], fill=TONE, width=6)
    cx, cy, rx, ry = 960, 640, 520, 190
    sk.rect(cx - rx, cy, cx + rx, cy + 220, fill=PAPER, outline=None)
    sk.chord(cx, cy + 220, rx, ry, 0, 180, fill=PAPER, width=6)
    sk.line([(cx - rx, cy), (cx - rx, cy + 220)], 6)
    sk.line([(cx + rx, cy), (cx + rx - 40, cy + 90), (cx + rx, cy + 220)], 6)
    sk.ellipse(cx, cy, rx, ry, fill=PAPER, width=6)
    for k in range(24):
        a = 2 * math.pi * k / 24
        sk.ellipse(cx + math.cos(a) * rx * 0.92, cy + math.sin(a) * ry * 0.88, 22, 14, fill=TONE, outline=SHADE, width=2)
    sk.text(cx, cy - 10, "HAPPY BIRTHDAY DEZ", size=64, fill=INK, anchor="mm")
    for k, x in enumerate((760, 880, 1040, 1160)):
        y = cy - 120 + (k % 2) * 20
        sk.rect(x - 10, y - 90, x + 10, y, fill=PAPER, width=4)
        sk.poly([(x, y - 150), (x + 16, y - 110), (x, y - 95), (x - 16, y - 110)], fill=TONE, width=3)
    sk.limb([(1500, -40), (1330, 260)], 80, PAPER, INK)
    sk.limb([(1620, -40), (1420, 300)], 80, PAPER, INK)
    sk.rect(1360, 280, 1385, 460, fill=PAPER, width=4)


def draw_mara_smile(sk):
    """4D: Mara, dripping, lights a candle and grins; push in."""
    van_cabin(sk)
    big_head(sk, 960, 500, 240, turn=-0.2, hat="cap", mood="smile", shade=-1, strap=True)
    for k in range(3):
        sk.ellipse(1500, 900, 70 + k * 50, 80 + k * 50, outline=TONE, width=4)
    sk.poly([(1500, 820), (1525, 880), (1500, 910), (1475, 880)], fill=PAPER, width=4)
    sk.rect(1490, 910, 1510, H + 10, fill=PAPER, width=4)
    dolly_in(sk, 0.18, "SLOW PUSH IN")


# --------------------------------------------------------------------------
# Production data
# --------------------------------------------------------------------------

def cast() -> list[CastMember]:
    """Return the four speaking parts, numbered as on the call sheet."""
    return [
        CastMember(id="cast-mara", actor="Lena Okafor", character="MARA", phone="+1 555 0101",
                   email="lena.okafor@example.com", notes="Stunt double for the counter vault: Jess Varga.", number=1),
        CastMember(id="cast-juno", actor="Theo Park", character="JUNO", phone="+1 555 0102",
                   email="theo.park@example.com", notes="Roof edge shots on harness; rigging call 30 min before.", number=2),
        CastMember(id="cast-wen", actor="Grace Liu", character="AUNTIE WEN", phone="+1 555 0103",
                   email="grace.liu@example.com", number=3),
        CastMember(id="cast-dez", actor="Sam Adeyemi", character="DEZ", phone="+1 555 0104",
                   email="sam.adeyemi@example.com", number=4),
    ]


def crew() -> list[CrewMember]:
    """Return a small unit's crew, department by department."""
    people = [
        ("crew-producer", "Jonas Berg", "Production", "Line Producer"),
        ("crew-upm", "Claire Dubois", "Production", "Unit Production Manager"),
        ("crew-coordinator", "Omar Haddad", "Production", "Production Coordinator"),
        ("crew-1ad", "Priya Raman", "Direction", "1st Assistant Director"),
        ("crew-2ad", "Luca Bianchi", "Direction", "2nd Assistant Director"),
        ("crew-script", "Nadia Petrova", "Direction", "Script Supervisor"),
        ("crew-dop", "Ana Sousa", "Camera", "Director of Photography"),
        ("crew-steadicam", "Marcus Lee", "Camera", "A Camera / Steadicam Operator"),
        ("crew-1ac", "Kenji Mori", "Camera", "1st AC"),
        ("crew-2ac", "Zoe Clarke", "Camera", "2nd AC"),
        ("crew-gaffer", "Rosa Delgado", "Grip & Electric", "Gaffer"),
        ("crew-bbe", "Felix Wagner", "Grip & Electric", "Best Boy Electric"),
        ("crew-keygrip", "Tomás Ruiz", "Grip & Electric", "Key Grip"),
        ("crew-dolly", "Aiko Tanaka", "Grip & Electric", "Dolly Grip"),
        ("crew-sound", "Ife Bello", "Sound", "Production Sound Mixer"),
        ("crew-boom", "Ravi Shah", "Sound", "Boom Operator"),
        ("crew-pd", "Hana Kim", "Art", "Production Designer"),
        ("crew-props", "Eli Novak", "Art", "Props Master"),
        ("crew-costume", "Amara Nwosu", "Wardrobe", "Costume Designer"),
        ("crew-makeup", "Sofia Reyes", "Hair & Makeup", "Key Hair & Makeup"),
        ("crew-locations", "Dan Murphy", "Locations", "Location Manager"),
        ("crew-transport", "Grant Ellis", "Transport", "Transport Captain"),
        ("crew-catering", "Bea Santos", "Catering", "Caterer"),
        ("crew-stunts", "Jess Varga", "Stunts", "Stunt Coordinator"),
        ("crew-safety", "Ken Adler", "Safety", "Set Safety Officer"),
    ]
    return [
        CrewMember(id=cid, name=name, department=dept, role=role, phone=f"+1 555 {140 + i:04d}",
                   email=f"{name.split()[0].lower().replace('á', 'a')}@example.com")
        for i, (cid, name, dept, role) in enumerate(people)
    ]


def locations() -> list[Location]:
    """Return the market (with its roof) and the stage where the van is shot."""
    hospital = "St. Brigid General Hospital\n1200 Cedar Avenue, Portside\n+1 555 0199"
    return [
        Location(
            id="loc-market",
            name="Harbour Street Night Market",
            address="214 Harbour Street, Portside",
            latitude=49.2797,
            longitude=-123.1005,
            parking="Unit base and trucks in the Pier 3 lot (gate code from Locations). No crew parking on Harbour Street.",
            nearest_hospital=hospital,
            contact="Mei Tan (market manager), +1 555 0120",
            notes="Stalls stay dressed; vendors paid to stay open as background. Roof access by the east stairwell only.",
            time_zone="America/Vancouver",
        ),
        Location(
            id="loc-stage",
            name="Portside Studios, Stage 2",
            address="88 Foundry Road, Portside",
            latitude=49.2711,
            longitude=-123.0942,
            parking="Studio lot B, passes at the gate.",
            nearest_hospital=hospital,
            contact="Stage manager desk, +1 555 0130",
            notes="Van cutaway body on a shaker; poor man's process with LED panels and a rain bar.",
        ),
    ]


def department_calls(pre_light: str) -> list[DepartmentCall]:
    """Return a night's department calls: electric and grip pre-light, the rest around the unit call."""
    calls = [("Production", "16:00"), ("Direction", "16:30"), ("Camera", "16:30"), ("Grip & Electric", pre_light),
             ("Sound", "17:00"), ("Art", "15:30"), ("Wardrobe", "15:30"), ("Hair & Makeup", "15:30"),
             ("Locations", "14:00"), ("Transport", "14:30"), ("Catering", "15:00")]
    return [DepartmentCall(department=department, call=call) for department, call in calls]


WALKIES = "Ch 1  Production / ADs\nCh 2  Open: go to 2 to talk\nCh 3  Camera\nCh 4  Grip & Electric\nCh 5  Locations & Transport"


def shoot_days() -> list[ShootDay]:
    """Return the two night shoots: the market and stall, then the roof and the van."""
    return [
        ShootDay(
            id="day-1",
            date="2027-03-15",
            breakfast="16:30",
            crew_call="17:00",
            shooting_call="18:30",
            lunch="23:00",
            wrap="05:30",
            location_ids=["loc-market"],
            scene_ids=["scene-market", "scene-noodle"],
            cast_calls=[
                CastCall(cast_id="cast-mara", pickup="16:15", makeup="16:45", on_set="18:15", status="SW",
                         remarks="Wet-down look; vault rehearsal with her double 18:00"),
                CastCall(cast_id="cast-juno", pickup="16:30", makeup="17:00", on_set="18:30", status="SW",
                         remarks="Hand double for the snatch (1D)"),
                CastCall(cast_id="cast-wen", pickup="19:30", makeup="20:00", on_set="21:00", status="SWF"),
            ],
            department_calls=department_calls("15:00"),
            crew_calls=[CrewCall(crew_id="crew-steadicam", call="17:30"), CrewCall(crew_id="crew-1ad", call="16:00"),
                        CrewCall(crew_id="crew-stunts", call="17:00"), CrewCall(crew_id="crew-safety", call="16:00")],
            background=[
                BackgroundCall(count=40, description="Market shoppers with umbrellas", report="16:30",
                               report_place="Holding tent, Pier 3 lot", notes="Own dark raincoats; umbrellas from props"),
                BackgroundCall(count=6, description="Stall vendors (the market's own)", report="17:30",
                               report_place="Their stalls", notes="Paid to stay open until 02:00"),
            ],
            instructions=SpecialInstructions(
                camera="1D at 48 fps for the snatch. B camera on the OTS and CUs; A on Steadicam for 1B.",
                grip_electric="Pre-light the lane from 15:00. Rain towers at both ends; every circuit on an RCD.",
                art="Breakaway bowls x12 on the noodle counter; reset time 20 minutes.",
                props="Parcel bag x3 (hero, stunt, hand double). 40 umbrellas for the background.",
                wardrobe="Mara: 3 identical courier jackets for the wet-downs. Juno: hood up throughout.",
                hair_makeup="Rain wet-down looks for Mara and Juno; keep the towels and dryers in the tent.",
                sfx="Rain towers and wet-down from 18:00; fogger for the noodle steam.",
                stunts="Counter vault (2D): Jess Varga doubles Mara. Rehearse with mats before cameras roll.",
            ),
            weather="Showers clearing after midnight, 9 °C, wind SW 10 km/h. Rain towers regardless.",
            notes="The market stays open as background until 02:00. Lunch in the Pier 3 tent.",
            safety="Wet surfaces: non-slip mats at every mark. Rain towers near distro: all circuits on RCDs. "
                   "The counter vault (scene 2) is rehearsed with the stunt coordinator before cameras roll.",
            walkie_channels=WALKIES,
            key_contact_ids=["crew-producer", "crew-upm", "crew-1ad", "crew-locations", "crew-safety"],
            revision_color="Blue",
        ),
        ShootDay(
            id="day-2",
            date="2027-03-16",
            breakfast="16:30",
            crew_call="17:00",
            shooting_call="18:30",
            lunch="23:00",
            wrap="04:00",
            location_ids=["loc-market", "loc-stage"],
            scene_ids=["scene-rooftop", "scene-van"],
            cast_calls=[
                CastCall(cast_id="cast-mara", pickup="16:15", makeup="16:45", on_set="18:15", status="WF"),
                CastCall(cast_id="cast-juno", pickup="16:15", makeup="16:45", on_set="18:00", status="WF",
                         remarks="Harness fitting 17:30 with the riggers"),
                CastCall(cast_id="cast-dez", pickup="22:30", makeup="23:30", on_set="00:30", status="SWF",
                         remarks="Straight to Portside Studios"),
            ],
            department_calls=department_calls("14:00"),
            crew_calls=[CrewCall(crew_id="crew-steadicam", call="17:30"), CrewCall(crew_id="crew-1ad", call="16:00"),
                        CrewCall(crew_id="crew-stunts", call="16:30"), CrewCall(crew_id="crew-safety", call="15:30")],
            background=[
                BackgroundCall(count=12, description="Street below, seen from the roof", report="18:00",
                               report_place="Holding tent, Pier 3 lot"),
            ],
            instructions=SpecialInstructions(
                camera="Jib over the parapet (3A, 3F): the operator is clipped in.",
                grip_electric="Condor for the moon (M40) up by 17:30; lowered in wind over 30 km/h. "
                              "Stage 2: LED process and rain bar rigged by lunch.",
                props="The bag and three identical cakes, one pre-crushed. Birthday candle and lighter for 4C.",
                vehicles="Courier van (picture car) on the stage shaker; unit move to Portside Studios at lunch.",
                sfx="Rain bar on the van windscreen.",
                stunts="Roof edge: Juno's double on the fire escape (3F). Fall arrest for all within 2 m of the edge.",
            ),
            weather="Dry, 7 °C, wind 15 km/h from the north-west. The rain is ours.",
            notes="Company move to Portside Studios at lunch: the roof before lunch, the van on stage after.",
            safety="Roof: fall-arrest harness for anyone within 2 m of the edge; safety officer and rigger on the roof. "
                   "Condor driven by a certified operator only and lowered in wind over 30 km/h.",
            walkie_channels=WALKIES,
            closed_set=True,
            revision_color="Pink",
        ),
    ]


# One lighting setup per scene.
LIGHTING = {
    "L1": dict(style="neon practicals", key="SkyPanel S60 @ 3200K through 4x4 frost", fill="bounce off 12x12 muslin",
               back="M18 @ 5600K backlighting the rain towers", practicals="market lanterns, neon stall signs",
               color_temp_k=3200),
    "L2": dict(style="low key", key="Astera tubes @ 3200K over the pots", fill="none: let the steam carry it",
               back="Aputure 300d @ 4300K through the back curtain", practicals="bare bulbs over the counter",
               color_temp_k=3200),
    "L3": dict(style="low key, moonlight", key="M40 on a condor @ 5600K (moon)", fill="negative fill camera side",
               back="SkyPanel S60 @ 5600K rain backlight", practicals="lantern glow from the street below (CTO gel)",
               color_temp_k=5600),
    "L4": dict(style="low key, moving light", key="LiteMat 2 on the dash @ 4300K",
               fill="Astera tubes on a chase: passing streetlights", back="bounce off the rear doors",
               practicals="dashboard, phone screen, birthday candle", color_temp_k=4300),
}


def cam(size, angle, movement, lens, camera, rig, setup, fps=24.0) -> CameraSpec:
    """Return a camera spec, at 24 fps unless told otherwise."""
    return CameraSpec(shot_size=size, angle=angle, movement=movement, lens_mm=float(lens), camera=camera, rig=rig,
                      frame_rate=fps, setup=setup)


def shot(pid, draw, camera, light, *, cast=(), ms=3000, est=None, new_shot=True, dutch=0.0, light_notes="", **text):
    """Return one panel with the function that draws it; ``text`` holds action, dialogue, notes, sound, transition."""
    panel = Panel(id=pid, new_shot=new_shot, duration_ms=ms, camera=camera,
                  lighting=LightingSpec(setup=light, notes=light_notes, **LIGHTING[light]),
                  cast_ids=list(cast), est_minutes=est, **text)
    return panel, draw, dutch


def market_scene():
    """Scene 1: the snatch in the market and the start of the chase."""
    scene = Scene(
        id="scene-market",
        pages_eighths=19,
        heading="EXT. NIGHT MARKET - NIGHT",
        int_ext="EXT",
        time_of_day="NIGHT",
        location_id="loc-market",
        description="Rain over the night market. MARA, a bike courier, hunts for stall 42 with a parcel bag; "
                    "JUNO snatches it and runs.",
        notes="Rain towers at both ends of the lane. Background: 40 with umbrellas.",
    )
    return scene, [
        shot("panel-01", draw_market_crane, cam("EWS", "high", "crane", 18, "A", "jib", "1"), "L1",
             ms=4500, est=60, transition="FADE IN",
             action="Rain over the night market. Strings of lanterns sway above a lane of stalls; "
                    "the crowd is a river of umbrellas.",
             sound="Rain on tarps, sizzling woks, market chatter.",
             notes="Crane down from lantern height to umbrella level. Keep the lanterns in the top of frame."),
        shot("panel-02", draw_mara_arrives, cam("WS", "eye level", "Steadicam", 24, "A", "Steadicam", "2"), "L1",
             ms=3500, est=40, cast=["cast-mara"],
             action="MARA (20s, courier cap, parcel bag) threads the crowd towards us, reading stall numbers.",
             sound="Her footsteps splashing; a bike bell.",
             notes="Steadicam backs up ahead of her; let umbrellas wipe frame."),
        shot("panel-03", draw_mara_phone, cam("MS", "eye level", "static", 50, "B", "tripod", "3"), "L1",
             ms=3000, cast=["cast-mara"],
             action="Under an awning she checks her phone. The sign says 41.",
             dialogue="MARA\nForty-one... forty-two has to be next.",
             sound="Rain drumming on the awning."),
        shot("panel-04", draw_snatch, cam("insert", "eye level", "static", 100, "B", "tripod", "4", fps=48.0), "L1",
             ms=1500, cast=["cast-juno"],
             action="A hand closes on the bag strap and yanks.",
             sound="The strap buckle snaps.",
             notes="Hand double for Juno. Shoot at 48 fps for safety and speed-ramp in the edit."),
        shot("panel-05", draw_mara_turns, cam("MCU", "Dutch", "handheld", 35, "A", "handheld", "5"), "L1",
             ms=1800, cast=["cast-mara"], dutch=9.0,
             action="Mara spins round: the bag is gone.",
             dialogue="MARA\nHey! That's not yours!",
             sound="Whoosh; the crowd noise drops out for a beat."),
        shot("panel-06", draw_chase_pan, cam("WS", "low", "pan", 32, "A", "dolly", "6"), "L1",
             ms=3000, est=35, cast=["cast-juno", "cast-mara"],
             action="JUNO (hood up, the bag under his arm) bolts along the stall fronts, Mara ten steps behind. "
                    "Shoppers scatter.",
             sound="Splashes, a vendor shouting, pans clattering.",
             notes="Low camera at puddle height; pan with Juno."),
        shot("panel-07", draw_chase_duck, cam("WS", "low", "pan", 32, "A", "dolly", "6"), "L1",
             ms=2200, cast=["cast-juno", "cast-mara"], new_shot=False,
             action="The pan settles on the noodle stall as Juno ducks through its hanging curtain.",
             sound="Curtain strips slap.",
             notes="Same shot as the panel before: the pan lands here."),
    ]


def noodle_scene():
    """Scene 2: Juno cuts through Auntie Wen's kitchen, Mara close behind."""
    scene = Scene(
        id="scene-noodle",
        pages_eighths=12,
        heading="INT. NOODLE STALL - NIGHT",
        int_ext="INT",
        time_of_day="NIGHT",
        location_id="loc-market",
        description="AUNTIE WEN's tiny noodle stall. Juno cuts through her kitchen; Mara vaults the counter after him.",
        notes="Breakaway bowls x12. Steam from the pots is practical; top up with a fogger.",
    )
    return scene, [
        shot("panel-08", draw_wen_cooking, cam("MS", "eye level", "static", 35, "A", "tripod", "1"), "L2",
             ms=3000, est=30, cast=["cast-wen", "cast-juno"],
             action="AUNTIE WEN (60s) ladles broth. Behind her Juno bursts through the back curtain.",
             sound="Bubbling stock; the curtain strips clatter.",
             notes="Hold Wen sharp; Juno enters soft and we rack to him."),
        shot("panel-09", draw_ots_juno, cam("OTS", "eye level", "static", 50, "B", "tripod", "2"), "L2",
             ms=2500, cast=["cast-juno", "cast-wen"],
             action="Over Wen's shoulder: Juno raises his hands, backing through.",
             dialogue="JUNO\nSorry, Auntie! Just passing!"),
        shot("panel-10", draw_wen_cu, cam("CU", "eye level", "static", 85, "B", "tripod", "3"), "L2",
             ms=2200, cast=["cast-wen"],
             action="Wen raises the ladle like a sword.",
             dialogue="AUNTIE WEN\nJuno! Not through my kitchen again!",
             sound="The ladle rings against the pot."),
        shot("panel-11", draw_vault, cam("MLS", "low", "dolly in", 24, "A", "dolly", "4"), "L2",
             ms=2500, est=45, cast=["cast-mara", "cast-wen"],
             action="Mara vaults the counter. Bowls fly; Wen throws up her hands.",
             sound="Crockery smashes; Wen yelps.",
             notes="Stunt: Jess Varga doubles Mara. Breakaway bowls. Mats behind the counter.",
             light_notes="Add a hard kicker from camera left to catch the flying bowls."),
        shot("panel-12", draw_ladder_pov, cam("POV", "low", "tilt", 18, "A", "handheld", "5"), "L2",
             ms=2000, cast=["cast-juno"],
             action="Mara's POV up the back ladder: Juno's sneakers vanish over the roof edge.",
             sound="Feet on iron rungs; the rain gets louder.",
             notes="Tilt up from her hands on the rails to the sky."),
    ]


def rooftop_scene():
    """Scene 3: the chase runs out of roof."""
    scene = Scene(
        id="scene-rooftop",
        pages_eighths=17,
        heading="EXT. ROOFTOP - NIGHT",
        int_ext="EXT",
        time_of_day="NIGHT",
        location_id="loc-market",
        description="The roofs above the market. Juno runs out of roof; Mara talks him down and he hands the bag back.",
        notes="All roof-edge work on fall arrest. Safety officer on the roof at all times.",
    )
    return scene, [
        shot("panel-13", draw_rooftops, cam("EWS", "high", "crane", 18, "A", "jib", "1"), "L3",
             ms=4000, est=50, cast=["cast-juno", "cast-mara"],
             action="High over the rooftops: two small figures race across towards the gap above the market lane.",
             sound="Wind, rain, the market far below.",
             notes="Jib up and over the parapet as they cross."),
        shot("panel-14", draw_roof_edge, cam("MLS", "eye level", "Steadicam", 32, "A", "Steadicam", "2"), "L3",
             ms=2500, cast=["cast-juno"],
             action="Juno skids to a stop on the parapet, arms out. Too far to jump.",
             sound="Sneakers skid on wet tar."),
        shot("panel-15", draw_ots_mara, cam("OTS", "eye level", "static", 50, "B", "tripod", "3"), "L3",
             ms=4000, cast=["cast-mara", "cast-juno"],
             action="Over Mara's shoulder: Juno hugs the bag, trapped.",
             dialogue="MARA\nIt's a cake, Juno. It is not worth it."),
        shot("panel-16", draw_juno_cu, cam("CU", "eye level", "static", 85, "B", "tripod", "4"), "L3",
             ms=2000, cast=["cast-juno"],
             action="Juno blinks the rain out of his eyes.",
             dialogue="JUNO\n...Whose birthday?"),
        shot("panel-17", draw_toss, cam("MS", "eye level", "static", 40, "A", "tripod", "5"), "L3",
             ms=3000, cast=["cast-juno", "cast-mara"],
             action="He tosses the bag across. Mara catches it against her chest.",
             sound="The bag thumps into her arms."),
        shot("panel-18", draw_overhead, cam("WS", "overhead", "static", 18, "B", "jib", "6"), "L3",
             ms=2500, cast=["cast-juno"],
             action="Straight down the light well: Juno drops down the fire escape to the alley, "
                    "where a courier van idles.",
             sound="Clang, clang, clang down the steps. An engine idling.",
             notes="Camera on the jib arm out over the edge; Juno's double on the fire escape."),
    ]


def van_scene():
    """Scene 4: back in the van, the bag was a birthday cake all along."""
    scene = Scene(
        id="scene-van",
        pages_eighths=10,
        heading="INT. COURIER VAN - CONTINUOUS",
        int_ext="INT",
        time_of_day="CONTINUOUS",
        location_id="loc-stage",
        description="DEZ waits at the wheel of the courier van. Mara climbs in with the bag; the cake was for him.",
        notes="Shot on stage: rain bar on the windscreen, LED process for passing lights.",
    )
    return scene, [
        shot("panel-19", draw_van_back, cam("MS", "eye level", "static", 28, "A", "tripod", "1"), "L4",
             ms=3500, est=40, cast=["cast-dez", "cast-mara"],
             action="From the back seat: DEZ (30s, beanie) at the wheel. Mara drops into the passenger seat, soaked, "
                    "the bag on her lap.",
             sound="Wipers, rain on the roof, the door slams."),
        shot("panel-20", draw_dez_cu, cam("CU", "eye level", "static", 75, "B", "tripod", "2"), "L4",
             ms=2500, cast=["cast-dez"],
             action="Dez doesn't look up.",
             dialogue="DEZ\nYou're late. Again.",
             sound="Wipers."),
        shot("panel-21", draw_cake, cam("insert", "high", "static", 50, "B", "tripod", "3"), "L4",
             ms=3000, cast=["cast-mara"],
             action="She opens the bag: a birthday cake, slightly crushed. HAPPY BIRTHDAY DEZ. She sets a candle in it.",
             notes="Art department: three identical cakes, one of them pre-crushed."),
        shot("panel-22", draw_mara_smile, cam("MCU", "eye level", "dolly in", 50, "A", "dolly", "4"), "L4",
             ms=4500, cast=["cast-mara"], transition="FADE OUT",
             action="Mara, dripping, lights the candle and grins.",
             dialogue="MARA\nTraffic. Happy birthday, Dez.",
             sound="Lighter click. Rain. Music in.",
             light_notes="Candle practical plus a tiny LED in her hand for the glow."),
    ]


def build_project() -> Project:
    """Assemble the whole Night Market project, drawing and staging every panel image."""
    project = Project(
        title="Night Market",
        director="Ada Moreno",
        production="Lantern Light Films",
        aspect_ratio=1.7778,
        fps=24.0,
        cast=cast(),
        crew=crew(),
        locations=locations(),
        shoot_days=shoot_days(),
    )
    seed = 0
    for make_scene in (market_scene, noodle_scene, rooftop_scene, van_scene):
        scene, shots = make_scene()
        for panel, draw, dutch in shots:
            seed += 1
            sketch = Sketch(seed)
            draw(sketch)
            project.stage_image(panel, sketch.finish(dutch))
            scene.panels.append(panel)
        project.scenes.append(scene)
    return project


def main() -> int:
    """Write examples/night-market afresh and report what was written."""
    project = build_project()
    if OUT.exists():
        if not (OUT / "project.json").exists():
            print(f"{OUT} exists but is not a project folder; not replacing it", file=sys.stderr)
            return 1
        shutil.rmtree(OUT)
    written = save_project(project, OUT)
    total = sum(f.stat().st_size for f in (OUT / "images").iterdir())
    print(f"wrote {OUT}: {len(project.scenes)} scenes, {written} images, {total / 1024:.0f} KiB of images")
    return 0


if __name__ == "__main__":
    sys.exit(main())
