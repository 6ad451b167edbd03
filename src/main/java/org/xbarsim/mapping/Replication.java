package org.xbarsim.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbarsim.DidYouMean;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.Chip;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.WeightedLayer;

/**
 * Weight duplication: how many copies of each weighted layer's crossbars the mapper places.
 * <ul>
 *   <li>{@code none}: one copy each (the plain mapping);</li>
 *   <li>{@code LAYER=R,...}: {@code R} copies of the named layers, one of the others;</li>
 *   <li>{@code auto}: greedy, as ISAAC balances its pipeline: start from one copy each and, while
 *       the slowest stage of the {@link PipelineEstimate} can get one more copy within the crossbar
 *       budget, give it one; stop when it cannot (a faster stage's copy would not shorten the
 *       interval between images). The result is the first step of that sequence that reached its
 *       shortest predicted interval (tiles and routers counted), so copies that cannot help, because a
 *       tile or router resource paces the chip, are not kept. A layer gets at most one copy per window of its output
 *       ({@link CopyShares}; a dense layer: none).</li>
 * </ul>
 * The budget counts allocated crossbars, every copy included; 0 means the chip's crossbars.
 *
 * @param text    the choice as written
 * @param factors for {@code LAYER=R}: layer name to copies, in the order written; else empty
 * @param budget  crossbars {@code auto} may fill (0: the whole chip)
 */
public record Replication(String text, Map<String, Integer> factors, long budget) {
    public static final Replication NONE = new Replication("none", Map.of(), 0);

