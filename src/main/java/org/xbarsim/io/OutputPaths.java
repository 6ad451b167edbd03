package org.xbarsim.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.xbarsim.UserInputException;

/**
 * The rules that keep xbarsim from destroying what it did not make.
 *
 * <ul>
 *   <li>An output folder is never the root, the home folder, the current folder or one of its
 *       parents, or the installation (checkout) or one of its parents, whatever the options.</li>
 *   <li>An existing output file is replaced only when the user asked for it ({@code --force}), and
 *       never when it is a folder or a special file.</li>
 * </ul>
 * Folders get a further rule in {@code report.OutputDirectory}: an existing one is replaced only
 * when it carries xbarsim's marker and the user asked for it.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /** Refuses {@code folder} as an output folder when it is one of the protected places above. */
    public static void refuseProtectedFolder(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw refusal(folder, "it is the root folder");
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (cwd.startsWith(abs)) {
            throw refusal(folder, abs.equals(cwd) ? "it is the current folder" : "it holds the current folder");
        }
        Path home = Path.of(System.getProperty("user.home", "/")).toAbsolutePath().normalize();
        if (home.startsWith(abs)) {
            throw refusal(folder, abs.equals(home) ? "it is the home folder" : "it holds the home folder");
        }
        Installation.home().ifPresent(install -> {
            if (install.startsWith(abs)) {
                throw refusal(folder, "it " + (abs.equals(install) ? "is" : "holds") + " xbarsim's installation " + install);
            }
        });
    }

    /**
     * Checks that {@code file} may be written: not a folder or a special file, and, when it exists,
     * replaced only with {@code force}. {@code option} names the option in messages ({@code --out}).
     */
    public static void checkFileTarget(Path file, boolean force, String option) {
        if (file.toAbsolutePath().normalize().getParent() == null) {
            throw new UserInputException(option + " " + file + ": is the root folder, not a file");
        }
        if (Files.isDirectory(file)) {
            throw new UserInputException(option + " " + file + ": is a folder; give the path of a file to write");
        }
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            throw new UserInputException(option + " " + file + ": exists and is not a regular file (a device, pipe,"
                    + " socket or dangling link); xbarsim will not replace it");
        }
        if (Files.exists(file) && !force) {
            throw new UserInputException(option + " " + file + ": exists; pass --force to replace it, or choose another path");
        }
    }

    private static UserInputException refusal(Path folder, String why) {
        return new UserInputException("output folder " + folder + ": refusing to write there, " + why
                + "; xbarsim replaces a whole output folder, so give a new folder such as runs/NAME");
    }
}
