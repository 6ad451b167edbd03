/**
 * Chip configuration files: HOCON read with Typesafe Config, layered over a base file
 * ({@code base = "defaults.conf"}), validated all at once with {@code file:line: key = value:
 * problem} messages, and turned into {@link org.xbarsim.arch.Chip} and
 * {@link org.xbarsim.cost.CostTable}. The only package besides {@code cli}, {@code trace} and
 * {@code report} that reads files. Keys: docs/config.md.
 */
package org.xbarsim.config;
