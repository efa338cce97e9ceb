package example.spi11;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.params.ParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A third-party estimator written against SPI 1.1 (compiled by Spi11CompatibilityTest against the 1.1 signatures,
 * never by the build): it reads every accessor that EstimationContext had in 1.1, so a 1.2 host that broke one of
 * them would fail this plugin with a linkage error.
 */
public final class GapEcho implements BoundEstimator {
  @Override
  public PluginDescriptor descriptor() {
    return new PluginDescriptor("gap-echo", "1.0.0", "The measured gap times a scale; reads every 1.1 accessor.",
        SpiVersion.CURRENT, List.of(ParameterSpec.real("scale", 2.0, 0.0, 10.0, "multiplies the gap")));
  }

  @Override
  public BoundEstimate estimate(EstimationContext c) {
    Map<String, Double> components = new TreeMap<>();
    components.put("feature_dim", (double) c.encoder().featureDim());
    components.put("head_is_linear", "linear".equals(c.head().architecture()) ? 1.0 : 0.0);
    components.put("train_count", (double) c.train().count());
    components.put("feature_rows", (double) c.trainFeatures().rows());
    components.put("classes", (double) c.numClasses());
    components.put("seed", (double) c.seed());
    components.put("pretrained_feature_dim", (double) c.pretrainedEncoder().featureDim());
    components.put("curve_steps", (double) c.pretrainCurve().size());
    components.put("spi_version", Double.parseDouble(SpiVersion.CURRENT));
    return new BoundEstimate(c.params().getDouble("scale") * c.metrics().generalizationGap(), components);
  }
}
