/**
 * The simulated hardware, one subpackage per component, each an actor-facing
 * {@link org.xbarsim.sim.Process} with a sealed {@code Command} protocol of records (the thin shell)
 * over a pure {@code XModel} that holds the arithmetic and timing rules (unit-tested without actors);
 * this package itself is the wiring.
 *
 * <p>Data path of one crossbar MVM (docs/design.md section 4): the tile's input buffer
 * ({@code hw.buffer}) reads, as the tile controller's program ({@code hw.tile}) says, a crossbar's
 * static input row list and drives the bit-planes onto the rows ({@code hw.crossbar}: column sums from the stored cell levels), the ADC
 * bank ({@code hw.adc}) converts them (clipped and rounded to the ADC resolution), the tile's shift-add
 * unit ({@code hw.shiftadd}) combines bit-planes, slices, polarities and the crossbars of a column tile,
 * the output unit ({@code hw.output}) adds the bias, requantizes and pools, the output buffer
 * holds the results until the network ({@code hw.network}) takes them to the next
 * layer's tiles. The host ({@code hw.host}) feeds images (or timed requests) and collects logits.
 * {@code hw.common} holds what they share. {@link org.xbarsim.hw.Accelerator} wires it all from a
 * mapping and a chip; no component package depends on this one.
 */
package org.xbarsim.hw;
