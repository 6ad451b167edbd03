package org.xbarsim.report;

import java.util.List;

/**
 * One line of {@code outputs.jsonl}: the simulated result for one image.
 *
 * @param index     image index in the data set (or input file)
 * @param label     true class, or null if unknown
 * @param predicted class with the largest logit (the lowest index on a tie)
 * @param logits    integer logits of the last layer, in class order
 */
public record ImageOutput(int index, Integer label, int predicted, List<Long> logits) {
    public ImageOutput {
        logits = List.copyOf(logits);
        if (logits.isEmpty()) {
            throw new IllegalArgumentException("image " + index + ": no logits");
        }
        if (predicted < 0 || predicted >= logits.size()) {
            throw new IllegalArgumentException("image " + index + ": predicted class " + predicted
                    + " outside [0, " + logits.size() + ")");
        }
    }

    /** An output whose predicted class is the argmax of {@code logits} (lowest index on a tie). */
    public static ImageOutput of(int index, Integer label, long[] logits) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("image " + index + ": no logits");
        }
        int best = 0;
        Long[] boxed = new Long[logits.length];
        for (int i = 0; i < logits.length; i++) {
            boxed[i] = logits[i];
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return new ImageOutput(index, label, best, List.of(boxed));
    }

    /** As {@link #of(int, Integer, long[])} for {@code int} logits. */
    public static ImageOutput of(int index, Integer label, int[] logits) {
        long[] l = new long[logits.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = logits[i];
        }
        return of(index, label, l);
    }

    /** True when the label is known and equals the prediction. */
    public boolean correct() {
        return label != null && label == predicted;
    }
}
