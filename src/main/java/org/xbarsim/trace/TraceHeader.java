package org.xbarsim.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a trace is about and the dictionaries its records refer to. Written once, as JSON, at the
 * start of the file (docs/trace-format.md).
 *
 * @param model        model name (as in the model file)
 * @param config       chip config name
 * @param clockGhz     clock frequency in GHz; turns cycles into seconds
 * @param windowCycles the simulator's narrowest time window (its minimum message latency) in cycles, or 0 if it used none
 * @param attributes   free-form string facts (e.g. input file hashes, image count); sorted by key
 * @param components   component dictionary, in id order
 * @param actions      action dictionary, in id order
 * @param layers       the model's layer names, by the index records carry in {@code layer}; empty
 *                     when the trace does not say (version 2)
 */
public record TraceHeader(String model, String config, double clockGhz, long windowCycles,
                          SortedMap<String, String> attributes, List<TraceComponent> components,
                          List<TraceAction> actions, List<String> layers) {
    /** A header without layer names. */
    public TraceHeader(String model, String config, double clockGhz, long windowCycles, SortedMap<String, String> attributes,
                       List<TraceComponent> components, List<TraceAction> actions) {
        this(model, config, clockGhz, windowCycles, attributes, components, actions, List.of());
    }

    public TraceHeader {
        if (model == null || config == null) {
            throw new IllegalArgumentException("model and config names must not be null");
        }
        if (!(clockGhz > 0) || Double.isInfinite(clockGhz)) {
            throw new IllegalArgumentException("clockGhz must be a positive finite number, got " + clockGhz);
        }
        if (windowCycles < 0) {
            throw new IllegalArgumentException("windowCycles must be >= 0, got " + windowCycles);
        }
        attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        components = List.copyOf(components);
        actions = List.copyOf(actions);
        layers = List.copyOf(layers);
        Set<Integer> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (TraceComponent c : components) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("component id " + c.id() + " is used twice");
            }
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("component name '" + c.name() + "' is used twice");
            }
        }
        ids.clear();
        names.clear();
        for (TraceAction a : actions) {
            if (!ids.add(a.id())) {
                throw new IllegalArgumentException("action id " + a.id() + " is used twice");
            }
            if (!names.add(a.name())) {
                throw new IllegalArgumentException("action name '" + a.name() + "' is used twice");
            }
        }
    }

    /** A builder that hands out dense ids 0, 1, 2, ... in the order components and actions are added. */
    public static Builder builder(String model, String config, double clockGhz) {
        return new Builder(model, config, clockGhz);
    }

    /** The name of layer {@code index}, or null for -1 or an index the header does not name. */
    public String layerName(int index) {
        return index >= 0 && index < layers.size() ? layers.get(index) : null;
    }

    /** Id lookups for this header's dictionaries. */
    public TraceDictionary dictionary() {
        return new TraceDictionary(this);
    }

    /** Collects a header; ids are dense and follow the order of the calls. */
    public static final class Builder {
        private final String model;
        private final String config;
        private final double clockGhz;
        private long windowCycles;
        private final TreeMap<String, String> attributes = new TreeMap<>();
        private final List<TraceComponent> components = new ArrayList<>();
        private final List<TraceAction> actions = new ArrayList<>();
        private final Map<String, Integer> actionIds = new java.util.TreeMap<>();
        private List<String> layers = List.of();

        private Builder(String model, String config, double clockGhz) {
            this.model = model;
            this.config = config;
            this.clockGhz = clockGhz;
        }

        public Builder windowCycles(long cycles) {
            this.windowCycles = cycles;
            return this;
        }

        public Builder attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        /** The model's layer names, indexed as records' {@code layer}. */
        public Builder layers(List<String> names) {
            this.layers = List.copyOf(names);
            return this;
        }

        /** Adds a component and returns its id. */
        public int component(String name, String kind, int tile) {
            int id = components.size();
            components.add(new TraceComponent(id, name, kind, tile));
            return id;
        }

        /** Returns the id of action {@code name}, adding it on first use. */
        public int action(String name) {
            Integer id = actionIds.get(name);
            if (id == null) {
                id = actions.size();
                actions.add(new TraceAction(id, name));
                actionIds.put(name, id);
            }
            return id;
        }

        public TraceHeader build() {
            return new TraceHeader(model, config, clockGhz, windowCycles, attributes, components, actions, layers);
        }
    }
}
