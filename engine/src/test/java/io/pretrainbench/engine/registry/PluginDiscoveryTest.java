package io.pretrainbench.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.bound.BoundEstimator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {
    @TempDir
    Path plugins;

    /** A bound estimator whose name, SPI version, default and constructor are filled in per test case. */
    private static String estimator(String className, String name, String spi, long defaultSamples, String ctorBody) {
        return """
        package example;
        import io.pretrainbench.api.*;
        import io.pretrainbench.api.bound.*;
        import io.pretrainbench.api.params.ParameterSpec;
        import java.util.List;
        import java.util.Map;
        public final class %s implements BoundEstimator {
          public %s() { %s }
          public PluginDescriptor descriptor() {
            return new PluginDescriptor("%s", "0.1.0", "Trace of the features' Gram matrix over n.", %s,
                List.of(ParameterSpec.integer("samples", %d, 1, 10, "unused")));
          }
          public BoundEstimate estimate(EstimationContext c) {
            double sum = 0;
            for (float v : c.trainFeatures().values()) sum += v * v;
            return new BoundEstimate(sum / c.trainFeatures().rows(), Map.of("sum", sum));
          }
        }
        """
                .formatted(className, className, ctorBody, name, spi, defaultSamples);
    }

    private Path jar(String file, String className, String name, String spi, long defaultSamples, String ctor)
            throws Exception {
        return new PluginJar()
                .source("example." + className, estimator(className, name, spi, defaultSamples, ctor))
                .service(BoundEstimator.class, "example." + className)
                .write(plugins.resolve(file));
    }

    private PluginRegistry discover() {
        return new PluginDiscovery(getClass().getClassLoader()).discover(plugins);
    }

    @Test
    void aJarInThePluginsFolderIsLoadedThroughItsOwnClassLoader() throws Exception {
        Path jar = jar("gram.jar", "Gram", "gram-trace", "SpiVersion.CURRENT", 3, "");

        PluginRegistry registry = discover();

        RegisteredPlugin gram =
                registry.find(PluginKind.ESTIMATOR, "gram-trace").orElseThrow();
        assertThat(gram.origin()).isEqualTo(jar.toString());
        assertThat(gram.plugin().getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
        // The SPI type is the host's, or the host could not call the plugin.
        assertThat(BoundEstimator.class.isInstance(gram.plugin())).isTrue();
        assertThat(registry.problems()).isEmpty();
    }

    @Test
    void brokenPluginsAreEachReportedOnOneLineAndTheOthersStillLoad() throws Exception {
        jar("a-good.jar", "Good", "good-estimator", "SpiVersion.CURRENT", 3, "");
        Path throwing = jar(
                "b-throws.jar",
                "Throwing",
                "throwing",
                "SpiVersion.CURRENT",
                3,
                "throw new IllegalStateException(\"no GPU here\");");
        Path duplicate = jar("c-duplicate.jar", "Duplicate", "good-estimator", "SpiVersion.CURRENT", 3, "");
        Path future = jar("d-future.jar", "Future", "from-the-future", "\"2.0\"", 3, "");
        Path badDefault = jar("e-default.jar", "BadDefault", "bad-default", "SpiVersion.CURRENT", 99, "");

        PluginRegistry registry = discover();

        assertThat(registry.names(PluginKind.ESTIMATOR))
                .contains("good-estimator")
                .doesNotContain("throwing", "from-the-future", "bad-default");
        assertThat(registry.problems()).hasSize(4).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
        assertThat(registry.problems()).anySatisfy(p -> assertThat(p)
                .startsWith(throwing + ": example.Throwing: provider threw while constructing")
                .contains("IllegalStateException: no GPU here"));
        assertThat(registry.problems()).anySatisfy(p -> assertThat(p)
                .startsWith(duplicate + ": example.Duplicate: duplicate bound estimator name 'good-estimator'")
                .contains("already provided by example.Good"));
        assertThat(registry.problems()).anySatisfy(p -> assertThat(p)
                .startsWith(future + ": example.Future:")
                .contains("built for SPI 2.0 but this host provides SPI " + io.pretrainbench.api.SpiVersion.CURRENT));
        assertThat(registry.problems()).anySatisfy(p -> assertThat(p)
                .startsWith(badDefault + ": example.BadDefault: invalid descriptor")
                .contains("samples")
                .contains("out of range"));
    }

    @Test
    void aMissingPluginsFolderIsAClearError() {
        Path missing = plugins.resolve("nope");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new PluginDiscovery(getClass().getClassLoader()).discover(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void unknownNamesAreAnsweredWithWhatExistsAndHowToAddIt() throws Exception {
        jar("gram.jar", "Gram", "gram-trace", "SpiVersion.CURRENT", 3, "");
        PluginRegistry registry = discover();

        assertThat(registry.unknown(PluginKind.ESTIMATOR, "gram"))
                .contains("no bound estimator 'gram'")
                .contains("gram-trace")
                .contains("--plugins DIR");
    }
}
