package org.xbarsim.io;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of long work on the error stream, in the style that suits where it goes: a line redrawn
 * in place on a terminal, or, when the stream is a pipe or a file (a CI log, {@code | tee}), one
 * plain line every {@value #LINE_INTERVAL_SECONDS} seconds so that the log shows the work is alive.
 * Wall-clock time only decides when to print, never what a command writes to a file.
 */
public final class ProgressOutput {
    /** Seconds between two progress lines when the error stream is not a terminal. */
    public static final int LINE_INTERVAL_SECONDS = 15;
    private static final long TERMINAL_REDRAW_NANOS = 250_000_000L;

    /** Where progress goes. */
    public enum Style {
        /** Redraw one line in place. */
        TERMINAL,
        /** A new line at a steady interval. */
        LINES,
        /** Nothing. */
        OFF;

        /**
         * {@link #TERMINAL} when standard error is a terminal, else {@link #LINES}; {@link #OFF} when quiet.
         * The launcher tells whether it is ({@value #STDERR_TTY_PROPERTY}); Java cannot, and without the
         * property a console (standard input and output on a terminal) stands for it.
         */
        public static Style forStderr(boolean quiet) {
            return forStderr(quiet, System.getProperty(STDERR_TTY_PROPERTY), System.console() != null);
        }

        static Style forStderr(boolean quiet, String stderrTty, boolean console) {
            if (quiet) {
                return OFF;
            }
            return (stderrTty != null ? Boolean.parseBoolean(stderrTty) : console) ? TERMINAL : LINES;
        }

        /** Set by the launcher to {@code true} or {@code false}: whether standard error is a terminal. */
        public static final String STDERR_TTY_PROPERTY = "xbarsim.stderr-tty";
    }

    private final PrintWriter err;
    private final Style style;
    private final long intervalNanos;
    private long lastShown = Long.MIN_VALUE;
    private boolean lineOpen;

    public ProgressOutput(PrintWriter err, Style style) {
        this(err, style, LINE_INTERVAL_SECONDS * 1_000_000_000L);
    }

    /** With another interval between plain lines (tests). */
    public ProgressOutput(PrintWriter err, Style style, long lineIntervalNanos) {
        this.err = err;
        this.style = style;
        this.intervalNanos = style == Style.TERMINAL ? TERMINAL_REDRAW_NANOS : lineIntervalNanos;
    }

    public Style style() {
        return style;
    }

    /** True when a line shown now would respect the interval (always false when off). */
    public synchronized boolean due() {
        return style != Style.OFF && (lastShown == Long.MIN_VALUE || System.nanoTime() - lastShown >= intervalNanos);
    }

    /** Shows {@code line} when {@link #due()}, or whatever the interval when {@code always}. */
    public synchronized void show(String line, boolean always) {
        if (style == Style.OFF || !(always || due())) {
            return;
        }
        lastShown = System.nanoTime();
        if (style == Style.TERMINAL) {
            err.print("\r\033[K" + line);
            lineOpen = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the progress display: erases a terminal line, so the next output starts clean. */
    public synchronized void clear() {
        if (style == Style.TERMINAL && lineOpen) {
            err.print("\r\033[K");
            err.flush();
            lineOpen = false;
        }
    }

    /** Ends a terminal line so that it stays visible (an epoch's last state). */
    public synchronized void keep() {
        if (style == Style.TERMINAL && lineOpen) {
            err.println();
            err.flush();
            lineOpen = false;
        }
    }

    /** "phase: 42% (done/total unit), 1m05s left" with the time left estimated from the rate so far. */
    public static String line(String phase, long done, long total, String unit, double elapsedSeconds) {
        double frac = total <= 0 ? 1 : Math.min(1, (double) done / total);
        String left = frac > 0 && frac < 1 ? ", " + clock(elapsedSeconds * (1 - frac) / frac) + " left"
                : frac >= 1 ? ", took " + clock(elapsedSeconds) : "";
        return String.format(Locale.ROOT, "%s: %3.0f%% (%d/%d %s)%s", phase, 100 * frac, done, total, unit, left);
    }

    /** "45s", "3m07s", "1h02m". */
    public static String clock(double seconds) {
        long s = Math.round(Math.max(0, seconds));
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
