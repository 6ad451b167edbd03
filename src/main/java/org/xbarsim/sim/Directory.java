package org.xbarsim.sim;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Component id -> actor. Filled once while the components are spawned, before the first window;
 * read-only afterwards (the first window's messages publish it to every actor).
 */
public final class Directory {
    private final List<ActorRef<ComponentShell.Command>> refs = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    /** Registers the actor of the next id; ids must be registered in order 0, 1, ... */
    public void register(int id, String name, ActorRef<ComponentShell.Command> ref) {
        if (id != refs.size()) {
            throw new IllegalStateException("component " + id + " registered out of order (expected " + refs.size() + ")");
        }
        refs.add(ref);
        names.add(name);
    }

    public ActorRef<ComponentShell.Command> ref(int id) {
        return refs.get(id);
    }

    public String name(int id) {
        return id < 0 ? "environment" : names.get(id);
    }

    public int size() {
        return refs.size();
    }
}