    public Replication {
        factors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factors));
        if (budget < 0) {
            throw new IllegalArgumentException("budget = " + budget + ": must be >= 0");
        }
    }

    /**
     * Reads {@code none}, {@code auto} or {@code LAYER=R,...}.
     *
     * @param where names the option or config key in a message, e.g. {@code --replicate}
     * @throws UserInputException naming {@code where}, the text and the problem
     */
    public static Replication parse(String text, long budget, String where) {
        String t = text.strip();
        if (budget < 0) {
            throw new UserInputException(where + ": crossbar budget " + budget + ": must be >= 0 (0: the chip's crossbars)");
        }
        if (t.equals("none") || t.equals("auto")) {
            return new Replication(t, Map.of(), budget);
        }
        Map<String, Integer> f = new LinkedHashMap<>();
        for (String part : t.split(",")) {
            String[] kv = part.strip().split("=", -1);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new UserInputException(where + " " + text + ": '" + part.strip() + "' is not LAYER=R (expected none, auto"
                        + " or LAYER=R,..., e.g. conv1=4,conv2=2)");
            }
            int r;
            try {
                r = Integer.parseInt(kv[1].strip());
            } catch (NumberFormatException e) {
                throw new UserInputException(where + " " + text + ": copies of '" + kv[0].strip() + "' = '" + kv[1].strip()
                        + "': not a whole number");
            }
            if (r < 1 || r > 1 << 20) {
                throw new UserInputException(where + " " + text + ": copies of '" + kv[0].strip() + "' = " + r
                        + ": must be in [1, 1048576]");
            }
            if (f.put(kv[0].strip(), r) != null) {
                throw new UserInputException(where + " " + text + ": layer '" + kv[0].strip() + "' named twice");
            }
        }
        return new Replication(t, f, budget);
    }

    /**
     * The choice of a command: {@code text} and {@code budget} from its options where given (null:
     * not given), else the config's {@code mapping.*} keys ({@code fromConfig}).
     */
    public static Replication choose(Replication fromConfig, String text, Long budget) {
        Replication base = fromConfig == null ? NONE : fromConfig;
        if (budget != null && budget < 0) {
            throw new UserInputException("--replicate-budget = " + budget + ": must be >= 0 (0: the chip's crossbars)");
        }
        if (text == null && budget == null) {
            return base;
        }
        return parse(text == null ? base.text() : text, budget == null ? base.budget() : budget, "--replicate");
    }

    public boolean isNone() {
        return text.equals("none");
    }

    public boolean isAuto() {
        return text.equals("auto");
    }

    /**
     * Maps {@code model} with the copies this choice gives: the plain mapping first (its crossbars
     * and timing decide {@code auto}), then, if any layer gets more than one copy, the replicated one.
     *
     * @throws UserInputException when a named layer does not exist or has no crossbar, or the copies do not fit
     */
    public Mapping map(IntModel model, MappingTarget target, Chip chip) {
        Mapping single = Mapper.map(model, target);
        if (isNone()) {
            return single;
        }
        int[] copies = copies(model, single, target, chip);
        for (int c : copies) {
            if (c > 1) {
                return Mapper.map(model, target, copies);
            }
        }
        return single;
    }

    /** Copies per weighted layer, in model order, for the plain mapping {@code single}. */
    public int[] copies(IntModel model, Mapping single, MappingTarget target, Chip chip) {
        List<WeightedLayer> weighted = model.weightedLayers();
        int[] copies = new int[weighted.size()];
        java.util.Arrays.fill(copies, 1);
        if (isNone()) {
            return copies;
        }
        if (!isAuto()) {
            List<String> names = weighted.stream().map(WeightedLayer::name).toList();
            List<String> problems = new ArrayList<>();
            for (var e : factors.entrySet()) {
                int n = names.indexOf(e.getKey());
                if (n < 0) {
                    problems.add("no weighted layer '" + e.getKey() + "'" + DidYouMean.hint(e.getKey(), names)
                            + " (weighted layers: " + String.join(", ", names) + ")");
                } else if (single.layers().get(n).crossbars().isEmpty() && e.getValue() > 1) {
                    problems.add("layer '" + e.getKey() + "' has no crossbar to copy (all its weights are pruned)");
                } else if (e.getValue() > windowsOf(model, single, n)) {
                    problems.add("layer '" + e.getKey() + "': " + e.getValue() + " copies, but its output has only "
                            + windowsOf(model, single, n) + " window(s) to share out (output pixels, or pooled blocks of them)");
                } else {
                    copies[n] = e.getValue();
                }
            }
            if (!problems.isEmpty()) {
                throw new UserInputException("replication " + text + " for model '" + model.name() + "':", problems);
            }
            return copies;
        }
        long limit = budget == 0 ? target.totalCrossbars() : Math.min(budget, target.totalCrossbars());
        long used = single.allocatedCrossbars();
        PipelineEstimate now = PipelineEstimate.planned(model, single, chip, copies);
        int[] best = copies.clone();
        double bestInterval = now.intervalCycles();
        while (true) {
            int slowest = -1;
            double worst = -1;
            for (int n = 0; n < copies.length; n++) {
                double c = now.stages().get(n).cyclesPerImage();
                if (c > worst) {
                    worst = c;
                    slowest = n;
                }
            }
            PipelineEstimate.Stage st = now.stages().get(slowest);
            int extra = st.copyCrossbars();
            if (extra == 0 || copies[slowest] >= st.maxReplicas() || used + extra > limit || !fits(model, target, copies, slowest)) {
                return best; // the slowest stage cannot get another copy
            }
            copies[slowest]++;
            now = PipelineEstimate.planned(model, single, chip, copies);
            used += extra;
            if (now.intervalCycles() < bestInterval) {
                // the fewest copies that reach the shortest interval so far (a tile or router may pace the chip)
                bestInterval = now.intervalCycles();
                best = copies.clone();
            }
        }
    }

    /** Windows of weighted layer {@code n}: the most copies it can have ({@link CopyShares}). */
    private static int windowsOf(IntModel model, Mapping single, int n) {
        int[] w = CopyShares.windows(model, single.layers().get(n).layerIndex());
        return w[w.length - 1];
    }

    /** True when one more copy of layer {@code n} still fits the chip's tile slots (layer-per-tile packing rounds up). */
    private static boolean fits(IntModel model, MappingTarget target, int[] copies, int n) {
        if (target.packing() == MappingTarget.TilePacking.SHARED) {
            return true; // the budget, at most the chip's crossbars, already bounds it
        }
        int[] more = copies.clone();
        more[n]++;
        try {
            Mapper.map(model, target, more);
            return true;
        } catch (UserInputException e) {
            return false;
        }
    }
}
