#!/usr/bin/env python3
"""The PUMA simulator's own tile and node totals at peak (all components accessed every cycle), as
docs/cost-model.md compares them with `./xbarsim cost --config sim-configs/puma.conf`.

Calls the simulator's src/ima_metrics.py, tile_metrics.py and node_metrics.py with its default
include/config.py and include/constants.py. node_metrics.py prices power over cfg.num_tile_compute
(7, the tiles its example maps) but area over cfg.num_tile_max (168); this script prints both, and
the node's power with all 168 tiles.

Run from the root of a checkout of github.com/Aayush-Ankit/puma-simulator (needs NumPy):
    python3 /path/to/xbarsim/scripts/puma-metrics.py
"""
import os
import sys

sys.path[:0] = [os.path.join(os.getcwd(), "include"), os.path.join(os.getcwd(), "src")]
import config as cfg  # noqa: E402
import ima_metrics  # noqa: E402
import node_metrics  # noqa: E402
import tile_metrics  # noqa: E402

for name, m in (("ima", ima_metrics), ("tile", tile_metrics),
                ("node (power over %d tiles)" % cfg.num_tile_compute, node_metrics)):
    print("%s: area %.4f mm^2, peak power %.2f mW (dynamic %.2f + leakage %.2f)"
          % (name, m.compute_area(), m.compute_pow_peak(), m.compute_pow_dyn(), m.compute_pow_leak()))
cfg.num_tile_compute = int(cfg.num_tile_max)
print("node (power over %d tiles): area %.4f mm^2, peak power %.2f mW (dynamic %.2f + leakage %.2f)"
      % (cfg.num_tile_compute, node_metrics.compute_area(), node_metrics.compute_pow_peak(),
         node_metrics.compute_pow_dyn(), node_metrics.compute_pow_leak()))
