#!/usr/bin/env python3
"""Derive simplified land or country outlines from Natural Earth for the kit's maps.

Source
    Natural Earth "land" and "admin 0 countries" polygons (Natural Earth
    v4.1.0), public domain (Natural Earth data carry no copyright
    restrictions). They are read from the TopoJSON redistribution in the npm
    package ``world-atlas`` 2.0.2 (package code ISC-licensed; the data remain
    public-domain Natural Earth). Obtain the input files with the ordinary npm
    client, in a temporary folder:

        npm pack world-atlas@2.0.2
        tar xzf world-atlas-2.0.2.tgz        # gives package/land-10m.json,
                                             # land-50m.json, countries-50m.json

Usage
    python3 derive_outlines.py TOPOJSON [OUT.geojson] [options]

    OUT defaults to ../geo/kuril-region-land.geojson next to this script.
    Options (the defaults reproduce the Kuril layer):
        --box W,S,E,N         clip box in degrees (default 139,41,157.5,51.5)
        --west-edge "LON,LAT LON,LAT ..."
                              also cut away everything west of this line,
                              given south to north with rising latitudes; it
                              runs due south and due north from its end points
        --tolerance DEG       Douglas-Peucker tolerance (default 0.01)
        --decimals N          decimals kept in coordinates (default 3)
        --no-island-tags      do not tag the disputed Kuril islands
        --source-label TEXT   the features' "source" property
        --country ID          one country of a countries-*.json file, by its
                              ISO 3166-1 numeric id, as ONE feature (Polygon or
                              MultiPolygon, "name" and "country_id" set;
                              island tags are not applied) instead of all land
        --update-feature ID   with --country: write only the geometry into the
                              feature whose "id" property is ID in the existing
                              FeatureCollection OUT, keeping its properties
                              and every other feature

    The commands that made each file in data/geo/, run from the repository
    root with WA set to the unpacked folder, e.g. WA=/tmp/wa/package:

    kuril-region-land.geojson
        python3 data/scripts/derive_outlines.py $WA/land-10m.json

    asia-pacific-land.geojson
        python3 data/scripts/derive_outlines.py $WA/land-50m.json \
            data/geo/asia-pacific-land.geojson --box 95,-12,180,72 \
            --tolerance 0.05 --decimals 2 --no-island-tags \
            --source-label "Natural Earth 1:50m land (public domain), via world-atlas 2.0.2"

    europe-middle-east-land.geojson
        python3 data/scripts/derive_outlines.py $WA/land-50m.json \
            data/geo/europe-middle-east-land.geojson --box 5,29,50,68 \
            --tolerance 0.05 --decimals 2 --no-island-tags \
            --source-label "Natural Earth 1:50m land (public domain), via world-atlas 2.0.2"

    theatres.geojson
        The six sea polygons and every feature's properties are drawn and
        written by hand in the file itself; these two commands then fill in
        the geometries of the two features taken from Natural Earth:

        python3 data/scripts/derive_outlines.py $WA/countries-50m.json \
            data/geo/theatres.geojson --country 643 \
            --update-feature russian-far-east --box 97.5,40,180,78 \
            --west-edge "130,40 97.5,49.5 98.5,52.5 102,55.5 105,59 105.5,62 106,66 108,70 110,74 115,78" \
            --tolerance 0.05 --decimals 2
        python3 data/scripts/derive_outlines.py $WA/countries-50m.json \
            data/geo/theatres.geojson --country 760 --update-feature syria \
            --box 35,32,43,38 --tolerance 0.05 --decimals 2

        Box plus west edge are exactly the hand-drawn polygon (97.5,49.5)
        (98.5,52.5) (102,55.5) (105,59) (105.5,62) (106,66) (108,70) (110,74)
        (115,78) (180,78) (180,40) (130,40). Russia's pieces east of 180
        degrees (Chukotka's tip, stored at negative longitudes) fall outside
        the box and are dropped.

    treaty-lines.geojson is drawn by hand; this script does not make it.

What it does (standard library only)
    1. Decodes the TopoJSON topology: quantized, delta-encoded arcs are
       turned back into longitude/latitude, and polygon rings are stitched
       from their arcs (a negative index ~i means arc i reversed). A ring
       that crosses the antimeridian is made continuous, running on past 180
       degrees (so a box ending at 180 cuts Chukotka's tip off cleanly).
    2. Keeps polygons whose bounding box meets the box; a polygon that
       reaches outside the box (Eurasia, Honshu, Sakhalin ...), or west of
       the west edge, is cut with a Sutherland-Hodgman clip (along the west
       edge the cut follows the line's vertices). A clip can leave zero-width
       seams along the cut; such features carry "clipped": true so a renderer
       can tell.
    3. Simplifies each ring with Douglas-Peucker; a ring that would fall below
       4 positions is kept unsimplified, so small islands survive.
    4. Rounds coordinates and writes one GeoJSON Polygon feature per land
       polygon (or the one country feature), in a stable order, with sorted
       keys.
    5. Unless told not to, tags the polygons of the four disputed islands
       with "island": the places.csv ids iturup-etorofu, kunashir-kunashiri
       and shikotan by point-in-polygon tests at fixed points; habomai for
       every polygon lying wholly inside the Habomai box (lon 145.83-146.45,
       lat 43.30-43.70; Hokkaido's Nosappu cape, which reaches into that box,
       is part of a larger polygon and is not tagged).
"""
import argparse
import json
import os

