/**
 * What the hardware components share and no one component owns: the per-layer plan the wiring
 * hands every component ({@link org.xbarsim.hw.common.LayerPlan}), the activations that travel
 * between tiles, a one-at-a-time resource ({@link org.xbarsim.hw.common.Port}) and the diagnostic
 * layer probe. It depends on no other hardware package.
 */
package org.xbarsim.hw.common;
