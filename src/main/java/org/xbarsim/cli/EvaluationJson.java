package org.xbarsim.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code eval --json}: the accuracy eval prints, with each class's and the confusion matrix, as one JSON
 * object for scripts (docs/training.md lists the keys). No times: the object is the same for any
 * thread count.
 *
 * @param confusion {@code confusion[label][predicted]}: how many images of each class went to each class
 */
record EvaluationJson(String format, int version, String model, String modelName, int weightedLayers,
                      boolean multiplierFree, String dataset, String split, String source, int images, int correct,
                      double accuracy, List<ClassAccuracy> perClass, int[][] confusion) {
    static final String FORMAT = "xbarsim-eval";
    static final int VERSION = 1;

    record ClassAccuracy(int label, int images, int correct, double accuracy) {
    }

    /** The counts of {@code predicted} against {@code labels}, both in {@code [0, classes)}. */
    static EvaluationJson of(String model, String modelName, int weightedLayers, boolean multiplierFree, String dataset,
                             String source, int classes, int[] labels, int[] predicted) {
        int[][] confusion = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            confusion[labels[i]][predicted[i]]++;
        }
        List<ClassAccuracy> perClass = new ArrayList<>();
        int correct = 0;
        for (int c = 0; c < classes; c++) {
            int n = 0;
            for (int p = 0; p < classes; p++) {
                n += confusion[c][p];
            }
            correct += confusion[c][c];
            perClass.add(new ClassAccuracy(c, n, confusion[c][c], n == 0 ? 0 : confusion[c][c] / (double) n));
        }
        return new EvaluationJson(FORMAT, VERSION, model, modelName, weightedLayers, multiplierFree, dataset, "test", source,
                labels.length, correct, correct / (double) labels.length, perClass, confusion);
    }
}
