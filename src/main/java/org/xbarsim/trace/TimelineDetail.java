package org.xbarsim.trace;

/** How much of a trace a timeline shows. */
public enum TimelineDetail {
    /**
     * Busy slices of the components that set the pace (crossbars, buffers, shift-add, output,
     * network); no DAC, sample-and-hold, register or ADC tracks (they mirror their crossbar), no
     * stalls, no flows.
     */
    SUMMARY,
    /** Every component's busy slices and its stalls. */
    NORMAL,
    /** As {@link #NORMAL}, plus flow arrows from each network send to the tile that receives it. */
    FULL;

    /** The option value, e.g. {@code normal}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
