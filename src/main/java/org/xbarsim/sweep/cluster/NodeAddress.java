package org.xbarsim.sweep.cluster;

import org.xbarsim.UserInputException;

/** A host and TCP port of a cluster node, as given on the command line ({@code HOST:PORT}). */
public record NodeAddress(String host, int port) {
    /** Parses {@code HOST:PORT} (port 0: any free port), naming {@code option} in the message of a bad value. */
    public static NodeAddress parse(String text, String option) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UserInputException(option + " '" + text + "': must be HOST:PORT, e.g. 127.0.0.1:25520");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UserInputException(option + " '" + text + "': the port must be a number from 0 to 65535");
        }
        if (port < 0 || port > 65535) {
            throw new UserInputException(option + " '" + text + "': the port must be from 0 to 65535");
        }
        if (!host.matches("[A-Za-z0-9._\\-]+|\\[[0-9A-Fa-f:]+\\]")) {
            throw new UserInputException(option + " '" + text + "': '" + host + "' is not a host name or address");
        }
        return new NodeAddress(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
