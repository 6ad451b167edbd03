package org.xbarsim.trace;

/**
 * Well-known action names (lower-case kebab-case, like kinds). One trace record stands for
 * {@code count} unit actions of one name, e.g. 128 ADC conversions.
 */
public final class ActionNames {
    /** A crossbar read: one input bit-plane applied to the rows, all columns sensed. */
    public static final String READ = "read";
    /** A DAC driving one row with one input bit (or multi-bit value). */
    public static final String DRIVE = "drive";
    /** One ADC conversion of one column. */
    public static final String CONVERT = "convert";
    /** One sample-and-hold capture of one column. */
    public static final String SAMPLE = "sample";
    /** One shift-and-add of one partial sum. */
    public static final String SHIFT_ADD = "shift-add";
    /** One digital multiply (baseline rescaling). */
    public static final String MULTIPLY = "multiply";
    /** Reading one word from a buffer; the record's {@code arg} may hold the bytes read. */
    public static final String BUFFER_READ = "buffer-read";
    /** Writing one word to a buffer; the record's {@code arg} may hold the bytes written. */
    public static final String BUFFER_WRITE = "buffer-write";
    /** Applying the activation function / requantization to one value. */
    public static final String ACTIVATE = "activate";
    /** One pooling output. */
    public static final String POOL = "pool";
    /** One message (or flit) sent over the network; {@code arg} holds the bytes. */
    public static final String SEND = "send";
    /** Waiting for a busy resource; {@code count} is usually 1 and the duration is the wait. */
    public static final String STALL = "stall";

    private ActionNames() {
    }
}
