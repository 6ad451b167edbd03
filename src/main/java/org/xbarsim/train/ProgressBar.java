package org.xbarsim.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line of progress per epoch on a terminal: phase, epoch, a bar, running loss and accuracy,
 * and the estimated time left in the epoch. Silent when disabled (not a TTY, or {@code --quiet}).
 * Wall-clock time is used only here, never in anything written to a file.
 */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final boolean enabled;
    private long epochStart;
    private long lastDraw;

    public ProgressBar(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    public static ProgressBar disabled() {
        return new ProgressBar(System.err, false);
    }

    void startEpoch() {
        epochStart = System.nanoTime();
        lastDraw = 0;
    }

    void update(String phase, int epoch, int epochs, int done, int total, double loss, double accuracy) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double frac = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(frac * WIDTH);
        double elapsed = (now - epochStart) / 1e9;
        double left = frac > 0 ? elapsed * (1 - frac) / frac : 0;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        out.print(String.format(Locale.ROOT, "\r%-9s epoch %d/%d [%s] %3.0f%% loss %.4f acc %5.1f%% %s %s",
                phase, epoch, epochs, bar, 100 * frac, loss, 100 * accuracy,
                done < total ? "left" : "took", clock(done < total ? left : elapsed)));
        if (done >= total) {
            out.println();
        }
        out.flush();
    }

    void message(String text) {
        if (enabled) {
            out.println(text);
            out.flush();
        }
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
