package org.xbarsim;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The one-way arrows between packages that STYLE.md asks for, held by a test. */
class ArchitectureTest {
    /**
     * The main classes only, found where this build put them: importing by package and filtering
     * tests by their path ({@code DO_NOT_INCLUDE_TESTS}) breaks when the build folder is not
     * {@code target} ({@code -DbuildDir=...}).
     */
    private static final JavaClasses CLASSES = new ClassFileImporter().importPath(mainClasses());

    private static java.nio.file.Path mainClasses() {
        try {
            return java.nio.file.Path.of(UserInputException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theImportHoldsEveryMainPackageAndNoTestClass() {
        java.util.Set<String> packages = new java.util.TreeSet<>();
        CLASSES.forEach(c -> packages.add(c.getPackageName()));
        org.junit.jupiter.api.Assertions.assertTrue(packages.containsAll(java.util.List.of("org.xbarsim.cli",
                "org.xbarsim.model", "org.xbarsim.hw", "org.xbarsim.hw.crossbar", "org.xbarsim.train", "org.xbarsim.trace", "org.xbarsim.sweep",
                "org.xbarsim.sweep.cluster")), packages.toString());
        org.junit.jupiter.api.Assertions.assertFalse(CLASSES.contain(ArchitectureTest.class), "test classes are left out");
    }

    @Test
    void onlyTrainImportsNd4j() {
        noClasses().that().resideOutsideOfPackages("org.xbarsim.train..", "org.xbarsim.cli..", "org.xbarsim.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.bytedeco..")
                .check(CLASSES);
    }

    @Test
    void pureStagesImportNoPekko() {
        noClasses().that().resideInAnyPackage("org.xbarsim.model..", "org.xbarsim.arch..", "org.xbarsim.mapping..",
                        "org.xbarsim.cost..", "org.xbarsim.data..", "org.xbarsim.trace..", "org.xbarsim.report..",
                        "org.xbarsim.config..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..")
                .check(CLASSES);
    }

    @Test
    void kernelKnowsNoHardware() {
        noClasses().that().resideInAPackage("org.xbarsim.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xbarsim.hw..", "org.xbarsim.mapping..",
                        "org.xbarsim.cost..")
                .check(CLASSES);
    }

    @Test
    void pipelineStagesDoNotReachBackIntoTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("org.xbarsim.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.xbarsim.cli..")
                .check(CLASSES);
    }

    @Test
    void sweepsRunPointsThroughTheJobsAndOnlyTheClusterPartImportsPekko() {
        noClasses().that().resideInAPackage("org.xbarsim.sweep")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "org.xbarsim.sweep.cluster..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("org.xbarsim.sweep..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xbarsim.hw..", "org.xbarsim.sim..", "org.xbarsim.train..",
                        "org.xbarsim.mapping..", "org.xbarsim.trace..", "org.xbarsim.bench..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLineUsesSweeps() {
        noClasses().that().resideOutsideOfPackages("org.xbarsim.sweep..", "org.xbarsim.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.xbarsim.sweep..")
                .check(CLASSES);
    }

    /** The components do not know how they are wired; what they share depends on none of them. */
    @Test
    void hardwareComponentsDoNotReachBackIntoTheWiring() {
        noClasses().that().resideInAPackage("org.xbarsim.hw.(*)..")
                .should().dependOnClassesThat().resideInAPackage("org.xbarsim.hw")
                .check(CLASSES);
        // hw.common's classes may use each other: the component packages are hw's others
        noClasses().that().resideInAPackage("org.xbarsim.hw.common..")
                .should().dependOnClassesThat().resideInAPackage("org.xbarsim.hw")
                .orShould().dependOnClassesThat(resideInAPackage("org.xbarsim.hw.(*)..")
                        .and(not(resideInAPackage("org.xbarsim.hw.common.."))))
                .orShould().dependOnClassesThat().resideInAPackage("org.xbarsim.sim..")
                .check(CLASSES);
    }

    /** A component's pure model holds arithmetic and timing rules only: no kernel, no actors. */
    @Test
    void componentModelsAreFreeOfTheKernel() {
        noClasses().that().resideInAPackage("org.xbarsim.hw.(*)..").and().haveSimpleNameEndingWith("Model")
                .should().dependOnClassesThat().resideInAnyPackage("org.xbarsim.sim..", "org.apache.pekko..")
                .check(CLASSES);
    }

    @Test
    void modelDoesNotDependOnLaterStages() {
        noClasses().that().resideInAnyPackage("org.xbarsim.model..", "org.xbarsim.arch..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xbarsim.mapping..", "org.xbarsim.sim..",
                        "org.xbarsim.hw..", "org.xbarsim.train..", "org.xbarsim.cost..", "org.xbarsim.trace..",
                        "org.xbarsim.report..", "org.xbarsim.sweep..")
                .check(CLASSES);
    }
}
