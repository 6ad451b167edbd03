package org.xbarsim.cost;

import java.util.Locale;

/**
 * What a component does once, the unit that {@link ActionCounts} counts and that a cost table
 * prices. Which actions a component has, and the unit of one count, is listed on
 * {@link ComponentKind}.
 */
public enum Action {
    /** Read: a crossbar array read, or one byte read from a buffer or register. */
    READ,
    /** Write: one byte written to a buffer or register. */
    WRITE,
    /** Conversion: one DAC row drive, or one ADC column conversion. */
    CONVERT,
    /** One column sampled by a sample-and-hold. */
    SAMPLE,
    /** One operation of a digital unit: shift-add, multiply, activation or pooling of one element. */
    OPERATE,
    /** One byte moved one hop over the on-chip network. */
    TRANSFER,
    /** One row index read by the index (data-alignment) hardware of unstructured sparsity. */
    LOOKUP;

    /** Lower-case name as written in config files ({@code costs.adc.energy-pj.convert}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
