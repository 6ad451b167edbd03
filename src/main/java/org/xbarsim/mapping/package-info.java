/**
 * Pure placement of an integer model on crossbars (docs/mapping.md). {@link
 * org.xbarsim.mapping.CrossbarGroups} is the crossbar-aligned group rule shared with training;
 * {@link org.xbarsim.mapping.Mapper} turns a model and a {@link org.xbarsim.mapping.MappingTarget}
 * into a {@link org.xbarsim.mapping.Mapping} (per crossbar: tile, input rows, output columns,
 * column roles, cell levels); {@link org.xbarsim.mapping.ReadBack} rebuilds each layer's matrix
 * from the cells; {@link org.xbarsim.mapping.MappingCost} and {@link
 * org.xbarsim.mapping.ActionEstimate} give area and an analytical energy estimate through the
 * cost model; {@link org.xbarsim.mapping.MappingJson} is the JSON form. No file I/O, no Pekko.
 */
package org.xbarsim.mapping;
