package org.xbarsim.trace;

import java.util.regex.Pattern;

/**
 * Well-known component kinds. A kind is a lower-case kebab-case string so that later versions and
 * other producers can add kinds without a format change; these are the ones xbarsim writes.
 */
public final class ComponentKinds {
    public static final String CROSSBAR = "crossbar";
    public static final String DAC = "dac";
    public static final String ADC = "adc";
    public static final String SAMPLE_HOLD = "sample-hold";
    public static final String SHIFT_ADD = "shift-add";
    /** The digital rescaling multiplier that a non-power-of-two (baseline) model needs. */
    public static final String MULTIPLIER = "multiplier";
    public static final String INPUT_BUFFER = "input-buffer";
    public static final String OUTPUT_BUFFER = "output-buffer";
    public static final String ACTIVATION = "activation";
    public static final String POOLING = "pooling";
    public static final String NETWORK = "network";
    public static final String CONTROLLER = "controller";
    /** Output/partial-sum registers. */
    public static final String REGISTER = "register";
    /** Index/alignment hardware that unstructured pruning needs (charged for comparison only). */
    public static final String INDEX = "index";

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private ComponentKinds() {
    }

    /** True for lower-case kebab-case names such as {@code shift-add}. */
    public static boolean isValidName(String s) {
        return s != null && NAME.matcher(s).matches();
    }
}
