#!/usr/bin/env python3
"""Derive the kit's land and country outlines (data/geo/) from Natural Earth, as valid GeoJSON.

Input: Natural Earth v4.1.0 land and admin-0 countries (public domain) in the TopoJSON of the npm package
world-atlas 2.0.2 (ISC). Get it with the ordinary npm client, outside the repository (never commit node_modules):

    npm install --prefix /tmp/atlas world-atlas@2.0.2
    WA=/tmp/atlas/node_modules/world-atlas          # land-10m.json, land-50m.json, countries-50m.json

Python: shapely, topojson and antimeridian, pinned in requirements-dev.txt.

What it does, with those libraries: decode the TopoJSON (topojson), split rings that cross 180 degrees there
(antimeridian), repair Natural Earth's self-intersecting rings (shapely.make_valid), clip to the box (shapely),
snap to a grid of 10**-decimals degrees (shapely.set_precision, whose output is valid) and simplify with topology
preserved (Douglas-Peucker, shapely; every islet keeps at least a triangle). Land comes out in as few features
as the maps need: the coasts in one, the pieces the box cut in another with "clipped": true (the kit draws those
without an outline) and, for the Kuril layer, each disputed island in its own with "island" set to its places.csv
id: iturup-etorofu, kunashir-kunashiri and shikotan by a point inside each, habomai for every polygon inside the
Habomai box. A country (--country, an ISO 3166-1 numeric id) comes out as one feature; with --update-feature only
the geometry of that feature of an existing file is replaced, its hand-written properties and the other features
kept.

The tolerance suits the zooms a layer's maps start at, where a pixel is 360 / (256 * 2**zoom) degrees of
longitude (0.18 at zoom 3, 0.09 at zoom 4, 0.04 at zoom 5.25): the Asia-Pacific land at 0.12 degrees for the maps
that start wider than zoom 4, and asia-pacific-land-z4, a smaller box at 0.05 degrees, for the closer ones
(lessonkit.maps.FINER_LAND), so that each map page stays light. The grid (--decimals) is finer than the tolerance.

The commands that made each layer, from the repository root:

    python3 data/scripts/derive_outlines.py $WA/land-10m.json data/geo/kuril-region-land.geojson
    python3 data/scripts/derive_outlines.py $WA/land-50m.json data/geo/asia-pacific-land.geojson \\
        --box 25,-12,180,78 --tolerance 0.12 --decimals 2 --no-island-tags --source-label "$SRC50"
    python3 data/scripts/derive_outlines.py $WA/land-50m.json data/geo/asia-pacific-land-z4.geojson \\
        --box 60,-12,180,66 --tolerance 0.05 --decimals 2 --no-island-tags --source-label "$SRC50"
    python3 data/scripts/derive_outlines.py $WA/land-50m.json data/geo/europe-middle-east-land.geojson \\
        --box=-12,27,90,72 --tolerance 0.05 --decimals 2 --no-island-tags --source-label "$SRC50"
    python3 data/scripts/derive_outlines.py $WA/countries-50m.json data/geo/theatres.geojson --country 643 \\
        --update-feature russian-far-east --box 97.5,40,180,78 --tolerance 0.05 --decimals 2 --west-edge \\
        "130,40 97.5,49.5 98.5,52.5 102,55.5 105,59 105.5,62 106,66 108,70 110,74 115,78"
    python3 data/scripts/derive_outlines.py $WA/countries-50m.json data/geo/theatres.geojson --country 760 \\
        --update-feature syria --box 35,32,43,38 --tolerance 0.05 --decimals 2

with SRC50="Natural Earth 1:50m land (public domain), via world-atlas 2.0.2". The west edge is the hand-drawn
western boundary of the Russian Far East (south to north; due south and north beyond its ends); Russia east of 180
degrees (Chukotka's tip) falls outside the box. The seas in theatres.geojson and treaty-lines.geojson are drawn by
hand in the files themselves.

The district before its enlargement of November 2018 and the two regions then added (Buryatia and Zabaykalsky Krai)
are the russian-far-east feature split in two along a line drawn by hand. The split reads that feature from
theatres.geojson itself, not from world-atlas (so it needs no npm download and always matches the outline the kit
ships; re-run it after re-deriving russian-far-east):

    python3 data/scripts/derive_outlines.py data/geo/theatres.geojson --split-feature russian-far-east \\
        --split-ids russian-far-east-2016,fefd-2018-additions --decimals 2 --split-line \\
        "120.98,53 120.98,53.28 121.75,53.95 119.85,56.9 118.9,58.15 117.13,57 115.8,57.25 113.84,56.53 \\
        113.11,56.66 110.9,56.35 109,55.85 108.61,54.54 97,54.54"

The split line runs east to west and starts and ends outside the feature; it is closed into a polygon by dropping due
south from both ends. What lies south of the line becomes the second id, the rest the first; the pieces are cut on the
10**-decimals grid (shapely's fixed-precision overlay, whose output is valid), and the script checks that together
they are the feature. For that the line must cross the feature's outline at its vertices or at grid points on its
edges (a crossing elsewhere would bend the shared edge): here it meets the Amur at the outline's vertex 120.98,53.28
(the Shilka-Argun confluence, 121.48,53.33, lies between vertices) and the west edge at 100.88,54.54. The points of
the line and their sources are in each piece's drawn_by. Only their geometry is written: an existing feature keeps
its hand-written properties, a new one gets placeholders (kind and source_id of the split feature, "approximate":
true, a drawn_by to rewrite) to be completed by hand.
"""
import argparse
import json

