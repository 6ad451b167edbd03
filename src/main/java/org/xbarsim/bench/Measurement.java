package org.xbarsim.bench;

/**
 * One named number from one repeat of a benchmark case.
 *
 * @param name           stable key, e.g. {@code images-per-second-1-thread}
 * @param value          the measured value
 * @param unit           unit, e.g. {@code images/s}
 * @param higherIsBetter whether larger values are better (throughput) or worse (time)
 */
public record Measurement(String name, double value, String unit, boolean higherIsBetter) {
    public Measurement {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("measurement name must not be empty");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("measurement " + name + " = " + value + ": must be finite");
        }
    }

    public static Measurement throughput(String name, double value, String unit) {
        return new Measurement(name, value, unit, true);
    }

    public static Measurement time(String name, double value, String unit) {
        return new Measurement(name, value, unit, false);
    }
}
