package io.pretrainbench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.model.EncoderFeatures;
import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;

class ComputeTest {
    @Test
    void devicesAreReadInTheFormsTensorFlowUses() {
        assertThat(Compute.cpu(1).deviceSpec().deviceType()).isEqualTo(DeviceSpec.DeviceType.CPU);
        DeviceSpec gpu = new Compute(1, "/gpu:1").deviceSpec();
        assertThat(gpu.deviceType()).isEqualTo(DeviceSpec.DeviceType.GPU);
        assertThat(gpu.deviceIndex()).isEqualTo(1);
        assertThat(new Compute(1, "/device:GPU:0").onGpu()).isTrue();
        assertThat(new Compute(1, "/CPU").deviceSpec().deviceIndex()).isZero();
    }

    @Test
    void anUnknownDeviceIsRefusedSayingWhatIsValid() {
        assertThatThrownBy(() -> new Compute(1, "/tpu:0").deviceSpec())
                .hasMessageContaining("'/tpu:0'")
                .hasMessageContaining("/cpu:0")
                .hasMessageContaining("/gpu:N");
    }

    @Test
    void aCpuSessionCreatesNoGpuAndAGpuSessionGrowsItsMemoryOnDemand() {
        ConfigProto cpu = EncoderFeatures.sessionConfig(Compute.cpu(3));
        assertThat(cpu.getDeviceCountMap()).containsEntry("GPU", 0);
        assertThat(cpu.getIntraOpParallelismThreads()).isEqualTo(3);
        assertThat(cpu.getGpuOptions().getAllowGrowth()).isFalse();

        ConfigProto gpu = EncoderFeatures.sessionConfig(new Compute(2, "/gpu:1"));
        assertThat(gpu.getDeviceCountMap()).doesNotContainKey("GPU");
        assertThat(gpu.getGpuOptions().getAllowGrowth()).isTrue();
        assertThat(gpu.getAllowSoftPlacement()).isTrue();
    }
}
