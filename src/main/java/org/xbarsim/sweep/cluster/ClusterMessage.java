package org.xbarsim.sweep.cluster;

/** Marker of the messages that cross nodes: bound to Pekko's jackson-cbor serializer in {@link ClusterSettings}. */
public interface ClusterMessage {
}
