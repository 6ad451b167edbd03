package org.xbarsim.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalPekkoClassLoaderTest {
    private static URL url(String s) throws Exception {
        return new java.net.URI(s).toURL();
    }

    @Test
    void hidesTheClusterModulesDefaultsAndOtherJarsManifestsOnly() throws Exception {
        String repo = "jar:file:/home/u/.m2/repository/org/apache/pekko/";
        assertTrue(LocalPekkoClassLoader.hidden(url(repo + "pekko-remote_2.13/1.7.0/pekko-remote_2.13-1.7.0.jar!/reference.conf")));
        assertTrue(LocalPekkoClassLoader.hidden(url(repo + "x/pekko-cluster_2.13-1.7.0.jar!/reference.conf")));
        assertTrue(LocalPekkoClassLoader.hidden(url("jar:file:/lib/nd4j-native-1.0.0-M2.1.jar!/META-INF/MANIFEST.MF")));
        assertFalse(LocalPekkoClassLoader.hidden(url(repo + "pekko-actor_2.13/1.7.0/pekko-actor_2.13-1.7.0.jar!/reference.conf")));
        assertFalse(LocalPekkoClassLoader.hidden(url(repo + "x/pekko-actor-typed_2.13-1.7.0.jar!/reference.conf")));
        assertFalse(LocalPekkoClassLoader.hidden(url(repo + "x/pekko-remote_2.13-1.7.0.jar!/META-INF/MANIFEST.MF")));
        assertFalse(LocalPekkoClassLoader.hidden(url(repo + "x/pekko-remote_2.13-1.7.0.jar!/other/reference.conf")));
        // a merged reference.conf (a fat jar) and files in class folders stay
        assertFalse(LocalPekkoClassLoader.hidden(url("jar:file:/opt/xbarsim-all.jar!/reference.conf")));
        assertFalse(LocalPekkoClassLoader.hidden(url("file:/work/target/classes/reference.conf")));
        assertFalse(LocalPekkoClassLoader.hidden(url("file:/work/target/classes/META-INF/MANIFEST.MF")));
    }

    @Test
    void theLocalSystemsDefaultsComeFromPekkoActorAndActorTypedOnly() throws Exception {
        List<URL> seen = Collections.list(LocalPekkoClassLoader.INSTANCE.getResources("reference.conf"));
        List<URL> all = Collections.list(getClass().getClassLoader().getResources("reference.conf"));
        assertTrue(all.stream().anyMatch(u -> u.toString().contains("/pekko-remote_")), all.toString()); // on the class path
        assertTrue(seen.stream().anyMatch(u -> u.toString().contains("/pekko-actor_")), seen.toString());
        assertTrue(seen.stream().anyMatch(u -> u.toString().contains("/pekko-actor-typed_")), seen.toString());
        assertTrue(seen.stream().noneMatch(LocalPekkoClassLoader::hidden), seen.toString());
        assertTrue(seen.size() < all.size());
        com.typesafe.config.Config c = Kernel.dispatcherConfig(1);
        assertTrue(c.hasPath("pekko.actor.default-dispatcher.fork-join-executor"));
        assertFalse(c.hasPath("pekko.remote.artery"), "pekko-remote's defaults are left out");
        assertFalse(c.hasPath("pekko.cluster.roles"), "pekko-cluster's defaults are left out");
        // Pekko still finds every one of its modules' manifests for its version check
        List<URL> manifests = Collections.list(LocalPekkoClassLoader.INSTANCE.getResources("META-INF/MANIFEST.MF"));
        assertTrue(manifests.stream().anyMatch(u -> u.toString().contains("/pekko-actor_")), manifests.toString());
        assertTrue(manifests.stream().anyMatch(u -> u.toString().contains("/pekko-remote_")), manifests.toString());
        assertTrue(manifests.stream().noneMatch(u -> u.toString().contains("/jackson-databind")), manifests.toString());
    }
}
