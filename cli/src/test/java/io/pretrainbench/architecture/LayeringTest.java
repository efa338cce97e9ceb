package io.pretrainbench.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.pretrainbench.architecture.planted.PluginReachingIntoTheEngine;
import io.pretrainbench.engine.grid.GridSpec;
import io.pretrainbench.engine.planted.EngineReachingIntoAPlugin;
import io.pretrainbench.methods.Scratch;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LayeringTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.pretrainbench");
    }

    static Stream<ArchRule> rules() {
        return Layering.ALL.stream();
    }

    @Test
    void everyLayerAndEveryBuiltInPluginIsOnTheClassPathTheRulesRead() {
        // A rule over classes that are not there holds vacuously: make sure the test sees the whole project.
        Stream.of(
                        "api",
                        "tck",
                        "nn",
                        "engine",
                        "cli",
                        "results",
                        "tensorboard",
                        "fashionmnist",
                        "methods",
                        "protocols",
                        "bounds",
                        "multiview",
                        "asymptotics")
                .forEach(p -> assertThat(production.containPackage("io.pretrainbench." + p))
                        .as(p)
                        .isTrue());
    }

    @ParameterizedTest
    @MethodSource("rules")
    void holdsOnMain(ArchRule rule) {
        rule.check(production);
    }

    @Test
    void aPluginThatImportsTheEngineIsReported() {
        EvaluationResult result = Layering.PLUGINS_NEVER_IMPORT_THE_ENGINE.evaluate(
                new ClassFileImporter().importClasses(PluginReachingIntoTheEngine.class, GridSpec.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
                .contains(PluginReachingIntoTheEngine.class.getName())
                .contains(GridSpec.class.getName()));
    }

    @Test
    void anEngineClassThatImportsAPluginIsReported() {
        EvaluationResult result = Layering.HOST_NEVER_IMPORTS_A_PLUGIN.evaluate(
                new ClassFileImporter().importClasses(EngineReachingIntoAPlugin.class, Scratch.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
                .contains(EngineReachingIntoAPlugin.class.getName())
                .contains(Scratch.class.getName()));
    }
}
