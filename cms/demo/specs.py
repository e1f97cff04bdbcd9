"""Small shapes the demo content is written in: sessions and body blocks."""

from dataclasses import dataclass

from cms.demo.images import Picture

# A body item as the content modules write it; the loader turns pictures into images.
BodyItem = tuple[str, object]


@dataclass(frozen=True)
class SessionSpec:
    """A session ``days`` from the day the demo is loaded, at ``start`` local time."""

    days: int
    start: str  # "HH:MM", Asia/Shanghai
    hours: float
    venue: str  # "<county slug>/<venue name>"
    capacity: int
    title: str = ""
    seats_taken: int = 0
    cancelled: bool = False


def heading(text: str) -> BodyItem:
    return ("heading", text)


def para(*texts: str) -> BodyItem:
    return ("paragraph", "".join(f"<p>{text}</p>" for text in texts))


def bullets(*items: str) -> BodyItem:
    return ("paragraph", "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def quote(text: str, attribution: str = "") -> BodyItem:
    return ("quote", {"text": text, "attribution": attribution})


def callout(title: str, text: str) -> BodyItem:
    return ("callout", {"title": title, "text": text})


def image(picture: Picture, caption: str = "") -> BodyItem:
    return ("image", {"image": picture, "caption": caption})
