"""Illustrations for the demo, drawn with Pillow: a soft gradient and one simple motif.

Nothing is downloaded and no font is needed. Every picture comes with an honest Chinese
description (its alt text), built from the names of its palette and motif.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 800
Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    name: str  # Chinese, used in the alt text
    top: Colour
    bottom: Colour
    main: Colour
    accent: Colour
    light: Colour


PALETTES: dict[str, Palette] = {
    "sunrise": Palette(
        "暖橙色", (255, 214, 170), (255, 170, 150), (232, 93, 74), (255, 236, 160), (255, 250, 240)
    ),
    "teal": Palette(
        "湖蓝色", (190, 232, 230), (120, 190, 200), (30, 110, 130), (250, 200, 90), (245, 252, 252)
    ),
    "meadow": Palette(
        "嫩绿色", (235, 248, 200), (160, 215, 150), (60, 140, 80), (255, 205, 70), (250, 255, 240)
    ),
    "rose": Palette(
        "玫瑰粉色",
        (255, 228, 232),
        (240, 170, 190),
        (200, 60, 90),
        (255, 215, 120),
        (255, 248, 250),
    ),
    "sky": Palette(
        "天蓝色", (210, 235, 255), (140, 190, 240), (40, 90, 170), (255, 210, 90), (248, 252, 255)
    ),
    "lavender": Palette(
        "淡紫色", (235, 225, 250), (190, 170, 230), (100, 70, 160), (255, 200, 120), (252, 250, 255)
    ),
    "red": Palette(
        "中国红", (255, 225, 205), (240, 140, 120), (190, 30, 40), (255, 210, 80), (255, 245, 235)
    ),
}

Draw = ImageDraw.ImageDraw
Painter = Callable[[Draw, Palette], None]


def _heart(draw: Draw, cx: float, cy: float, size: float, fill: Colour) -> None:
    points = []
    for step in range(72):
        t = 2 * math.pi * step / 72
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((cx + x * size / 32, cy - y * size / 32))
    draw.polygon(points, fill=fill)


def _star(draw: Draw, cx: float, cy: float, radius: float, fill: Colour) -> None:
    points = []
    for step in range(10):
        r = radius if step % 2 == 0 else radius * 0.42
        angle = -math.pi / 2 + step * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(points, fill=fill)


def _hills(draw: Draw, p: Palette) -> None:
    for base, amplitude, phase, colour in (
        (620, 50, 0.0, p.main),
        (690, 35, 1.7, p.light),
    ):
        points = [(0, HEIGHT)]
        points += [
            (x, base - amplitude * math.sin(x / 190 + phase)) for x in range(0, WIDTH + 40, 40)
        ]
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=colour)


def _sun(draw: Draw, p: Palette, cx: float = 930, cy: float = 210, r: float = 90) -> None:
    for step in range(12):
        angle = step * math.pi / 6
        draw.line(
            [
                (cx + (r + 20) * math.cos(angle), cy + (r + 20) * math.sin(angle)),
                (cx + (r + 60) * math.cos(angle), cy + (r + 60) * math.sin(angle)),
            ],
            fill=p.accent,
            width=12,
        )
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=p.accent)


def paint_hearts(draw: Draw, p: Palette) -> None:
    _sun(draw, p)
    _hills(draw, p)
    _heart(draw, 470, 380, 300, p.main)
    _heart(draw, 700, 450, 190, p.light)


def paint_book(draw: Draw, p: Palette) -> None:
    cx, top, bottom = 600, 240, 600
    draw.polygon(
        [(cx, top + 40), (cx - 330, top), (cx - 330, bottom), (cx, bottom + 40)], fill=p.light
    )
    draw.polygon(
        [(cx, top + 40), (cx + 330, top), (cx + 330, bottom), (cx, bottom + 40)], fill=p.light
    )
    for offset in range(60, 330, 45):
        for side in (-1, 1):
            draw.line(
                [(cx + side * 40, top + 60 + offset), (cx + side * 290, top + 25 + offset)],
                fill=p.main,
                width=6,
            )
    draw.line([(cx, top + 40), (cx, bottom + 40)], fill=p.main, width=8)
    _heart(draw, 600, 150, 110, p.accent)


def paint_papercut(draw: Draw, p: Palette) -> None:
    cx, cy = 600, 400
    draw.ellipse([cx - 330, cy - 330, cx + 330, cy + 330], fill=p.main)
    draw.ellipse([cx - 300, cy - 300, cx + 300, cy + 300], fill=p.light)
    for step in range(12):
        angle = step * math.pi / 6
        tip = (cx + 270 * math.cos(angle), cy + 270 * math.sin(angle))
        left = (cx + 120 * math.cos(angle - 0.35), cy + 120 * math.sin(angle - 0.35))
        right = (cx + 120 * math.cos(angle + 0.35), cy + 120 * math.sin(angle + 0.35))
        draw.polygon([(cx, cy), left, tip, right], fill=p.main)
    draw.ellipse([cx - 80, cy - 80, cx + 80, cy + 80], fill=p.light)
    _heart(draw, cx, cy + 5, 110, p.main)


def paint_stars(draw: Draw, p: Palette) -> None:
    _hills(draw, p)
    draw.rectangle([300, 180, 320, 640], fill=p.light)
    draw.rectangle([320, 180, 720, 430], fill=p.main)
    _star(draw, 420, 270, 60, p.accent)
    for index, (x, y) in enumerate([(530, 210), (580, 260), (580, 330), (530, 380)]):
        _star(draw, x, y, 22 - index, p.accent)
    _star(draw, 930, 190, 70, p.accent)


def paint_waves(draw: Draw, p: Palette) -> None:
    for row in range(6):
        base = 470 + row * 60
        points = [(x, base + 18 * math.sin(x / 60 + row)) for x in range(0, WIDTH + 20, 20)]
        draw.line(points, fill=p.light if row % 2 else p.main, width=14)
    cx, cy = 600, 300
    draw.ellipse([cx - 170, cy - 170, cx + 170, cy + 170], fill=p.accent)
    draw.ellipse([cx - 90, cy - 90, cx + 90, cy + 90], fill=p.top)
    for step in range(4):
        angle = step * math.pi / 2 + math.pi / 4
        draw.line(
            [
                (cx + 95 * math.cos(angle), cy + 95 * math.sin(angle)),
                (cx + 165 * math.cos(angle), cy + 165 * math.sin(angle)),
            ],
            fill=p.main,
            width=40,
        )


def paint_tent(draw: Draw, p: Palette) -> None:
    _sun(draw, p, cx=220, cy=190, r=80)
    _hills(draw, p)
    draw.polygon([(600, 200), (330, 620), (870, 620)], fill=p.main)
    draw.polygon([(600, 330), (520, 620), (680, 620)], fill=p.light)
    for x, y in [(850, 120), (1000, 300), (1080, 150)]:
        _star(draw, x, y, 25, p.light)


def paint_go(draw: Draw, p: Palette) -> None:
    left, top, size = 330, 130, 540
    draw.rectangle([left - 30, top - 30, left + size + 30, top + size + 30], fill=(222, 184, 120))
    for line in range(10):
        offset = line * size / 9
        draw.line([(left + offset, top), (left + offset, top + size)], fill=(90, 60, 30), width=4)
        draw.line([(left, top + offset), (left + size, top + offset)], fill=(90, 60, 30), width=4)
    stones = [
        (3, 3, 0),
        (4, 3, 1),
        (4, 4, 0),
        (5, 4, 1),
        (3, 5, 0),
        (6, 5, 1),
        (5, 6, 0),
        (2, 6, 1),
    ]
    for col, row, white in stones:
        x, y = left + col * size / 9, top + row * size / 9
        draw.ellipse(
            [x - 26, y - 26, x + 26, y + 26], fill=(250, 250, 245) if white else (30, 30, 35)
        )


def paint_notes(draw: Draw, p: Palette) -> None:
    for index, (x, y) in enumerate([(360, 480), (560, 420), (760, 500)]):
        draw.ellipse([x - 55, y - 40, x + 55, y + 40], fill=p.main)
        draw.rectangle([x + 40, y - 260, x + 55, y], fill=p.main)
        if index < 2:
            draw.polygon(
                [(x + 40, y - 260), (x + 240, y - 300), (x + 240, y - 260), (x + 55, y - 220)],
                fill=p.main,
            )
    for step in range(5):
        y = 620 + step * 28
        draw.line([(100, y), (1100, y)], fill=p.light, width=5)
    _sun(draw, p, cx=1000, cy=160, r=60)


def _leaf(draw: Draw, base: tuple[float, float], tip: tuple[float, float], fill: Colour) -> None:
    dx, dy = tip[0] - base[0], tip[1] - base[1]
    length = math.hypot(dx, dy)
    nx, ny = -dy / length, dx / length
    width = length * 0.28
    side = [(s / 12, width * math.sin(math.pi * s / 12)) for s in range(13)]
    points = [(base[0] + dx * t + nx * w, base[1] + dy * t + ny * w) for t, w in side]
    points += [(base[0] + dx * t - nx * w, base[1] + dy * t - ny * w) for t, w in reversed(side)]
    draw.polygon(points, fill=fill)


def paint_leaves(draw: Draw, p: Palette) -> None:
    _sun(draw, p, cx=980, cy=170, r=70)
    draw.line([(600, 720), (600, 260)], fill=p.main, width=16)
    for index, (y, side) in enumerate([(600, -1), (520, 1), (440, -1), (360, 1)]):
        length = 240 - index * 25
        tip = (600 + side * length, y - 110)
        _leaf(draw, (600, y), tip, p.main)
        draw.line([(600, y), tip], fill=p.light, width=5)
    _heart(draw, 600, 220, 100, p.accent)


def paint_cup(draw: Draw, p: Palette) -> None:
    draw.ellipse([300, 560, 900, 660], fill=p.light)
    draw.chord([400, 260, 800, 620], 0, 180, fill=p.main)
    draw.ellipse([770, 380, 900, 500], outline=p.main, width=22)
    for x in (500, 600, 700):
        points = [(x + 20 * math.sin(y / 30), y) for y in range(180, 400, 10)]
        draw.line(points, fill=p.light, width=10)


def paint_flask(draw: Draw, p: Palette) -> None:
    draw.polygon(
        [(540, 150), (660, 150), (660, 340), (840, 640), (360, 640), (540, 340)], fill=p.light
    )
    draw.polygon([(590, 470), (760, 470), (840, 640), (360, 640), (440, 470)], fill=p.main)
    for x, y, r in [(520, 420, 22), (620, 380, 16), (660, 300, 12), (560, 260, 10)]:
        draw.ellipse([x - r, y - r, x + r, y + r], fill=p.accent)
    _star(draw, 950, 200, 60, p.accent)


def paint_ball(draw: Draw, p: Palette) -> None:
    _hills(draw, p)
    for cx, angle in ((420, -0.5), (800, 0.5)):
        draw.ellipse([cx - 110, 230, cx + 110, 450], fill=p.main)
        handle = (cx + 200 * math.sin(angle), 340 + 200 * math.cos(angle))
        draw.line([(cx, 340), handle], fill=p.main, width=40)
    draw.ellipse([575, 180, 625, 230], fill=p.light)


def paint_brush(draw: Draw, p: Palette) -> None:
    points = [(220 + x, 420 + 90 * math.sin(x / 110)) for x in range(0, 700, 10)]
    draw.line(points, fill=p.main, width=46, joint="curve")
    draw.line([(935, 380), (1060, 110)], fill=(140, 90, 50), width=26)
    draw.polygon([(925, 370), (960, 385), (915, 440), (905, 420)], fill=p.main)
    draw.rectangle([980, 560, 1080, 660], fill=(190, 30, 40))
    draw.rectangle([1000, 580, 1060, 640], outline=p.light, width=8)


def paint_vase(draw: Draw, p: Palette) -> None:
    points = [(600 + 170 * math.sin(t / 20 * math.pi) + 40, 160 + t * 24) for t in range(21)]
    outline = [(2 * 600 - x, y) for x, y in reversed(points)]
    draw.polygon(points + outline, fill=p.main)
    draw.rectangle([500, 140, 700, 180], fill=p.main)
    for y in (380, 460):
        draw.line([(430, y), (770, y)], fill=p.light, width=10)
    draw.ellipse([300, 640, 900, 720], fill=p.light)


MOTIFS: dict[str, tuple[str, Painter]] = {
    "hearts": ("太阳、山丘和两颗爱心", paint_hearts),
    "book": ("一本打开的书和一颗爱心", paint_book),
    "papercut": ("圆形剪纸窗花", paint_papercut),
    "stars": ("红旗和五角星", paint_stars),
    "waves": ("水波和救生圈", paint_waves),
    "tent": ("山间帐篷和星星", paint_tent),
    "go": ("围棋棋盘和黑白棋子", paint_go),
    "notes": ("音符和五线谱", paint_notes),
    "leaves": ("一株绿叶植物和太阳", paint_leaves),
    "cup": ("冒着热气的茶杯", paint_cup),
    "flask": ("冒泡的实验烧瓶", paint_flask),
    "ball": ("两只乒乓球拍和一个球", paint_ball),
    "brush": ("毛笔、一笔墨迹和一枚红色印章", paint_brush),
    "vase": ("一只陶罐", paint_vase),
}


def describe(motif: str, palette: str) -> str:
    """The alt text of a drawing: what it shows, honestly."""
    return f"{PALETTES[palette].name}渐变背景上的{MOTIFS[motif][0]}插图"


def draw_jpeg(motif: str, palette: str) -> bytes:
    """A 1200×800 JPEG: the palette's vertical gradient with the motif drawn on top."""
    p = PALETTES[palette]
    mask = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    image = Image.composite(
        Image.new("RGB", (WIDTH, HEIGHT), p.bottom), Image.new("RGB", (WIDTH, HEIGHT), p.top), mask
    )
    MOTIFS[motif][1](ImageDraw.Draw(image), p)
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


@dataclass(frozen=True)
class Picture:
    """A demo image: its title (the natural key), motif and palette."""

    title: str
    motif: str
    palette: str

    @property
    def alt(self) -> str:
        return describe(self.motif, self.palette)

    def jpeg(self) -> bytes:
        return draw_jpeg(self.motif, self.palette)
