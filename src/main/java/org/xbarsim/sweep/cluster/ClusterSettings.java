package org.xbarsim.sweep.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Locale;

/**
 * The Pekko settings of a sweep node, built here rather than in application.conf so that the
 * simulations' own actor systems stay local. Every node of a sweep's cluster has the actor system
 * name {@link #systemName}, so a node joins only the cluster of its sweep. Points and results are
 * large messages (model files, reports): they go to the guardians ({@code /user}, the coordinator
 * and the workers) on Artery's separate large-message stream, so they never hold up heartbeats.
 * Unreachable nodes are downed by the split-brain resolver, keeping the oldest node (the coordinator).
 */
public final class ClusterSettings {
    /** A point with its files and a point's reports fit in this. */
    public static final String MAX_MESSAGE = "64 MiB";

    private ClusterSettings() {
    }

    /** {@code xbarsim-sweep-NAME}: the actor system (and so cluster) name of a sweep. */
    public static String systemName(String sweep) {
        return "xbarsim-sweep-" + sweep.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    /**
     * The settings of a node listening on {@code bind}, with Pekko's reference settings and
     * application.conf beneath.
     *
     * @param extra a HOCON file of Pekko settings layered on top (e.g. Artery's TLS transport,
     *              docs/sweeps.md), or null
     */
    public static Config node(NodeAddress bind, java.nio.file.Path extra) {
        Config user = ConfigFactory.empty();
        if (extra != null) {
            org.xbarsim.io.InputFiles.check(extra, "Pekko settings file", org.xbarsim.io.InputFiles.MAX_CONFIG_BYTES);
            try {
                user = ConfigFactory.parseFile(extra.toFile(), com.typesafe.config.ConfigParseOptions.defaults().setAllowMissing(false));
            } catch (com.typesafe.config.ConfigException e) {
                throw new org.xbarsim.UserInputException("invalid Pekko settings file " + extra + ": " + e.getMessage());
            }
        }
        Config mine = ConfigFactory.parseString("""
                pekko {
                  actor {
                    provider = cluster
                    serialization-bindings { "org.xbarsim.sweep.cluster.ClusterMessage" = jackson-cbor }
                  }
                  remote.artery {
                    canonical.hostname = "%s"
                    canonical.port = %d
                    large-message-destinations = ["/user"]
                    advanced.maximum-large-frame-size = %s
                    advanced.large-buffer-pool-size = 4
                  }
                  cluster {
                    downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
                    split-brain-resolver {
                      active-strategy = keep-oldest
                      keep-oldest.down-if-alone = off
                      stable-after = 7s
                    }
                    shutdown-after-unsuccessful-join-seed-nodes = 60s
                    jmx.enabled = off
                    log-info = off
                  }
                  coordinated-shutdown.exit-jvm = off
                }
                """.formatted(bind.host(), bind.port(), MAX_MESSAGE));
        try {
            // resolved here: a settings file may read secrets from the environment (${XBARSIM_TLS_PASSWORD})
            return user.withFallback(mine).withFallback(ConfigFactory.load()).resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new org.xbarsim.UserInputException("invalid Pekko settings file " + extra + ": " + e.getMessage());
        }
    }
}
