package io.pretrainbench.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The project's layering, as rules a test checks (see {@code LayeringTest}); {@code README.md}'s layout table says the
 * same in words. Each layer is a package root; everything else under {@code io.pretrainbench} is a plugin, so a new
 * plugin module is covered without being listed here.
 */
final class Layering {
    static final String API = "io.pretrainbench.api..";
    static final String TCK = "io.pretrainbench.tck..";
    static final String NN = "io.pretrainbench.nn..";
    static final String ENGINE = "io.pretrainbench.engine..";
    static final String CLI = "io.pretrainbench.cli..";
    static final String RESULTS = "io.pretrainbench.results..";
    static final String TENSORBOARD = "io.pretrainbench.tensorboard..";
    static final String BENCHMARKS = "io.pretrainbench.benchmarks..";

    /** The package roots that are not plugins. */
    static final List<String> LAYERS = List.of(API, TCK, NN, ENGINE, CLI, RESULTS, TENSORBOARD, BENCHMARKS);

    static final DescribedPredicate<JavaClass> PLUGIN = DescribedPredicate.describe(
            "are plugin classes (io.pretrainbench.* outside " + String.join(", ", LAYERS) + ")",
            c -> c.getPackageName().startsWith("io.pretrainbench.")
                    && !resideInAnyPackage(LAYERS.toArray(String[]::new)).test(c));

    private static final DescribedPredicate<JavaClass> OURS = resideInAPackage("io.pretrainbench..");

    static final ArchRule SPI_DEPENDS_ON_NOTHING_OF_OURS = noClasses()
            .that()
            .resideInAPackage(API)
            .should()
            .dependOnClassesThat(OURS.and(DescribedPredicate.not(resideInAPackage(API))))
            .because("third parties compile against the SPI alone");

    static final ArchRule LIBRARIES_FOR_PLUGINS_DEPEND_ON_THE_SPI_ONLY = noClasses()
            .that()
            .resideInAnyPackage(TCK, NN)
            .should()
            .dependOnClassesThat(OURS.and(DescribedPredicate.not(resideInAnyPackage(API, TCK, NN))))
            .because("the conformance kit and the NN library are used by plugins, which see the SPI only");

    static final ArchRule PLUGINS_NEVER_IMPORT_THE_ENGINE = noClasses()
            .that(PLUGIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ENGINE, CLI, RESULTS, TENSORBOARD, BENCHMARKS)
            .because("a plugin sees the SPI (and shared libraries), never the host that runs it");

    static final ArchRule HOST_NEVER_IMPORTS_A_PLUGIN = noClasses()
            .that()
            .resideInAnyPackage(ENGINE, CLI, RESULTS, TENSORBOARD)
            .should()
            .dependOnClassesThat(PLUGIN.or(resideInAPackage(NN)))
            .because("plugins are found by ServiceLoader, never referenced by class");

    static final ArchRule ENGINE_HAS_NO_COMMAND_LINE = noClasses()
            .that()
            .resideInAPackage(ENGINE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(CLI, TENSORBOARD, "picocli..")
            .because("the engine runs grids for any front end (CLI, workers, tests)");

    static final ArchRule RESULTS_NEVER_IMPORT_THE_ENGINE = noClasses()
            .that()
            .resideInAPackage(RESULTS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ENGINE, CLI, TENSORBOARD, "org.tensorflow..")
            .because("the store and its reports read stored cells only, without TensorFlow");

    static final ArchRule TENSORBOARD_EXPORT_READS_RESULTS_ONLY = noClasses()
            .that()
            .resideInAPackage(TENSORBOARD)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ENGINE, CLI)
            .because("it is an export of the store");

    static final List<ArchRule> ALL = List.of(
            SPI_DEPENDS_ON_NOTHING_OF_OURS,
            LIBRARIES_FOR_PLUGINS_DEPEND_ON_THE_SPI_ONLY,
            PLUGINS_NEVER_IMPORT_THE_ENGINE,
            HOST_NEVER_IMPORTS_A_PLUGIN,
            ENGINE_HAS_NO_COMMAND_LINE,
            RESULTS_NEVER_IMPORT_THE_ENGINE,
            TENSORBOARD_EXPORT_READS_RESULTS_ONLY);

    private Layering() {}
}
