package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses an exported timeline and checks every rule of the Chrome Trace Event format that the
 * viewers rely on: metadata before any other event of a process, a name for every pid and tid,
 * numeric counters, X events with a non-negative duration, per-thread timestamps that never go
 * back, slices on a thread that are disjoint or properly nested, and flows whose finish has a start.
 */
public final class TimelineChecks {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** What a checked timeline holds. */
    public record Parsed(JsonNode root, List<JsonNode> events, Map<String, String> threadNames, long slices, long flowStarts,
                         long flowEnds, long counters) {
        /** Sum of {@code args.count} of the X events per (component kind, action), keys {@code kind/action}. */
        public TreeMap<String, Long> countsByKindAction(TraceHeader header) {
            Map<String, String> kindOf = new HashMap<>();
            header.components().forEach(c -> kindOf.put(c.name(), c.kind()));
            TreeMap<String, Long> out = new TreeMap<>();
            for (JsonNode e : events) {
                if (e.path("ph").asText().equals("X") || e.path("ph").asText().equals("i")) {
                    String thread = threadNames.get(e.get("pid").asInt() + "/" + e.get("tid").asInt());
                    String component = thread.replaceAll(" #\\d+$", "").replaceAll(" stalls$", "");
                    String kind = kindOf.get(component);
                    assertTrue(kind != null, "thread '" + thread + "' names no component of the trace");
                    out.merge(kind + "/" + e.get("name").asText(), e.at("/args/count").asLong(), Long::sum);
                }
            }
            return out;
        }
    }

    private TimelineChecks() {
    }

    /** {@code ts} rounded to the timeline's 1/8192 us grid (exact in binary floating point). */
    private static BigDecimal onTheGrid(BigDecimal ts) {
        BigDecimal units = ts.multiply(BigDecimal.valueOf(8192)).setScale(0, java.math.RoundingMode.HALF_UP);
        return units.divide(BigDecimal.valueOf(8192));
    }

    public static Parsed check(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        assertEquals("ns", root.path("displayTimeUnit").asText(), "displayTimeUnit");
        JsonNode other = root.path("otherData");
        for (String key : List.of("model", "config", "model-sha256", "config-sha256", "clock-ghz", "images")) {
            assertFalse(other.path(key).isMissingNode(), "otherData." + key + " missing: " + other);
        }
        JsonNode array = root.path("traceEvents");
        assertTrue(array.isArray() && array.size() > 0, "traceEvents must be a non-empty array");
        Set<Integer> namedPids = new HashSet<>();
        Set<Integer> sortedPids = new HashSet<>();
        Set<Integer> pidsWithEvents = new HashSet<>();
        Map<String, String> threadNames = new HashMap<>();
        Set<String> sortedThreads = new HashSet<>();
        Map<String, BigDecimal> lastTs = new HashMap<>();
        Map<String, ArrayDeque<BigDecimal>> open = new HashMap<>();
        Map<Long, BigDecimal> flowStart = new HashMap<>();
        List<JsonNode> events = new java.util.ArrayList<>();
        long slices = 0;
        long starts = 0;
        long ends = 0;
        long counters = 0;
        int i = 0;
        for (JsonNode e : array) {
            events.add(e);
            String where = "event " + i++ + " " + e;
            String ph = e.path("ph").asText();
            assertTrue(e.path("pid").isInt(), where + ": pid must be an integer");
            int pid = e.get("pid").asInt();
            if (ph.equals("M")) {
                assertFalse(pidsWithEvents.contains(pid), where + ": metadata after other events of process " + pid);
                String name = e.path("name").asText();
                String thread = pid + "/" + e.path("tid").asInt();
                switch (name) {
                    case "process_name" -> namedPids.add(pid);
                    case "process_sort_index" -> sortedPids.add(pid);
                    case "thread_name" -> threadNames.put(thread, e.at("/args/name").asText());
                    case "thread_sort_index" -> sortedThreads.add(thread);
                    default -> fail(where + ": unknown metadata");
                }
                continue;
            }
            pidsWithEvents.add(pid);
            assertTrue(namedPids.contains(pid) && sortedPids.contains(pid), where + ": process " + pid + " has no name or sort index");
            assertTrue(e.path("ts").isNumber(), where + ": ts must be a number");
            BigDecimal ts = e.get("ts").decimalValue();
            assertTrue(ts.signum() >= 0, where + ": negative ts");
            if (ph.equals("C")) {
                counters++;
                assertTrue(e.path("args").isObject() && e.get("args").size() > 0, where + ": counter without values");
                e.get("args").forEach(v -> assertTrue(v.isNumber(), where + ": counter value " + v + " is not a number"));
                continue;
            }
            String thread = pid + "/" + e.path("tid").asInt();
            assertTrue(e.path("tid").isInt() && threadNames.containsKey(thread) && sortedThreads.contains(thread),
                    where + ": thread " + thread + " has no name or sort index");
            BigDecimal prev = lastTs.put(thread, ts);
            assertTrue(prev == null || prev.compareTo(ts) <= 0, where + ": ts goes back on thread " + thread + " (was " + prev + ")");
            switch (ph) {
                case "X", "i" -> {
                    slices++;
                    if (ph.equals("X")) {
                        assertTrue(e.path("dur").isNumber() && e.get("dur").decimalValue().signum() > 0, where + ": bad dur");
                    } else {
                        assertEquals("t", e.path("s").asText(), where + ": an instant belongs to its thread");
                        assertTrue(e.path("dur").isMissingNode(), where + ": an instant has no dur");
                    }
                    assertEquals(0, ts.compareTo(onTheGrid(ts)), where + ": ts is not a multiple of 1/8192 us");
                    assertTrue(e.path("name").isTextual() && e.path("cat").isTextual(), where + ": X needs name and cat");
                    assertTrue(e.at("/args/count").isIntegralNumber() && e.at("/args/start-cycle").isIntegralNumber(),
                            where + ": args need count and start-cycle");
                    BigDecimal end = ph.equals("X") ? ts.add(e.get("dur").decimalValue()) : ts;
                    ArrayDeque<BigDecimal> stack = open.computeIfAbsent(thread, k -> new ArrayDeque<>());
                    while (!stack.isEmpty() && stack.peek().compareTo(ts) <= 0) {
                        stack.pop();
                    }
                    assertTrue(stack.isEmpty() || end.compareTo(stack.peek()) <= 0,
                            where + ": overlaps the slice ending at " + stack.peek() + " without nesting in it");
                    stack.push(end);
                }
                case "s" -> {
                    starts++;
                    assertTrue(flowStart.put(e.get("id").asLong(), ts) == null, where + ": flow id used twice");
                }
                case "f" -> {
                    ends++;
                    BigDecimal s = flowStart.get(e.get("id").asLong());
                    assertTrue(s != null && s.compareTo(ts) <= 0, where + ": flow finish without an earlier start");
                    assertEquals("e", e.path("bp").asText(), where);
                }
                default -> fail(where + ": unexpected phase " + ph);
            }
        }
        return new Parsed(root, events, threadNames, slices, starts, ends, counters);
    }
}
