package io.pretrainbench.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.tck.FineTuningProtocolContract;
import org.junit.jupiter.api.Test;

class KNearestNeighboursTest extends FineTuningProtocolContract<KNearestNeighbours> {
    @Override
    protected KNearestNeighbours plugin() {
        return new KNearestNeighbours();
    }

    @Test
    void votesOfTheNearestNeighboursDecide() {
        // Two clusters on the unit circle; a query near each is labelled by its cluster.
        FeatureMatrix reference = new FeatureMatrix(4, 2, new float[] {1, 0, 0.99f, 0.14f, 0, 1, 0.14f, 0.99f});
        FeatureMatrix queries = new FeatureMatrix(2, 2, new float[] {0.95f, 0.31f, 0.31f, 0.95f});
        assertThat(KNearestNeighbours.accuracy(
                        reference, new int[] {0, 0, 1, 1}, queries, new int[] {0, 1}, 2, false, 2))
                .isEqualTo(1.0);
        assertThat(KNearestNeighbours.accuracy(
                        reference, new int[] {0, 0, 1, 1}, reference, new int[] {0, 0, 1, 1}, 1, true, 2))
                .as("leave-one-out")
                .isEqualTo(1.0);
    }
}
