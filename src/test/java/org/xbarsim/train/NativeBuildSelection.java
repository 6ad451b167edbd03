package org.xbarsim.train;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses ND4J's native build when the test session opens, before any test loads ND4J, so the
 * tests run on the build users get from {@code xbarsim} (registered in
 * META-INF/services/org.junit.platform.launcher.LauncherSessionListener).
 */
public final class NativeBuildSelection implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeBuild.select();
    }
}