import antimeridian
import shapely
import shapely.validation
from shapely.geometry import Point, Polygon, box, mapping, shape
from topojson.utils import serialize_as_geojson

ISLAND_POINTS = {"iturup-etorofu": (147.75, 45.07), "kunashir-kunashiri": (145.85, 44.05), "shikotan": (146.75, 43.80)}
HABOMAI_BOX = box(145.83, 43.30, 146.45, 43.70)


def read_natural_earth(path, country=None):
    """All land, or one country, of a world-atlas file as (shapely geometry split at 180 degrees, name)."""
    with open(path, encoding="utf-8") as f:
        topology = json.load(f)
    features = serialize_as_geojson(topology, objectname="countries" if country else "land")["features"]
    feature = next((f for f in features if country in (None, f["id"])), None)
    if feature is None:
        raise SystemExit(f"no country {country} in {path}")
    fixed = antimeridian.fix_shape(shape(feature["geometry"]), fix_winding=True, great_circle=False)
    return shape(fixed), feature["properties"].get("name", "")


def derive(geometry, region, tolerance, decimals):
    """The geometry cut to the region, snapped to the grid and simplified."""
    geometry = shapely.make_valid(geometry, method="structure")
    cut = shapely.set_precision(geometry.intersection(region), 10.0 ** -decimals)
    cut = cut.simplify(tolerance, preserve_topology=True)  # keeps every ring, even an islet's, at least a triangle
    cut = cut if cut.is_valid else shapely.make_valid(cut, method="structure")  # a last resort, rarely needed
    return shapely.orient_polygons(cut)


def clipped(geometry, region):
    """Whether part of the outline runs along the region's edge: a cut, not a coast (180 degrees counts too)."""
    return geometry.boundary.intersection(region.boundary).length > 0


def polygons(geometry):
    return [p for p in getattr(geometry, "geoms", [geometry]) if p.geom_type == "Polygon" and not p.is_empty]


def island(polygon):
    """The places.csv id of the disputed island this polygon is, or None."""
    tags = [place for place, xy in ISLAND_POINTS.items() if polygon.contains(Point(xy))]
    return tags[0] if tags else "habomai" if HABOMAI_BOX.contains(polygon) else None


def feature(geometry, properties, region):
    """A GeoJSON feature; "clipped": true only where the region's edge cut it."""
    properties = {**properties, **({"clipped": True} if clipped(geometry, region) else {})}
    return {"type": "Feature", "geometry": mapping(geometry), "properties": properties}


def land_features(land, region, args):
    """The land in the region as few features as its styles and tags need: the pieces of coast in one feature, the
    pieces the region's edge cut in another ("clipped": true), and, with island tags, each disputed island in its
    own. A map page carries each feature's wrapping and properties once, not once for each of hundreds of islets."""
    pieces = [polygon for part in polygons(land) if region.intersects(box(*part.bounds))
              for polygon in polygons(derive(part, region, args.tolerance, args.decimals))]
    groups = {}
    for polygon in sorted(pieces, key=lambda polygon: (polygon.bounds, polygon.wkt)):  # a stable order
        tag = island(polygon) if args.island_tags else None
        groups.setdefault((tag or "", clipped(polygon, region)), []).append(polygon)
    features = []
    for (tag, cut), members in sorted(groups.items()):
        geometry = shapely.union_all(members, grid_size=10.0 ** -args.decimals)  # islets that overlap become one
        geometry = shapely.orient_polygons(geometry)  # outer rings anticlockwise, as GeoJSON wants
        properties = {"source": args.source_label, **({"island": tag} if tag else {}),
                      **({"clipped": True} if cut else {})}
        features.append({"type": "Feature", "geometry": mapping(geometry), "properties": properties})
    return features


def parse_box(text):
    west, south, east, north = map(float, text.split(","))
    return west, south, east, north


def parse_line(text):
    return [tuple(map(float, pair.split(","))) for pair in text.split()]


