package org.xbarsim.config;

/** One key of the resolved configuration, its value (HOCON syntax) and the {@code file:line} it came from. */
public record ResolvedEntry(String keyPath, String value, String origin) {
}