BOX = (139.0, 41.0, 157.5, 51.5)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE = 0.01  # degrees, Douglas-Peucker
DECIMALS = 3
SOURCE = "Natural Earth 10m land (public domain), via world-atlas 2.0.2"
DEFAULT_OUT = os.path.join("..", "geo", "kuril-region-land.geojson")
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


def unwrap(ring):
    """Let a ring that crosses the antimeridian run on past 180 degrees instead of jumping to -180.

    Longitudes are shifted by whole turns so the ring is continuous and lies
    at -180 or east of it (Chukotka's tip comes out at 180-190 degrees). A ring
    circling a pole (Antarctica) cannot be made continuous and is kept as is.
    """
    shifts = [0]
    for (px, _), (x, _) in zip(ring, ring[1:]):
        shifts.append(shifts[-1] + (360 if px - x > 180 else -360 if x - px > 180 else 0))
    if shifts[-1] != 0 or not any(shifts):
        return ring
    turn = 360 * max(0, -((min(x + s for (x, _), s in zip(ring, shifts)) + 180) // 360))
    return [(x + (s + turn), y) for (x, y), s in zip(ring, shifts)]


def geometries(topology, country_id=None):
    """Yield the geometries of all objects, or only those whose id is country_id."""
    for name in sorted(topology["objects"]):
        obj = topology["objects"][name]
        for geom in obj["geometries"] if obj["type"] == "GeometryCollection" else [obj]:
            if country_id is None or geom.get("id") == country_id:
                yield geom


def polygons(geoms, arcs):
    """Yield every polygon (a list of rings, outer ring first) of the geometries."""
    for geom in geoms:
        if geom["type"] == "Polygon":
            parts = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            parts = geom["arcs"]
        else:
            continue
        for part in parts:
            yield [unwrap(stitch(ring, arcs)) for ring in part]


def bbox(ring):
    """Bounding box (lon_min, lat_min, lon_max, lat_max) of a ring."""
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def box_half_planes(box):
    """The box's four sides as (inside test, crossing point) pairs."""
    x0, y0, x1, y1 = box
    return [
        (lambda p: p[0] >= x0, lambda p, q: (x0, p[1] + (q[1] - p[1]) * (x0 - p[0]) / (q[0] - p[0]))),
        (lambda p: p[0] <= x1, lambda p, q: (x1, p[1] + (q[1] - p[1]) * (x1 - p[0]) / (q[0] - p[0]))),
        (lambda p: p[1] >= y0, lambda p, q: (p[0] + (q[0] - p[0]) * (y0 - p[1]) / (q[1] - p[1]), y0)),
        (lambda p: p[1] <= y1, lambda p, q: (p[0] + (q[0] - p[0]) * (y1 - p[1]) / (q[1] - p[1]), y1)),
    ]


def clip_step(points, inside, cross):
    """One Sutherland-Hodgman pass; returns the kept points and the indices of exit points."""
    out, exits = [], []
    prev = points[-1]
    for cur in points:
        if inside(cur):
            if not inside(prev):
                out.append(cross(prev, cur))
            out.append(cur)
        elif inside(prev):
            exits.append(len(out))
            out.append(cross(prev, cur))
        prev = cur
    return out, exits


def line_lon(line, lat):
    """Longitude of a south-to-north line at a latitude; due north/south beyond its ends."""
    if lat <= line[0][1]:
        return line[0][0]
    for (ax, ay), (bx, by) in zip(line, line[1:]):
        if lat <= by:
            return ax + (bx - ax) * (lat - ay) / (by - ay)
    return line[-1][0]


def bisect_crossing(inside, p, q):
    """The point where segment p-q crosses the boundary of an inside test, by bisection."""
    a, b = p, q  # inside(a) != inside(b)
    for _ in range(60):
        m = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        if inside(m) == inside(a):
            a = m
        else:
            b = m
    return a if inside(a) else b


def line_vertices_between(line, a, b):
    """The line's vertices strictly between the latitudes of a and b, walked from a to b."""
    lo, hi = sorted((a[1], b[1]))
    between = [p for p in line if lo < p[1] < hi]
    return between if a[1] < b[1] else between[::-1]


def clip_east_of(points, line):
    """Keep the part of an open ring east of the line, following the line from exit to re-entry."""
    inside = lambda p: p[0] >= line_lon(line, p[1])
    out, exits = clip_step(points, inside, lambda p, q: bisect_crossing(inside, p, q))
    bridged = []
    for i, point in enumerate(out):
        bridged.append(point)
        if i in exits:
            bridged.extend(line_vertices_between(line, point, out[(i + 1) % len(out)]))
    return bridged


def clip_ring(ring, box, line=None):
    """Clip a closed ring to the box (Sutherland-Hodgman), then east of the line if given."""
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cross in box_half_planes(box):
        if not points:
            break
        points = clip_step(points, inside, cross)[0]
    if points and line:
        points = clip_east_of(points, line)
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


def round_ring(ring, decimals):
    """Round to the given decimals and drop repeated consecutive positions."""
    out = []
    for x, y in ring:
        p = [round(x, decimals), round(y, decimals)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def area(ring):
    """Signed shoelace area of a closed ring, in square degrees."""
    return 0.5 * sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(ring, ring[1:]))


def contains(ring, x, y):
    """Ray-casting point-in-ring test."""
    inside = False
    for (ax, ay), (bx, by) in zip(ring, ring[1:]):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


def needs_clip(outer, box, line):
    """Whether a polygon's outer ring reaches outside the box or west of the line."""
    bx0, by0, bx1, by1 = bbox(outer)
    in_box = bx0 >= box[0] and bx1 <= box[2] and by0 >= box[1] and by1 <= box[3]
    return not in_box or bool(line) and any(x < line_lon(line, y) for x, y in outer)


def process(rings, args):
    """Clip (if needed), simplify and round one polygon; None if nothing remains."""
    bx0, by0, bx1, by1 = bbox(rings[0])
    box = args.box
    if bx1 < box[0] or bx0 > box[2] or by1 < box[1] or by0 > box[3]:
        return None, False
    clipped = needs_clip(rings[0], box, args.west_edge)
    out = []
    for ring in rings:
        if clipped:
            ring = clip_ring(ring, box, args.west_edge)
            if len(ring) < 4:
                if not out:  # outer ring gone: the polygon only grazed the box
                    return None, False
                continue
        ring = round_ring(simplify_ring(ring, args.tolerance), args.decimals)
        if len(ring) < 4 or abs(area(ring)) == 0:
            if not out:
                return None, False
            continue
        out.append(ring)
    return out, clipped


def tag(rings):
    """The places.csv id of the disputed island this polygon is, or None."""
    outer = rings[0]
    for name, (x, y) in ISLAND_POINTS.items():
        if contains(outer, x, y) and not any(contains(h, x, y) for h in rings[1:]):
            return name
    x0, y0, x1, y1 = bbox(outer)
    hx0, hy0, hx1, hy1 = HABOMAI_BOX
    if x0 >= hx0 and x1 <= hx1 and y0 >= hy0 and y1 <= hy1:
        return "habomai"
    return None


def polygon_sort_key(rings):
    """Stable order: by the outer ring's bounding box, then by the coordinates."""
    return bbox(rings[0]), rings


def land_features(topology, arcs, args):
    """One Polygon feature per land polygon left after clipping."""
    features = []
    for rings in polygons(geometries(topology), arcs):
        rings, clipped = process(rings, args)
        if not rings:
            continue
        props = {"source": args.source_label}
        island = tag(rings) if args.island_tags else None
        if island:
            props["island"] = island
        if clipped:
            props["clipped"] = True
        features.append({"type": "Feature", "properties": props,
                         "geometry": {"type": "Polygon", "coordinates": rings}})
    features.sort(key=lambda f: polygon_sort_key(f["geometry"]["coordinates"]))
    return features


def country_feature(topology, arcs, args):
    """One feature holding every polygon of the country left after clipping."""
    geoms = list(geometries(topology, args.country))
    if not geoms:
        raise SystemExit(f"no geometry with id {args.country} in the input")
    parts, any_clipped = [], False
    for rings in polygons(geoms, arcs):
        rings, clipped = process(rings, args)
        if rings:
            parts.append(rings)
            any_clipped = any_clipped or clipped
    if not parts:
        raise SystemExit(f"nothing of country {args.country} lies in the box")
    parts.sort(key=polygon_sort_key)
    geometry = ({"type": "Polygon", "coordinates": parts[0]} if len(parts) == 1
                else {"type": "MultiPolygon", "coordinates": parts})
    props = {"source": args.source_label, "country_id": args.country,
             "name": geoms[0].get("properties", {}).get("name", "")}
    if any_clipped:
        props["clipped"] = True
    return {"type": "Feature", "properties": props, "geometry": geometry}


def update_feature(out_path, feature_id, geometry):
    """The FeatureCollection at out_path with one feature's geometry replaced."""
    with open(out_path, encoding="utf-8") as f:
        collection = json.load(f)
    targets = [f for f in collection["features"] if f["properties"].get("id") == feature_id]
    if len(targets) != 1:
        raise SystemExit(f"{out_path} must hold exactly one feature with id {feature_id!r}")
    targets[0]["geometry"] = geometry
    return collection


def parse_box(text):
    """'W,S,E,N' in degrees -> (lon_min, lat_min, lon_max, lat_max)."""
    box = tuple(float(v) for v in text.split(","))
    if len(box) != 4 or box[0] >= box[2] or box[1] >= box[3]:
        raise argparse.ArgumentTypeError("give W,S,E,N with W < E and S < N")
    return box


def parse_line(text):
    """'LON,LAT LON,LAT ...' with rising latitudes -> list of (lon, lat)."""
    line = [tuple(float(v) for v in pair.split(",")) for pair in text.split()]
    if len(line) < 2 or any(len(p) != 2 for p in line) or any(
            a[1] >= b[1] for a, b in zip(line, line[1:])):
        raise argparse.ArgumentTypeError("give at least two LON,LAT pairs, south to north")
    return line


def parse_args(argv=None):
    """Command-line options; the defaults reproduce the Kuril land layer."""
    default_out = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), DEFAULT_OUT))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0], epilog="See the module docstring.")
    parser.add_argument("topojson", help="a world-atlas land-*.json or countries-*.json file")
    parser.add_argument("out", nargs="?", default=default_out, help="GeoJSON to write")
    parser.add_argument("--box", type=parse_box, default=BOX, metavar="W,S,E,N",
                        help="clip box in degrees (default: the Kuril region)")
    parser.add_argument("--west-edge", type=parse_line, metavar="'LON,LAT LON,LAT ...'",
                        help="also cut away what lies west of this south-to-north line")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, metavar="DEG",
                        help="Douglas-Peucker tolerance (default 0.01)")
    parser.add_argument("--decimals", type=int, default=DECIMALS, metavar="N",
                        help="decimals kept in coordinates (default 3)")
    parser.add_argument("--no-island-tags", dest="island_tags", action="store_false",
                        help="do not tag the disputed Kuril islands")
    parser.add_argument("--source-label", default=SOURCE, metavar="TEXT", help="the features' source property")
    parser.add_argument("--country", metavar="ID",
                        help="derive one country (ISO 3166-1 numeric id, e.g. 643) instead of all land")
    parser.add_argument("--update-feature", metavar="ID",
                        help="replace only the geometry of the feature with this id in OUT")
    args = parser.parse_args(argv)
    if args.update_feature and not args.country:
        parser.error("--update-feature needs --country")
    return args


def main(argv=None):
    """Read the topology, derive the features and write the GeoJSON."""
    args = parse_args(argv)
    with open(args.topojson, encoding="utf-8") as f:
        topology = json.load(f)
    arcs = decode_arcs(topology)
    if args.update_feature:
        geometry = country_feature(topology, arcs, args)["geometry"]
        collection = update_feature(args.out, args.update_feature, geometry)
        summary = f"updated the geometry of {args.update_feature} in {args.out}"
    elif args.country:
        collection = {"type": "FeatureCollection", "features": [country_feature(topology, arcs, args)]}
        summary = f"wrote country {args.country} to {args.out}"
    else:
        features = land_features(topology, arcs, args)
        collection = {"type": "FeatureCollection", "features": features}
        tags = sorted(f["properties"]["island"] for f in features if "island" in f["properties"])
        summary = f"wrote {len(features)} features to {args.out}; tagged: {', '.join(tags) or 'none'}"
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(collection, f, sort_keys=True, separators=(",", ":"))
        f.write("\n")
    print(summary)


if __name__ == "__main__":
    main()
