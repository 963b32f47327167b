"""Coordinate systems used by Chinese map services, converted to and from WGS-84.

PilotHub stores WGS-84. 高德 and 腾讯 give GCJ-02 ("火星坐标"), 百度 gives BD-09. GCJ-02 is a
published obfuscation of WGS-84 (the formulas below are the widely reproduced open
implementation); BD-09 is a further rotation/offset of GCJ-02. The inverse of GCJ-02 has no closed
form, so `gcj02_to_wgs84` iterates the forward transform until it reproduces the input to ~1e-9°
(a millimetre). Outside mainland China the services use WGS-84 unchanged, and so do we.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

_A = 6378245.0  # Krasovsky 1940 semi-major axis used by GCJ-02
_EE = 0.00669342162296594323  # its first eccentricity squared
_X_PI = math.pi * 3000.0 / 180.0


class CoordinateSystem(StrEnum):
    WGS84 = "wgs84"
    GCJ02 = "gcj02"
    BD09 = "bd09"


COORDINATE_SYSTEM_CHOICES = [
    (CoordinateSystem.WGS84.value, _("WGS-84（GPS、天地图、OpenStreetMap）")),
    (CoordinateSystem.GCJ02.value, _("GCJ-02（高德地图、腾讯地图）")),
    (CoordinateSystem.BD09.value, _("BD-09（百度地图）")),
]


def out_of_china(lon: float, lat: float) -> bool:
    """The rough box outside which GCJ-02 equals WGS-84 (as the map services treat it)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _delta_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _delta_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    if out_of_china(lon, lat):
        return lon, lat
    dlat = _delta_lat(lon - 105.0, lat - 35.0)
    dlon = _delta_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float, *, tolerance: float = 1e-9, max_iterations: int = 30) -> tuple[float, float]:
    """Inverse of `wgs84_to_gcj02` by fixed-point iteration (converges in a few steps)."""
    if out_of_china(lon, lat):
        return lon, lat
    w_lon, w_lat = lon, lat
    for _step in range(max_iterations):
        g_lon, g_lat = wgs84_to_gcj02(w_lon, w_lat)
        d_lon, d_lat = g_lon - lon, g_lat - lat
        w_lon, w_lat = w_lon - d_lon, w_lat - d_lat
        if abs(d_lon) < tolerance and abs(d_lat) < tolerance:
            break
    return w_lon, w_lat


def gcj02_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def bd09_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    x, y = lon - 0.0065, lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * _X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _X_PI)
    return z * math.cos(theta), z * math.sin(theta)


def wgs84_to_bd09(lon: float, lat: float) -> tuple[float, float]:
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def to_wgs84(lon: float, lat: float, system: str | CoordinateSystem) -> tuple[float, float]:
    """Convert a point given in `system` to WGS-84 (the stored form)."""
    system = CoordinateSystem(system)
    if system is CoordinateSystem.GCJ02:
        return gcj02_to_wgs84(lon, lat)
    if system is CoordinateSystem.BD09:
        return bd09_to_wgs84(lon, lat)
    return lon, lat


def from_wgs84(lon: float, lat: float, system: str | CoordinateSystem) -> tuple[float, float]:
    system = CoordinateSystem(system)
    if system is CoordinateSystem.GCJ02:
        return wgs84_to_gcj02(lon, lat)
    if system is CoordinateSystem.BD09:
        return wgs84_to_bd09(lon, lat)
    return lon, lat


def coordinate_system_field(**kwargs: Any) -> forms.ChoiceField:
    """The coordinate-system choice every form with a longitude/latitude input shows."""
    return forms.ChoiceField(label=_("坐标系"), choices=COORDINATE_SYSTEM_CHOICES, initial=CoordinateSystem.WGS84.value,
                             help_text=_("从高德/腾讯地图取点选 GCJ-02，从百度地图取点选 BD-09；保存时统一换算为 WGS-84。"),
                             **kwargs)


def input_to_wgs84(longitude: float | None, latitude: float | None,
                   system: str | CoordinateSystem) -> tuple[float | None, float | None]:
    """A form's (lon, lat) in `system` → stored WGS-84, rounded to 1e-7° (1 cm); blanks stay blank."""
    if longitude is None or latitude is None:
        return longitude, latitude
    lon, lat = to_wgs84(float(longitude), float(latitude), system)
    if CoordinateSystem(system) is CoordinateSystem.WGS84:
        return lon, lat
    return round(lon, 7), round(lat, 7)
