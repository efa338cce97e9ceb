package io.pretrainbench.asymptotics;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.study.CaseModel;
import io.pretrainbench.api.study.CaseStudy;
import io.pretrainbench.api.study.StudyContext;
import java.util.List;

/** The {@code factor-model} case study: {@link FactorModel} with its parameters. */
public final class FactorModelStudy implements CaseStudy {
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "factor-model",
            "1.0.0",
            "Factor model x = A* h + mu, PPCA maximum likelihood, then OLS on the posterior-mean features.",
            SpiVersion.CURRENT,
            List.of(
                    ParameterSpec.integer("d", 10, 2, 1000, "input dimension"),
                    ParameterSpec.realList(
                            "loadings",
                            List.of(2.0, 1.0),
                            1e-9,
                            1e9,
                            "eigenvalues of A* A*^T, one per factor (k = their count, at most d - 1)"),
                    ParameterSpec.realList(
                            "beta", List.of(1.0, 1.0), -1e9, 1e9, "target coefficients beta*, one per factor"),
                    ParameterSpec.real("label_noise", 0.05, 0, 1e9, "variance of the label noise nu")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public CaseModel model(StudyContext context) {
        Parameters p = context.params();
        return new FactorModel(
                p.getInt("d"), p.getRealList("loadings"), p.getRealList("beta"), p.getDouble("label_noise"));
    }
}
