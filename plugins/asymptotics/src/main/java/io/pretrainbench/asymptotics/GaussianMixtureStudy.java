package io.pretrainbench.asymptotics;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.study.CaseModel;
import io.pretrainbench.api.study.CaseStudy;
import io.pretrainbench.api.study.StudyContext;
import java.util.List;

/**
 * The {@code gaussian-mixture} case study: {@link GaussianMixture} with its parameters. Its test sample and Fisher
 * Monte Carlo are drawn from the study seed, so the model is set up once per study entry.
 */
public final class GaussianMixtureStudy implements CaseStudy {
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "gaussian-mixture",
            "1.1.0",
            "Mixture of K Gaussians with means beta e_i, EM for the means, then OLS on the K^2 posterior features.",
            SpiVersion.CURRENT,
            List.of(
                    ParameterSpec.integer("components", 4, 2, 16, "number of mixture components K, at most d"),
                    ParameterSpec.integer("d", 20, 2, 1000, "input dimension"),
                    ParameterSpec.real("beta", 2.0, 1e-6, 1e6, "separation: component i has mean beta e_i"),
                    ParameterSpec.real("noise_variance", 0.5, 1e-9, 1e9, "downstream label noise sigma^2"),
                    ParameterSpec.choice(
                            "target",
                            "alternating",
                            List.of("alternating", "harmonic"),
                            "downstream target on the true features: alternating (a_i = e_i, c_i = (-1)^i) or"
                                    + " harmonic (the authors': every coefficient of block i proportional to 1/i)"),
                    ParameterSpec.real(
                            "target_norm",
                            10,
                            1e-9,
                            1e9,
                            "harmonic target only: the norm of its coefficient vector (10 in the authors' code, 1"
                                    + " in their Appendix K)"),
                    ParameterSpec.integer(
                            "test_samples",
                            50_000,
                            100,
                            10_000_000,
                            "test points, drawn once, on which the excess risk is evaluated"),
                    ParameterSpec.integer(
                            "fisher_samples",
                            100_000,
                            100,
                            10_000_000,
                            "Monte-Carlo points for the Fisher information in the predicted limit")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public CaseModel model(StudyContext context) {
        Parameters p = context.params();
        return new GaussianMixture(
                p.getInt("components"),
                p.getInt("d"),
                p.getDouble("beta"),
                p.getDouble("noise_variance"),
                p.getString("target").equals("harmonic")
                        ? new GaussianMixture.Target.Harmonic(p.getDouble("target_norm"))
                        : new GaussianMixture.Target.Alternating(),
                p.getInt("test_samples"),
                p.getInt("fisher_samples"),
                context.seed());
    }
}