def split_feature(collection, args):
    """Split one feature of the collection along args.split_line into two features, written after it."""
    [parent] = [f for f in collection["features"] if f["properties"].get("id") == args.split_feature]
    geometry, line, grid = shape(parent["geometry"]), args.split_line, 10.0 ** -args.decimals
    if any(geometry.intersects(Point(xy)) for xy in (line[0], line[-1])):
        raise SystemExit("the split line must start and end outside the feature")
    floor = geometry.bounds[1] - 1
    south = Polygon([(line[0][0], floor), *line, (line[-1][0], floor)])
    if not south.is_valid:
        raise SystemExit(f"the split line crosses itself or its drops: {shapely.validation.explain_validity(south)}")
    pieces = [shapely.orient_polygons(geometry.difference(south, grid_size=grid)),
              shapely.orient_polygons(geometry.intersection(south, grid_size=grid))]
    rest = pieces[0].union(pieces[1], grid_size=grid).symmetric_difference(geometry).area
    if rest > 1e-9 * geometry.area:  # float noise only: the grid overlay keeps the outline's vertices
        raise SystemExit(f"the pieces do not add up to the feature (off by {rest} square degrees)")
    position = collection["features"].index(parent)
    for offset, (piece_id, piece) in enumerate(zip(args.split_ids, pieces, strict=True), start=1):
        if piece.is_empty or not piece.is_valid:
            raise SystemExit(f"{piece_id}: empty or invalid piece; check the split line")
        existing = [f for f in collection["features"] if f["properties"].get("id") == piece_id]
        if existing:
            existing[0]["geometry"] = mapping(piece)
            continue
        properties = {"id": piece_id, "approximate": True, "kind": parent["properties"]["kind"],
                      "source_id": parent["properties"]["source_id"],
                      "drawn_by": f"Split from {args.split_feature} by derive_outlines.py: rewrite by hand."}
        collection["features"].insert(position + offset, {"type": "Feature", "geometry": mapping(piece),
                                                          "properties": properties})
    return collection


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog="See the module docstring.")
    parser.add_argument("topojson", nargs="?", help="a world-atlas land-*.json or countries-*.json file (not with "
                        "--split-feature)")
    parser.add_argument("out", help="the GeoJSON file to write (or, with --update-feature or --split-feature, update)")
    parser.add_argument("--box", type=parse_box, default=(128.0, 38.0, 168.0, 57.0), metavar="W,S,E,N")
    parser.add_argument("--west-edge", type=parse_line, metavar="'LON,LAT ...'", help="also cut away what lies west")
    parser.add_argument("--tolerance", type=float, default=0.01, help="simplification tolerance in degrees")
    parser.add_argument("--decimals", type=int, default=3, help="decimals kept in coordinates")
    parser.add_argument("--no-island-tags", dest="island_tags", action="store_false")
    parser.add_argument("--source-label", default="Natural Earth 10m land (public domain), via world-atlas 2.0.2")
    parser.add_argument("--country", help="ISO 3166-1 numeric id of one country, e.g. 643")
    parser.add_argument("--update-feature", metavar="ID", help="with --country: replace this feature's geometry")
    parser.add_argument("--split-feature", metavar="ID", help="split this feature of OUT along --split-line")
    parser.add_argument("--split-line", type=parse_line, metavar="'LON,LAT ...'",
                        help="with --split-feature: east to west, starting and ending outside the feature")
    parser.add_argument("--split-ids", type=lambda text: text.split(","), metavar="REST_ID,SOUTH_ID",
                        help="with --split-feature: ids of the piece north of the line and of the piece south of it")
    args = parser.parse_args(argv)
    if args.update_feature and not args.country:
        parser.error("--update-feature needs --country")
    if args.split_feature:
        if args.topojson or not args.split_line or len(args.split_ids or []) != 2:
            parser.error("--split-feature takes only OUT, with --split-line and two --split-ids")
        with open(args.out, encoding="utf-8") as f:
            collection = split_feature(json.load(f), args)
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(collection, f, sort_keys=True, separators=(",", ":"))
            f.write("\n")
        print(f"split {args.split_feature} into {' and '.join(args.split_ids)} in {args.out}")
        return
    if not args.topojson:
        parser.error("the world-atlas TOPOJSON file is needed")

    region = box(*args.box)
    if args.west_edge:  # the line, extended due south and north, closed round the box's east side
        (x0, _), (x1, _), (_, south, east, north) = args.west_edge[0], args.west_edge[-1], args.box
        region &= Polygon([(x0, south - 1), *args.west_edge, (x1, north + 1),
                           (east + 1, north + 1), (east + 1, south - 1)])
    geometry, name = read_natural_earth(args.topojson, args.country)
    if args.country:
        cut = derive(geometry, region, args.tolerance, args.decimals)
        if args.update_feature:
            with open(args.out, encoding="utf-8") as f:
                collection = json.load(f)
            [target] = [f for f in collection["features"] if f["properties"].get("id") == args.update_feature]
            target["geometry"] = mapping(cut)
        else:
            properties = {"source": args.source_label, "country_id": args.country, "name": name}
            collection = {"type": "FeatureCollection", "features": [feature(cut, properties, region)]}
    else:
        collection = {"type": "FeatureCollection", "features": land_features(geometry, region, args)}
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(collection, f, sort_keys=True, separators=(",", ":"))
        f.write("\n")
    tags = sorted(f["properties"]["island"] for f in collection["features"] if "island" in f["properties"])
    print(f"wrote {len(collection['features'])} features to {args.out}; island tags: {', '.join(tags) or 'none'}")


if __name__ == "__main__":
    main()
