/**
 * The cost model, apart from timing: the shared vocabulary of component kinds and actions, action
 * counts, allocations, cost tables with their published sources, and {@link
 * org.xbarsim.cost.CostModel} (area, leakage, energy, average power; compute-only and total).
 * No Pekko, no ND4J, no I/O. Formulas and sources: docs/cost-model.md.
 */
package org.xbarsim.cost;
