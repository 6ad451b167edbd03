package org.xbarsim.io;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where xbarsim is installed (the checkout the launcher runs from), so that the bundled files
 * ({@code sim-configs/}, {@code traces/}) are found from any current folder.
 *
 * <p>The launcher passes it as the system property {@value #PROPERTY}; without it (tests, an IDE)
 * it is the folder above the build output that holds {@code sim-configs/}.
 */
public final class Installation {
    public static final String PROPERTY = "xbarsim.home";

    private Installation() {
    }

    /** The installation folder, when it can be found. */
    public static Optional<Path> home() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Optional.of(Path.of(p).toAbsolutePath().normalize());
        }
        try {
            Path code = Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = code; d != null; d = d.getParent()) {
                if (Files.isDirectory(d.resolve("sim-configs")) && Files.isRegularFile(d.resolve("pom.xml"))) {
                    return Optional.of(d.toAbsolutePath().normalize());
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: no installation folder
        }
        return Optional.empty();
    }

    /**
     * For a message about a chip config named by a bare or relative name that was not found beside
     * the file naming it: the bundled preset of that file name, when sim-configs/ has one.
     */
    public static Optional<Path> bundledConfig(Path missing) {
        Path name = missing.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        return home().map(h -> h.resolve("sim-configs").resolve(name.toString())).filter(Files::isRegularFile);
    }

    /**
     * A bundled input named by a relative path: {@code path} itself when it exists from the current
     * folder (or is absolute), else the same path under the installation when it exists there, else
     * {@code path} unchanged (so the message about it names what the user typed).
     */
    public static Path resolveBundled(Path path) {
        if (path == null || path.isAbsolute() || Files.exists(path)) {
            return path;
        }
        return home().map(h -> h.resolve(path)).filter(Files::exists).orElse(path);
    }
}
