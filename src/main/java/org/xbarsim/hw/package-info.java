/**
 * The simulated hardware: one class family per component, each an actor-facing
 * {@link org.xbarsim.sim.Process} with a sealed {@code Command} protocol of records (the thin shell)
 * over a pure {@code XModel} that holds the arithmetic and timing rules (unit-tested without actors).
 *
 * <p>Data path of one crossbar MVM (docs/design.md section 4): the {@link org.xbarsim.hw.TileController}
 * reads a crossbar's static input row list from the tile's input buffer and drives the bit-planes
 * onto the rows ({@link org.xbarsim.hw.Crossbar}: column sums from the stored cell levels), the
 * {@link org.xbarsim.hw.AdcBank} converts them (clipped and rounded to the ADC resolution), the
 * tile's {@link org.xbarsim.hw.ShiftAdd} combines bit-planes, slices, polarities and the crossbars of
 * a column tile, the {@link org.xbarsim.hw.OutputUnit} adds the bias, requantizes, pools and sends
 * the activations over the {@link org.xbarsim.hw.Network} to the next layer's tiles. The
 * {@link org.xbarsim.hw.Host} feeds images (or timed requests) and collects logits. {@link org.xbarsim.hw.Accelerator}
 * wires it all from a mapping and a chip.
 */
package org.xbarsim.hw;
