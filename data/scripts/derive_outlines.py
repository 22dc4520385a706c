#!/usr/bin/env python3
"""Derive simplified land outlines of the Kuril Islands region from Natural Earth.

Source
    Natural Earth 1:10m "land" polygons (Natural Earth v4.1.0), public domain
    (Natural Earth data carry no copyright restrictions). They are read from
    the TopoJSON redistribution in the npm package ``world-atlas`` 2.0.2
    (package code ISC-licensed; the data remain public-domain Natural Earth).
    Obtain the input file with the ordinary npm client, in a temporary folder:

        npm pack world-atlas@2.0.2
        tar xzf world-atlas-2.0.2.tgz        # gives package/land-10m.json

Usage
    python3 derive_outlines.py package/land-10m.json [OUT.geojson]

    OUT defaults to ../geo/kuril-region-land.geojson next to this script.

What it does (standard library only)
    1. Decodes the TopoJSON topology: quantized, delta-encoded arcs are
       turned back into longitude/latitude, and polygon rings are stitched
       from their arcs (a negative index ~i means arc i reversed).
    2. Keeps polygons whose bounding box meets the box lon 139.0-157.5,
       lat 41.0-51.5; a polygon that reaches outside the box (Eurasia, Honshu,
       Sakhalin ...) is cut to the box with a Sutherland-Hodgman clip. A clip
       can leave zero-width seams along the box edge; such features carry
       "clipped": true so a renderer can tell.
    3. Simplifies each ring with Douglas-Peucker (tolerance 0.01 degree); a
       ring that would fall below 4 positions is kept unsimplified, so small
       islands survive.
    4. Rounds coordinates to 3 decimals and writes one GeoJSON Polygon
       feature per land polygon, in a stable order, with sorted keys.
    5. Tags the polygons of the four disputed islands with "island":
       the places.csv ids iturup-etorofu, kunashir-kunashiri and shikotan by point-in-polygon tests at fixed
       points; habomai for every polygon lying wholly inside the Habomai box
       (lon 145.83-146.45, lat 43.30-43.70; Hokkaido's Nosappu cape, which
       reaches into that box, is part of a larger polygon and is not tagged).
"""
import json
import os
import sys

BOX = (139.0, 41.0, 157.5, 51.5)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE = 0.01  # degrees, Douglas-Peucker
SOURCE = "Natural Earth 10m land (public domain), via world-atlas 2.0.2"
# (lon, lat) points inside the three large disputed islands. The Iturup point
# is 45.07N, not the 44.95N often quoted: in this data 44.95N, 147.75E lies
# in the sea just off the south coast (the coast is at 44.96N there).
ISLAND_POINTS = {
    "iturup-etorofu": (147.75, 45.07),
    "kunashir-kunashiri": (145.85, 44.05),
    "shikotan": (146.75, 43.80),
}
HABOMAI_BOX = (145.83, 43.30, 146.45, 43.70)


def decode_arcs(topology):
    """Turn quantized, delta-encoded TopoJSON arcs into lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def stitch(arc_indices, arcs):
    """Build one ring from arc indices; consecutive arcs share an end point."""
    ring = []
    for i in arc_indices:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def polygons(topology, arcs):
    """Yield every polygon (a list of rings, outer ring first) of all objects."""
    for name in sorted(topology["objects"]):
        obj = topology["objects"][name]
        geometries = obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]
        for geom in geometries:
            if geom["type"] == "Polygon":
                parts = [geom["arcs"]]
            elif geom["type"] == "MultiPolygon":
                parts = geom["arcs"]
            else:
                continue
            for part in parts:
                yield [stitch(ring, arcs) for ring in part]


def bbox(ring):
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def clip_ring(ring, box):
    """Sutherland-Hodgman clip of a ring against an axis-aligned box."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda p, q: (x0, p[1] + (q[1] - p[1]) * (x0 - p[0]) / (q[0] - p[0]))),
        (lambda p: p[0] <= x1, lambda p, q: (x1, p[1] + (q[1] - p[1]) * (x1 - p[0]) / (q[0] - p[0]))),
        (lambda p: p[1] >= y0, lambda p, q: (p[0] + (q[0] - p[0]) * (y0 - p[1]) / (q[1] - p[1]), y0)),
        (lambda p: p[1] <= y1, lambda p, q: (p[0] + (q[0] - p[0]) * (y1 - p[1]) / (q[1] - p[1]), y1)),
    ]
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cross in edges:
        if not points:
            break
        out = []
        prev = points[-1]
        for cur in points:
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
            prev = cur
        points = out
    return points + points[:1]


