package org.xbarsim.vocabulary;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of hardware component that the cost model prices and the simulator counts actions for.
 *
 * <p>{@link #compute()} marks the computing part (crossbars, DACs, ADCs, sample-and-hold,
 * shift-add, multipliers): the paper's 19.8x power and 18.8x area are computing power and area,
 * so reports give these apart from the total (which adds buffers, registers, activation, pooling,
 * network, bus, off-chip links and index hardware). Compute power and energy are the compute
 * kinds' dynamic energy plus their leakage.
 *
 * <p>{@link #scaledBy()} says what one allocated instance's area and leakage are multiplied by
 * (crossbar figures are per cell, buffer and register figures per byte of capacity, index figures
 * per crossbar row); energies are per action, except a crossbar read, which is per cell of the
 * array.
 */
public enum ComponentKind {
    /** A crossbar array; READ = one array read (one input slice on all rows, all columns sensed). */
    CROSSBAR("crossbar", true, Scale.CELLS, EnumSet.of(Action.READ)),
    /** A row DAC; CONVERT = one row driven for one array read. */
    DAC("dac", true, Scale.UNIT, EnumSet.of(Action.CONVERT)),
    /** A column ADC; CONVERT = one column converted. */
    ADC("adc", true, Scale.UNIT, EnumSet.of(Action.CONVERT)),
    /** A column sample-and-hold; SAMPLE = one column held. */
    SAMPLE_HOLD("sample-hold", true, Scale.UNIT, EnumSet.of(Action.SAMPLE)),
    /** A shift-and-add unit; OPERATE = one partial sum shifted and accumulated. */
    SHIFT_ADD("shift-add", true, Scale.UNIT, EnumSet.of(Action.OPERATE)),
    /** A digital multiplier for non-power-of-two rescaling; OPERATE = one multiply. */
    MULTIPLIER("multiplier", true, Scale.UNIT, EnumSet.of(Action.OPERATE)),
    /** A tile's input buffer; READ/WRITE = one byte. */
    INPUT_BUFFER("input-buffer", false, Scale.INPUT_BUFFER_BYTES, EnumSet.of(Action.READ, Action.WRITE)),
    /** A tile's output buffer; READ/WRITE = one byte. */
    OUTPUT_BUFFER("output-buffer", false, Scale.OUTPUT_BUFFER_BYTES, EnumSet.of(Action.READ, Action.WRITE)),
    /** An activation (ReLU/requantization) unit; OPERATE = one element. */
    ACTIVATION("activation", false, Scale.UNIT, EnumSet.of(Action.OPERATE)),
    /** A pooling unit; OPERATE = one input element compared or added. */
    POOLING("pooling", false, Scale.UNIT, EnumSet.of(Action.OPERATE)),
    /** A router of the on-chip network; TRANSFER = one byte over one hop. */
    NETWORK("network", false, Scale.UNIT, EnumSet.of(Action.TRANSFER)),
    /**
     * The input register beside one crossbar (with its output register's area); READ = one byte of
     * input read by the row drivers. Its filling is the bus's transfer, not a separate write.
     */
    REGISTER("register", false, Scale.REGISTER_BYTES, EnumSet.of(Action.READ)),
    /** Index and alignment hardware for one crossbar (unstructured sparsity only); LOOKUP = one row index. */
    INDEX("index", false, Scale.ROWS, EnumSet.of(Action.LOOKUP)),
    /** A tile's bus from its input buffer to its crossbars' input registers; TRANSFER = one byte. */
    BUS("bus", false, Scale.UNIT, EnumSet.of(Action.TRANSFER)),
    /** An off-chip link (ISAAC's HyperTransport); TRANSFER = one byte. Priced for the whole chip only. */
    IO_LINK("io-link", false, Scale.UNIT, EnumSet.of(Action.TRANSFER));

    /** What one instance's area and leakage figures are multiplied by. */
    public enum Scale {
        /** Per instance. */
        UNIT,
        /** Per cell of the array: rows x columns. */
        CELLS,
        /** Per byte of the input buffer's capacity. */
        INPUT_BUFFER_BYTES,
        /** Per byte of the output buffer's capacity. */
        OUTPUT_BUFFER_BYTES,
        /** Per byte of register space beside one crossbar. */
        REGISTER_BYTES,
        /** Per crossbar row (one stored row index each). */
        ROWS
    }

    private final String key;
    private final boolean compute;
    private final Scale scaledBy;
    private final Set<Action> actions;

    ComponentKind(String key, boolean compute, Scale scaledBy, EnumSet<Action> actions) {
        this.key = key;
        this.compute = compute;
        this.scaledBy = scaledBy;
        this.actions = Collections.unmodifiableSet(actions);
    }

    /** Name as written in config files ({@code costs.sample-hold}). */
    public String key() {
        return key;
    }

    /** True for the computing part whose power and area the paper's ratios compare. */
    public boolean compute() {
        return compute;
    }

    public Scale scaledBy() {
        return scaledBy;
    }

    /** The actions this component performs, in {@link Action} order. */
    public Set<Action> actions() {
        return actions;
    }

    public boolean has(Action action) {
        return actions.contains(action);
    }

    /**
     * True for digital CMOS parts, whose figures technology-node scaling moves; false for the analog
     * parts (crossbar, DAC, ADC, sample-and-hold) and the off-chip links, which keep their published figures.
     */
    public boolean digital() {
        return !(this == CROSSBAR || this == DAC || this == ADC || this == SAMPLE_HOLD || this == IO_LINK);
    }

    /** True when one count is one byte (buffers, registers, network, bus, links); traces keep the bytes. */
    public boolean countsBytes() {
        return this == INPUT_BUFFER || this == OUTPUT_BUFFER || this == REGISTER || this == NETWORK || this == BUS
                || this == IO_LINK;
    }

    /** The kind whose {@link #key()} is {@code key}, or null. */
    public static ComponentKind fromKeyOrNull(String key) {
        for (ComponentKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        return null;
    }

    public static ComponentKind fromKey(String key) {
        ComponentKind k = fromKeyOrNull(key.toLowerCase(Locale.ROOT));
        if (k == null) {
            throw new IllegalArgumentException("unknown component kind '" + key + "'");
        }
        return k;
    }
}
