package io.pretrainbench.asymptotics;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.study.CaseModel;
import io.pretrainbench.api.study.CaseStudy;
import io.pretrainbench.api.study.StudyContext;
import java.util.List;

/** The {@code spectral-contrastive} case study: {@link SpectralContrastive} with its parameters. */
public final class SpectralContrastiveStudy implements CaseStudy {
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "spectral-contrastive",
            "1.0.0",
            "Linear spectral contrastive pre-training, C = diag(1, 1/2, ..., 1/d), then OLS on the k learned features.",
            SpiVersion.CURRENT,
            List.of(
                    ParameterSpec.integer("d", 8, 2, 64, "input dimension"),
                    ParameterSpec.integer("k", 2, 1, 63, "learned features (rows of A), at most d - 1"),
                    ParameterSpec.real("noise_variance", 0.2, 1e-9, 1e9, "downstream label noise sigma^2")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public CaseModel model(StudyContext context) {
        Parameters p = context.params();
        return new SpectralContrastive(p.getInt("d"), p.getInt("k"), p.getDouble("noise_variance"));
    }
}
