package io.pretrainbench.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class SessionsTest {
  @Test
  void devicesAreReadInTheFormsTensorFlowUses() {
    assertThat(Sessions.device(Compute.cpu(1)).deviceType()).isEqualTo(DeviceSpec.DeviceType.CPU);
    DeviceSpec gpu = Sessions.device(new Compute(1, "/gpu:1"));
    assertThat(gpu.deviceType()).isEqualTo(DeviceSpec.DeviceType.GPU);
    assertThat(gpu.deviceIndex()).isEqualTo(1);
    assertThat(Sessions.device(new Compute(1, "/device:GPU:0")).deviceType()).isEqualTo(DeviceSpec.DeviceType.GPU);
    assertThat(Sessions.device(new Compute(1, "/CPU")).deviceIndex()).isZero();
  }

  @Test
  void anUnknownDeviceIsRefusedSayingWhatIsValid() {
    assertThatThrownBy(() -> Sessions.device(new Compute(1, "/tpu:0")))
        .hasMessageContaining("'/tpu:0'").hasMessageContaining("/cpu:0").hasMessageContaining("/gpu:N");
  }

  @Test
  void opsArePlacedOnTheCellsDeviceAndRunThere() {
    Compute compute = Compute.cpu(2);
    try (Graph graph = new Graph(); Session session = Sessions.open(graph, compute)) {
      Ops tf = Sessions.ops(graph, compute);
      var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
      assertThat(((GraphOperation) sum.op()).device()).isEqualToIgnoringCase("/device:CPU:0");
      try (Result r = session.runner().fetch(sum).run()) {
        assertThat(Sessions.scalar(r.get(0))).isEqualTo(3f);
      }
    }
  }

  @Test
  void variablesAreReadBackUnderTheirNames() {
    Compute compute = Compute.cpu(1);
    WeightTensor kernel = new WeightTensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
    WeightTensor bias = new WeightTensor(new long[] {3}, new float[] {-1, 0, 1});
    try (Graph graph = new Graph(); Session session = Sessions.open(graph, compute)) {
      Ops tf = Sessions.ops(graph, compute);
      Variable<TFloat32> k = tf.variable(Layers.constant(tf, kernel));
      Variable<TFloat32> b = tf.variable(Layers.constant(tf, bias));
      session.initialize();
      assertThat(Sessions.read(session, Map.of("dense/kernel", k, "dense/bias", b)))
          .isEqualTo(new Weights(Map.of("dense/kernel", kernel, "dense/bias", bias)));
    }
  }

  @Test
  void tensorsAreFedFromThePrefixOfAReusedBuffer() {
    float[] buffer = {1, 2, 3, 4, 5, 6, 7, 8};
    try (TFloat32 t = Sessions.floats(buffer, 2, 2)) {
      assertThat(Sessions.toWeight(t).values()).containsExactly(1, 2, 3, 4);
    }
  }
}
