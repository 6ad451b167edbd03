package org.xbarsim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The one-way arrows between packages that STYLE.md asks for, held by a test. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.xbarsim");

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
    void modelDoesNotDependOnLaterStages() {
        noClasses().that().resideInAnyPackage("org.xbarsim.model..", "org.xbarsim.arch..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xbarsim.mapping..", "org.xbarsim.sim..",
                        "org.xbarsim.hw..", "org.xbarsim.train..", "org.xbarsim.cost..", "org.xbarsim.trace..",
                        "org.xbarsim.report..", "org.xbarsim.sweep..")
                .check(CLASSES);
    }
}
