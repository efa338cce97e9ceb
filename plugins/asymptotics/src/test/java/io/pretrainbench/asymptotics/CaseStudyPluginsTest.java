package io.pretrainbench.asymptotics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.study.CaseModel;
import io.pretrainbench.api.study.CaseStudy;
import io.pretrainbench.api.study.StudyContext;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CaseStudyPluginsTest {
    private static CaseStudy plugin(String name) {
        return ServiceLoader.load(CaseStudy.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.descriptor().name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static CaseModel model(String name, Map<String, ?> params, long seed) {
        CaseStudy study = plugin(name);
        Parameters resolved = study.descriptor().resolve(params);
        return study.model(StudyContext.builder().params(resolved).seed(seed).build());
    }

    @Test
    void theThreeCasesAreRegisteredAsServices() {
        assertThat(ServiceLoader.load(CaseStudy.class).stream()
                        .map(p -> p.get().descriptor().name()))
                .containsExactlyInAnyOrder("spectral-contrastive", "factor-model", "gaussian-mixture");
    }

    @Test
    void parametersReachTheModelAsDeclared() {
        CaseModel factor = model(
                "factor-model",
                Map.of("d", 5, "loadings", List.of(4.0, 1.0), "beta", List.of(1, -0.5), "label_noise", 0.1),
                0);
        assertThat(factor.predict(2).limit())
                .isEqualTo(new FactorModel(5, List.of(4.0, 1.0), List.of(1.0, -0.5), 0.1)
                        .predict(2)
                        .limit());
        CaseModel spectral = model("spectral-contrastive", Map.of(), 0);
        assertThat(spectral.excessRisk(50, 100, 7))
                .isEqualTo(new SpectralContrastive(8, 2, 0.2).excessRisk(50, 100, 7));
    }

    @Test
    void theStudySeedFixesTheMixturesSharedDraws() {
        Map<String, Object> small = Map.of("components", 3, "d", 5, "test_samples", 500, "fisher_samples", 500);
        assertThat(model("gaussian-mixture", small, 11).predict(2).limit())
                .isEqualTo(new GaussianMixture(3, 5, 2.0, 0.5, new GaussianMixture.Target.Alternating(), 500, 500, 11)
                        .predict(2)
                        .limit())
                .isNotEqualTo(model("gaussian-mixture", small, 12).predict(2).limit());
    }

    @Test
    void parametersValidOneByOneButNotTogetherAreRefusedWithTheRule() {
        assertThatThrownBy(() -> model("gaussian-mixture", Map.of("components", 6, "d", 5), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("components = 6 must be in [2, d]");
    }
}
