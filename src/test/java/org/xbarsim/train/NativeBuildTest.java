package org.xbarsim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.xbarsim.UserInputException;
import org.xbarsim.train.NativeBuild.Variant;

class NativeBuildTest {
    private static final Set<String> AVX512 = Set.of("sse2", "avx", "avx2", "fma", "avx512f", "avx512cd",
            "avx512bw", "avx512dq", "avx512vl");
    private static final Set<String> AVX2 = Set.of("sse2", "avx", "avx2", "fma");
    private static final String LINUX = "Linux/amd64";

    private static NativeBuild.Selection choose(String property, String env, Set<String> flags) {
        return NativeBuild.choose(property, env, null, LINUX, flags, v -> true);
    }

    @Test
    void autoPicksTheFastestBuildTheProcessorRuns() {
        assertEquals(Variant.ONEDNN_AVX512, choose(null, null, AVX512).variant());
        assertEquals(Variant.ONEDNN_AVX2, choose(null, "auto", AVX2).variant());
        assertEquals(Variant.GENERIC, choose(null, null, Set.of("sse2", "avx")).variant());
        // one AVX-512 subset missing is enough to fall back to AVX2
        Set<String> noVl = new java.util.TreeSet<>(AVX512);
        noVl.remove("avx512vl");
        assertEquals(Variant.ONEDNN_AVX2, choose(null, null, noVl).variant());
    }

    @Test
    void autoSkipsBuildsMissingFromTheClassPathAndOtherPlatforms() {
        assertEquals(Variant.ONEDNN_AVX2,
                NativeBuild.choose(null, null, null, LINUX, AVX512, v -> v != Variant.ONEDNN_AVX512).variant());
        assertEquals(Variant.GENERIC, NativeBuild.choose(null, null, null, "Mac OS X/aarch64", AVX512, v -> true).variant());
    }

    @Test
    void theUsersChoiceWinsAndThePropertyBeatsTheEnvironment() {
        assertEquals(Variant.GENERIC, choose(null, "generic", AVX512).variant());
        NativeBuild.Selection s = choose("onednn-avx2", "generic", AVX512);
        assertEquals(Variant.ONEDNN_AVX2, s.variant());
        assertTrue(s.reason().contains("-Dxbarsim.nd4j.build"), s.reason());
        assertEquals(Variant.ONEDNN_AVX512,
                NativeBuild.choose(null, null, "-onednn-avx512", LINUX, Set.of(), v -> true).variant());
    }

    @Test
    void impossibleChoicesAreRefusedWithTheReason() {
        UserInputException unknown = assertThrows(UserInputException.class, () -> choose(null, "avx9", AVX512));
        assertTrue(unknown.getMessage().contains("XBARSIM_ND4J_BUILD: unknown ND4J build 'avx9'"), unknown.getMessage());
        UserInputException lacks = assertThrows(UserInputException.class, () -> choose(null, "onednn-avx512", AVX2));
        assertTrue(lacks.getMessage().contains("lacks avx512bw, avx512cd, avx512dq, avx512f, avx512vl"), lacks.getMessage());
        UserInputException absent = assertThrows(UserInputException.class,
                () -> NativeBuild.choose(null, "onednn-avx2", null, LINUX, AVX2, v -> false));
        assertTrue(absent.getMessage().contains("not on the class path"), absent.getMessage());
    }

    @Test
    void aLibraryPathNamesItsBuild() {
        String cache = "/home/user/.javacpp/cache/nd4j-native-1.0.0-M2.1-linux-x86_64%s.jar/org/nd4j/linalg/cpu/nativecpu/bindings/"
                + "linux-x86_64%s/libjnind4jcpu.so";
        assertEquals("onednn-avx512", NativeBuild.buildOf(String.format(cache, "-onednn-avx512", "-onednn-avx512")));
        assertEquals("generic", NativeBuild.buildOf(String.format(cache, "", "")));
        assertEquals("linux-x86_64-avx2", NativeBuild.buildOf(String.format(cache, "-avx2", "-avx2")));
        assertEquals("", NativeBuild.buildOf("/usr/lib/libjnind4jcpu.so"));
    }

    @Test
    void theTestSessionLoadsTheSelectedBuild() {
        Nd4j.create(1);
        assertEquals(NativeBuild.select().variant().id(), NativeBuild.loaded());
    }
}
