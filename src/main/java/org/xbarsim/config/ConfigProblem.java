package org.xbarsim.config;

/**
 * One finding about a configuration: {@code file:line: key.path = value: problem}. Warnings do
 * not stop loading; errors do. {@code line} is 0 when the problem has no line (a missing key).
 */
public record ConfigProblem(String file, int line, String keyPath, String value, String problem, boolean warning) {

    /** The message as printed: {@code file:line: key = value: problem}, with "warning: " before warnings. */
    public String message() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (keyPath != null) {
            sb.append(keyPath);
            if (value != null) {
                sb.append(" = ").append(value);
            }
            sb.append(": ");
        }
        if (warning) {
            sb.append("warning: ");
        }
        return sb.append(problem).toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
