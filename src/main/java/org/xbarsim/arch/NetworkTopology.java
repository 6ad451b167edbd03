package org.xbarsim.arch;

/** How routers are connected. */
public enum NetworkTopology {
    /** 2-D mesh: routers on a near-square grid, dimension-order routing, hops = Manhattan distance. */
    MESH;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static NetworkTopology fromKey(String key) {
        for (NetworkTopology t : values()) {
            if (t.key().equals(key)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown network topology '" + key + "' (known: mesh)");
    }
}
