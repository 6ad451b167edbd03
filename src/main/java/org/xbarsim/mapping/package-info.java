/**
 * Pure placement of an integer model on crossbars: {@link org.xbarsim.mapping.CrossbarGroups} (the
 * crossbar-aligned group rule shared with training), {@link org.xbarsim.mapping.Mapper} (model +
 * {@link org.xbarsim.mapping.MappingTarget} -> {@link org.xbarsim.mapping.Mapping}) and
 * {@link org.xbarsim.mapping.ReadBack} (rebuilds each layer's matrix from the cells). No I/O, no Pekko.
 */
package org.xbarsim.mapping;
