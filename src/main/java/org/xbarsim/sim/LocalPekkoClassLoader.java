package org.xbarsim.sim;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of the simulation's local actor system ({@link KernelSystem}): the application's,
 * except that it hides the {@code reference.conf} of the Pekko modules only a cluster or a stream uses.
 * Typesafe Config parses every {@code reference.conf} on the class path when a system starts: 208 KB
 * from eleven jars, 56 ms of the start's CPU time in a profile of the VGG-16 command, of which a local
 * system needs the 71 KB of pekko-actor and pekko-actor-typed (docs/simulation.md, "Sixteenth pass").
 * And of the jars' manifests it shows only Pekko's: Pekko reads them all at start to check that its
 * modules' versions agree (16-22 ms in those profiles, for the 80 jars of the class path, most of
 * them ND4J's), and needs no other. Classes and every other resource come from the parent as usual; a {@code reference.conf}
 * or manifest in a class folder is kept, and so is a {@code reference.conf} from a jar not named here (a
 * merged one in a fat jar, say), but not the manifest of a jar whose name does not start with
 * {@code pekko-}. One instance, shared: Typesafe Config
 * caches the parsed references per class loader, so the systems of a sweep's jobs parse them once.
 */
final class LocalPekkoClassLoader extends ClassLoader {
    /** File-name prefixes of the jars whose {@code reference.conf} a local system leaves out. */
    static final List<String> HIDDEN = List.of("pekko-remote_", "pekko-cluster_", "pekko-cluster-typed_",
            "pekko-cluster-tools_", "pekko-cluster-sharding_", "pekko-cluster-sharding-typed_", "pekko-distributed-data_",
            "pekko-coordination_", "pekko-stream_", "pekko-serialization-jackson_", "pekko-pki_", "ssl-config-core_");

    static {
        registerAsParallelCapable();
    }

    static final LocalPekkoClassLoader INSTANCE = new LocalPekkoClassLoader(KernelSystem.class.getClassLoader());

    private LocalPekkoClassLoader(ClassLoader parent) {
        super("xbarsim-local-pekko", parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!name.equals("reference.conf") && !name.equals(MANIFEST)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        while (all.hasMoreElements()) {
            URL u = all.nextElement();
            if (!hidden(u)) {
                kept.add(u);
            }
        }
        return Collections.enumeration(kept);
    }

    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    /**
     * Whether {@code url} is the {@code reference.conf} of one of the {@link #HIDDEN} jars or the manifest
     * of a jar not Pekko's (not named {@code pekko-...}).
     */
    static boolean hidden(URL url) {
        String s = url.toString(); // jar:file:/.../pekko-remote_2.13-1.7.0.jar!/reference.conf
        int bang = s.lastIndexOf("!/");
        if (!s.startsWith("jar:") || bang < 0) {
            return false;
        }
        String entry = s.substring(bang + 2);
        String jar = s.substring(s.lastIndexOf('/', bang - 1) + 1, bang);
        if (entry.equals(MANIFEST)) {
            return !jar.startsWith("pekko-");
        }
        return entry.equals("reference.conf") && HIDDEN.stream().anyMatch(jar::startsWith);
    }
}
