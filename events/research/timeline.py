"""A series on a line by year, and a small map of its host countries drawn from outlines the portal ships.

The outlines (`data/countries-110m.json`) are Natural Earth's 1:110m
countries, public domain, keyed by ISO code: the map needs no tiles and makes
no request anywhere. The view is framed on Central Asia and every host
country on record; the hosts are drawn darker and link to their pages.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from events.models import Conference

CENTRAL_ASIA = ("KZ", "KG", "TJ", "TM", "UZ")
MAP_WIDTH = 640
OUTLINES = Path(__file__).parent / "data" / "countries-110m.json"


@dataclass
class Year:
    year: int
    editions: list


@dataclass
class Shape:
    code: str
    path: str
    host: bool
    country: object = None
    label_x: float = 0
    label_y: float = 0


@dataclass
class Timeline:
    editions: list
    years: list
    shapes: list
    width: int
    height: int

    @property
    def hosts(self):
        return [shape for shape in self.shapes if shape.host]


@cache
def outlines():
    return json.loads(OUTLINES.read_text())["countries"]


def series_timeline(series):
    editions = list(Conference.objects.published().filter(series=series).select_related("country").order_by("start_date", "id"))
    years = {}
    for edition in editions:
        years.setdefault(edition.start_date.year, []).append(edition)
    hosts = {edition.country_id: edition.country for edition in editions if edition.country_id}
    shapes, width, height = host_map(hosts)
    return Timeline(editions=editions, years=[Year(year, items) for year, items in sorted(years.items())], shapes=shapes,
                    width=width, height=height)


def _bounds(codes):
    points = [point for code in codes for polygon in outlines().get(code, []) for ring in polygon[:1] for point in ring]
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def host_map(hosts):
    """([Shape], width, height) of the region around Central Asia and every host, hosts marked."""
    framed = set(CENTRAL_ASIA) | {code for code in hosts if code in outlines()}
    west, south, east, north = _bounds(framed)
    pad_x, pad_y = (east - west) * 0.06 + 1, (north - south) * 0.08 + 1
    west, south, east, north = west - pad_x, south - pad_y, east + pad_x, north + pad_y
    shrink = math.cos(math.radians((north + south) / 2))
    scale = MAP_WIDTH / ((east - west) * shrink)
    height = round((north - south) * scale)

    def project(lon, lat):
        return (lon - west) * shrink * scale, (north - lat) * scale

    shapes = []
    for code, polygons in sorted(outlines().items()):
        bounds = _bounds([code])
        if bounds[2] < west or bounds[0] > east or bounds[3] < south or bounds[1] > north:
            continue
        path = "".join(_ring_path(ring, project) for polygon in polygons for ring in polygon)
        shape = Shape(code=code, path=path, host=code in hosts, country=hosts.get(code))
        if shape.host:
            shape.label_x, shape.label_y = _label_point(code, project)
        shapes.append(shape)
    return shapes, MAP_WIDTH, height


def _ring_path(ring, project):
    points = [project(lon, lat) for lon, lat in ring]
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"


def _label_point(code, project):
    """The centre of the country's largest outline's bounding box."""
    polygons = outlines()[code]
    largest = max(polygons, key=lambda polygon: len(polygon[0]))[0]
    lons, lats = [p[0] for p in largest], [p[1] for p in largest]
    return tuple(round(value, 1) for value in project((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2))
