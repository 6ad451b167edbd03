package org.xbarsim.train;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import org.xbarsim.io.ProgressOutput;

/**
 * Training progress on the error stream: phase, epoch, a bar, running loss and accuracy, and the
 * estimated time left in the epoch, redrawn on a terminal or printed as a plain line every few
 * seconds into a pipe or a log ({@link ProgressOutput}); each epoch's last state stays visible.
 * Silent with {@code --quiet}. Wall-clock time is used only here, never in anything written to a file.
 */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private final ProgressOutput display;
    private final PrintWriter out;
    private long epochStart;

    public ProgressBar(PrintStream out, ProgressOutput.Style style) {
        this(new PrintWriter(out, true), style);
    }

    /** On a writer of the caller's (a command's error stream, which a test or the demo may have set). */
    public ProgressBar(PrintWriter out, ProgressOutput.Style style) {
        this.out = out;
        this.display = new ProgressOutput(this.out, style);
    }

    public static ProgressBar disabled() {
        return new ProgressBar(System.err, ProgressOutput.Style.OFF);
    }

    void startEpoch() {
        epochStart = System.nanoTime();
    }

    void update(String phase, int epoch, int epochs, int done, int total, double loss, double accuracy) {
        boolean last = done >= total;
        if (!last && !display.due()) {
            return;
        }
        double frac = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(frac * WIDTH);
        double elapsed = (System.nanoTime() - epochStart) / 1e9;
        double left = frac > 0 ? elapsed * (1 - frac) / frac : 0;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        display.show(String.format(Locale.ROOT, "%-9s epoch %d/%d [%s] %3.0f%% loss %.4f acc %5.1f%% %s %s",
                phase, epoch, epochs, bar, 100 * frac, loss, 100 * accuracy,
                last ? "took" : "left", ProgressOutput.clock(last ? elapsed : left)), last);
        if (last) {
            display.keep();
        }
    }

    void message(String text) {
        if (display.style() != ProgressOutput.Style.OFF) {
            display.clear();
            out.println(text);
            out.flush();
        }
    }
}
