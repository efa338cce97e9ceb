package io.pretrainbench.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.tck.BoundEstimatorContract;
import io.pretrainbench.tck.DownstreamTaskContract;
import io.pretrainbench.tck.FineTuningProtocolContract;
import io.pretrainbench.tck.PretrainingCorpusContract;
import io.pretrainbench.tck.PretrainingMethodContract;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs each contract, through the JUnit Platform, against a correct plugin (every check passes) and against plugins
 * with one defect (exactly the check aimed at it fails). The contract subclasses are static nested classes so that the
 * build runs them only from here, where failing is the expected outcome; each is the handful of lines a plugin author
 * writes.
 */
class ContractSelfTest {
    private static final Set<String> COMMON = Set.of(
            "descriptorIsComplete",
            "isRegisteredAsAService",
            "unknownParametersAreRefusedNamingTheKey",
            "wrongTypesAreRefusedNamingTheKey",
            "outOfRangeValuesAreRefusedNamingTheKey");

    private static Set<String> common(String... more) {
        return union(COMMON, Set.of(more));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    // ---- correct plugins: every check runs and passes ----

    @Test
    void aCorrectPluginOfEachKindPassesEveryCheck() {
        Map<Class<?>, Set<String>> expected = Map.of(
                CorpusCheck.class,
                        common("dataChecksumIsStable", "loadsANonEmptyFiniteCorpus", "loadingIsDeterministic"),
                TaskCheck.class,
                        common(
                                "dataChecksumIsStable",
                                "loadsLabelledSplitsWithLabelsInRange",
                                "loadingIsDeterministic"),
                MethodCheck.class,
                        common(
                                "producesAnEncoderForTheCorpusShape",
                                "frozenForwardPassOutputsBatchByFeatureDim",
                                "trainableForwardPassExposesTheStateWeightsAsVariables",
                                "withWeightsOfItsOwnStateComputesTheSameFeatures",
                                "isDeterministicForAFixedSeed",
                                "savedAndRestoredEncodersComputeBitIdenticalFeatures",
                                "honoursCancellation"),
                ProtocolCheck.class,
                        common(
                                "learnsSeparableDataAndReportsMetricsInRange",
                                "headMatchesTheRepresentationAndClasses",
                                "isDeterministicForAFixedSeed",
                                "honoursCancellation"),
                BoundCheck.class, common("estimateAndComponentsAreFinite", "isDeterministicForAFixedSeed"));
        expected.forEach((check, tests) -> {
            ContractRun run = ContractRun.of(check);
            assertThat(run.failed()).as("failures of %s", check.getSimpleName()).isEmpty();
            assertThat(run.passed())
                    .as("checks run by %s", check.getSimpleName())
                    .isEqualTo(tests);
        });
    }

    // ---- broken plugins: exactly the aimed check fails, with a message that points at the defect ----

    @Test
    void aDescriptorThatCannotBeBuiltFailsEveryCheck() {
        ContractRun run = ContractRun.of(BadNameTaskCheck.class);
        assertThat(run.passed()).isEmpty();
        assertThat(run.failed()).containsKey("descriptorIsComplete");
        assertThat(run.failed().get("descriptorIsComplete"))
                .hasMessageContaining("plugin name 'Synthetic_Task' is invalid");
    }

    @Test
    void anIncompatibleSpiVersionFailsTheDescriptorCheck() {
        assertFailsExactly(
                FutureSpiCheck.class,
                "descriptorIsComplete",
                "built for SPI 2.0, host has " + io.pretrainbench.api.SpiVersion.CURRENT);
    }

    @Test
    void aMissingServiceRegistrationIsReported() {
        assertFailsExactly(
                UnregisteredBoundCheck.class,
                "isRegisteredAsAService",
                "META-INF/services/io.pretrainbench.api.bound.BoundEstimator lists");
    }

    @Test
    void anUnstableDataChecksumIsReported() {
        assertFailsExactly(UnstableChecksumCheck.class, "dataChecksumIsStable", "call=2");
    }

    @Test
    void aClassNameMissingForALabelIsReported() {
        assertFailsExactly(MislabelledTaskCheck.class, "loadsLabelledSplitsWithLabelsInRange", "every class 0..1");
    }

    @Test
    void aMethodIgnoringItsSeedIsReported() {
        assertFailsExactly(ClockSeededCheck.class, "isDeterministicForAFixedSeed", "");
    }

    @Test
    void aLossyRestoreIsReported() {
        assertFailsExactly(LossyRestoreCheck.class, "savedAndRestoredEncodersComputeBitIdenticalFeatures", "");
    }

    @Test
    void ignoredCancellationIsReported() {
        assertFailsExactly(CancellationIgnoringCheck.class, "honoursCancellation", "must throw CancellationException");
    }

    @Test
    void anEncoderWhoseOutputDisagreesWithItsFeatureDimIsReported() {
        // EncoderFeatures alone would not notice: it reads rows × featureDim values and ignores the rest.
        assertFailsExactly(
                MisreportedWidthCheck.class, "frozenForwardPassOutputsBatchByFeatureDim", "shape of the features");
    }

    @Test
    void aHeadOfTheWrongShapeIsReported() {
        assertFailsExactly(TransposedHeadCheck.class, "headMatchesTheRepresentationAndClasses", "kernel shape");
    }

    @Test
    void anEstimatorIgnoringItsSeedIsReported() {
        assertFailsExactly(UnseededBoundCheck.class, "isDeterministicForAFixedSeed", "");
    }

    private static void assertFailsExactly(Class<?> check, String test, String messagePart) {
        ContractRun run = ContractRun.of(check);
        assertThat(run.failed()).as("failures of %s", check.getSimpleName()).containsOnlyKeys(test);
        assertThat(run.failed().get(test)).isInstanceOf(AssertionError.class).hasMessageContaining(messagePart);
        assertThat(run.passed())
                .as("the other checks of %s", check.getSimpleName())
                .isNotEmpty()
                .doesNotContain(test);
    }

    // ---- the contract subclasses ----

    static class CorpusCheck extends PretrainingCorpusContract<SyntheticCorpus> {
        @Override
        protected SyntheticCorpus plugin() {
            return new SyntheticCorpus();
        }
    }

    static class TaskCheck extends DownstreamTaskContract<SyntheticTask> {
        @Override
        protected SyntheticTask plugin() {
            return new SyntheticTask();
        }
    }

    static class MethodCheck extends PretrainingMethodContract<ProjectionMethod> {
        @Override
        protected ProjectionMethod plugin() {
            return new ProjectionMethod();
        }

        @Override
        protected Map<String, Object> fastParameters() {
            return Map.of("steps", 2L);
        }
    }

    static class ProtocolCheck extends FineTuningProtocolContract<NearestMeanProtocol> {
        @Override
        protected NearestMeanProtocol plugin() {
            return new NearestMeanProtocol();
        }
    }

    static class BoundCheck extends BoundEstimatorContract<NormBound> {
        @Override
        protected NormBound plugin() {
            return new NormBound();
        }
    }

    static class FutureSpiCheck extends PretrainingCorpusContract<BrokenPlugins.FutureSpiCorpus> {
        @Override
        protected BrokenPlugins.FutureSpiCorpus plugin() {
            return new BrokenPlugins.FutureSpiCorpus();
        }
    }

    static class UnstableChecksumCheck extends PretrainingCorpusContract<BrokenPlugins.UnstableChecksumCorpus> {
        @Override
        protected BrokenPlugins.UnstableChecksumCorpus plugin() {
            return new BrokenPlugins.UnstableChecksumCorpus();
        }
    }

    static class BadNameTaskCheck extends DownstreamTaskContract<BrokenPlugins.BadNameTask> {
        @Override
        protected BrokenPlugins.BadNameTask plugin() {
            return new BrokenPlugins.BadNameTask();
        }
    }

    static class MislabelledTaskCheck extends DownstreamTaskContract<BrokenPlugins.MislabelledTask> {
        @Override
        protected BrokenPlugins.MislabelledTask plugin() {
            return new BrokenPlugins.MislabelledTask();
        }
    }

    static class ClockSeededCheck extends PretrainingMethodContract<BrokenPlugins.ClockSeededMethod> {
        @Override
        protected BrokenPlugins.ClockSeededMethod plugin() {
            return new BrokenPlugins.ClockSeededMethod();
        }
    }

    static class LossyRestoreCheck extends PretrainingMethodContract<BrokenPlugins.LossyRestoreMethod> {
        @Override
        protected BrokenPlugins.LossyRestoreMethod plugin() {
            return new BrokenPlugins.LossyRestoreMethod();
        }
    }

    static class CancellationIgnoringCheck extends PretrainingMethodContract<BrokenPlugins.CancellationIgnoringMethod> {
        @Override
        protected BrokenPlugins.CancellationIgnoringMethod plugin() {
            return new BrokenPlugins.CancellationIgnoringMethod();
        }
    }

    static class MisreportedWidthCheck extends PretrainingMethodContract<BrokenPlugins.MisreportedWidthMethod> {
        @Override
        protected BrokenPlugins.MisreportedWidthMethod plugin() {
            return new BrokenPlugins.MisreportedWidthMethod();
        }
    }

    static class TransposedHeadCheck extends FineTuningProtocolContract<BrokenPlugins.TransposedHeadProtocol> {
        @Override
        protected BrokenPlugins.TransposedHeadProtocol plugin() {
            return new BrokenPlugins.TransposedHeadProtocol();
        }
    }

    static class UnseededBoundCheck extends BoundEstimatorContract<BrokenPlugins.UnseededBound> {
        @Override
        protected BrokenPlugins.UnseededBound plugin() {
            return new BrokenPlugins.UnseededBound();
        }
    }

    static class UnregisteredBoundCheck extends BoundEstimatorContract<BrokenPlugins.UnregisteredBound> {
        @Override
        protected BrokenPlugins.UnregisteredBound plugin() {
            return new BrokenPlugins.UnregisteredBound();
        }
    }
}