def douglas_peucker(points, tol):
    """Simplify an open polyline, keeping both end points."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, best_d = None, tol
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best_d:
                best, best_d = i, d
        if best is not None:
            keep[best] = True
            stack.extend([(a, best), (best, b)])
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring, tol):
    """Douglas-Peucker on a closed ring, split at the point farthest from the start."""
    ax, ay = ring[0]
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ax) ** 2 + (ring[i][1] - ay) ** 2)
    out = douglas_peucker(ring[: far + 1], tol)[:-1] + douglas_peucker(ring[far:], tol)
    return out if len(out) >= 4 else list(ring)


def round_ring(ring):
    """Round to 3 decimals and drop repeated consecutive positions."""
    out = []
    for x, y in ring:
        p = [round(x, 3), round(y, 3)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def area(ring):
    return 0.5 * sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(ring, ring[1:]))


def contains(ring, x, y):
    """Ray-casting point-in-ring test."""
    inside = False
    for (ax, ay), (bx, by) in zip(ring, ring[1:]):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


def process(rings):
    """Clip (if needed), simplify and round one polygon; None if nothing remains."""
    bx0, by0, bx1, by1 = bbox(rings[0])
    if bx1 < BOX[0] or bx0 > BOX[2] or by1 < BOX[1] or by0 > BOX[3]:
        return None, False
    clipped = not (bx0 >= BOX[0] and bx1 <= BOX[2] and by0 >= BOX[1] and by1 <= BOX[3])
    out = []
    for ring in rings:
        if clipped:
            ring = clip_ring(ring, BOX)
            if len(ring) < 4:
                if not out:  # outer ring gone: the polygon only grazed the box
                    return None, False
                continue
        ring = round_ring(simplify_ring(ring, TOLERANCE))
        if len(ring) < 4 or abs(area(ring)) == 0:
            if not out:
                return None, False
            continue
        out.append(ring)
    return out, clipped


def tag(rings):
    outer = rings[0]
    for name, (x, y) in ISLAND_POINTS.items():
        if contains(outer, x, y) and not any(contains(h, x, y) for h in rings[1:]):
            return name
    x0, y0, x1, y1 = bbox(outer)
    hx0, hy0, hx1, hy1 = HABOMAI_BOX
    if x0 >= hx0 and x1 <= hx1 and y0 >= hy0 and y1 <= hy1:
        return "habomai"
    return None


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    out_path = argv[2] if len(argv) == 3 else os.path.normpath(os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "geo", "kuril-region-land.geojson"))
    with open(argv[1], encoding="utf-8") as f:
        topology = json.load(f)
    arcs = decode_arcs(topology)
    features = []
    for rings in polygons(topology, arcs):
        rings, clipped = process(rings)
        if not rings:
            continue
        props = {"source": SOURCE}
        island = tag(rings)
        if island:
            props["island"] = island
        if clipped:
            props["clipped"] = True
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Polygon", "coordinates": rings}})
    features.sort(key=lambda f: (bbox(f["geometry"]["coordinates"][0]), f["geometry"]["coordinates"]))
    collection = {"type": "FeatureCollection", "features": features}
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(collection, f, sort_keys=True, separators=(",", ":"))
        f.write("\n")
    tags = sorted(f["properties"]["island"] for f in features if "island" in f["properties"])
    print(f"wrote {len(features)} features to {out_path}; tagged: {', '.join(tags) or 'none'}")


if __name__ == "__main__":
    main(sys.argv)
