package org.xbarsim.vocabulary;

import java.util.Locale;

/**
 * What a component does once: the unit that the simulator counts, the trace records and a cost
 * table prices. Which actions a component has, and the unit of one count, is listed on
 * {@link ComponentKind}. Written in traces, reports and config files by {@link #key()}.
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
    /** One byte moved one hop over the on-chip network, or over a tile's buffer-to-crossbar bus. */
    TRANSFER,
    /** One row index read by the index (data-alignment) hardware of unstructured sparsity. */
    LOOKUP,
    /** Waiting for a busy resource: traced (its duration is the wait), never counted or priced. */
    STALL,
    /**
     * Bytes a buffer frees (data no later read needs): traced, so that writes minus frees give how
     * full the buffer is over time; never counted or priced.
     */
    FREE;

    /** False for the actions that are traced only ({@link #STALL}, {@link #FREE}): never counted or priced. */
    public boolean counted() {
        return this != STALL && this != FREE;
    }

    /** Lower-case name as written in traces, reports and config files ({@code costs.adc.energy-pj.convert}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action whose {@link #key()} is {@code key}, or null. */
    public static Action fromKeyOrNull(String key) {
        for (Action a : values()) {
            if (a.key().equals(key)) {
                return a;
            }
        }
        return null;
    }
}
