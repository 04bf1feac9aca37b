#!/usr/bin/env python3
"""Writes a larger OpenStreetMap PBF by tiling a small one: N copies of every node and way, each
copy shifted by the input's extent (in a grid of columns) with ids offset, joined in a chain by
one two-way residential way between copies of the input's busiest road junction, so that each
mode's largest connected part spans all copies. A stand-in for a national extract when only a
small one is at hand (the benchmark of `overblik import network` extrapolates from it).

    .venv/bin/pip install osmium
    .venv/bin/python Tools/data/tile_pbf.py ../shared/data/osm/helsinki.osm.pbf 100 /tmp/tiled-100.osm.pbf

The copies keep the input's tags, so the result carries the input's licence (OSM: ODbL 1.0).
"""
import collections
import math
import sys

import osmium


def main(source, copies, target):
    nodes, ways = [], []

    class Reader(osmium.SimpleHandler):
        def node(self, n):
            nodes.append((n.id, n.location.lon, n.location.lat, dict(n.tags)))

        def way(self, w):
            ways.append((w.id, [r.ref for r in w.nodes], dict(w.tags)))

    Reader().apply_file(source, locations=False)
    lons = [n[1] for n in nodes]
    lats = [n[2] for n in nodes]
    width, height = max(lons) - min(lons) + 0.001, max(lats) - min(lats) + 0.001
    columns = max(1, math.ceil(math.sqrt(copies)))
    offset = 10 ** len(str(max(max(n[0] for n in nodes), max(w[0] for w in ways))))
    # The junction: the node on most ways that every mode may use both ways.
    roads = {'primary', 'secondary', 'tertiary', 'residential', 'unclassified'}
    degree = collections.Counter(ref for _, refs, tags in ways
                                 if tags.get('highway') in roads and 'oneway' not in tags and 'access' not in tags
                                 for ref in refs)
    junction = degree.most_common(1)[0][0]
    writer = osmium.SimpleWriter(target)
    for c in range(copies):
        dx, dy = (c % columns) * width, (c // columns) * height
        for node_id, lon, lat, tags in nodes:
            writer.add_node(osmium.osm.mutable.Node(id=node_id + c * offset, location=(lon + dx, lat + dy), tags=tags))
    next_id = copies * offset
    for c in range(copies):
        for way_id, refs, tags in ways:
            writer.add_way(osmium.osm.mutable.Way(id=way_id + c * offset, nodes=[r + c * offset for r in refs], tags=tags))
        if c > 0:
            writer.add_way(osmium.osm.mutable.Way(id=next_id + c, nodes=[junction + (c - 1) * offset, junction + c * offset],
                                                  tags={'highway': 'residential'}))
    writer.close()


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
