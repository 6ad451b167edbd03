package org.xbarsim.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.xbarsim.DidYouMean;
import org.xbarsim.UserInputException;

/** The benchmark cases {@code xbarsim bench} knows, in the order they run. */
public final class BenchRegistry {
    private BenchRegistry() {
    }

    /** Fresh instances of every case. Add a case here: one line. */
    public static List<BenchCase> all() {
        List<Supplier<BenchCase>> cases = List.of(
                GoldenEngineBench::new,
                SimulationBench::unpruned,
                SimulationBench::pruned,
                RecostBench::new,
                ReplayBench::new,
                TrainBench::new
        );
        List<BenchCase> out = new ArrayList<>();
        for (Supplier<BenchCase> s : cases) {
            out.add(s.get());
        }
        return out;
    }

    public static List<String> names() {
        return all().stream().map(BenchCase::name).toList();
    }

    /** The case named {@code name}; an unknown name is a user error with a did-you-mean hint. */
    public static BenchCase byName(String name) {
        for (BenchCase c : all()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new UserInputException("--case " + name + ": unknown benchmark case" + DidYouMean.hint(name, names())
                + " (known: " + String.join(", ", names()) + ")");
    }
}
