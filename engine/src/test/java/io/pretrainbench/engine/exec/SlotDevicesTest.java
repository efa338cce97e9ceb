package io.pretrainbench.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.engine.env.TensorFlowDevices;
import io.pretrainbench.engine.env.TensorFlowDevices.Device;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlotDevicesTest {
    private static final ExecutionSettings.Isolation PROCESS = ExecutionSettings.Isolation.PROCESS;
    private static final Device CPU = new Device("/device:CPU:0", 0);
    private static final List<Device> TWO_GPUS =
            List.of(CPU, new Device("/device:GPU:0", 80L << 30), new Device("/device:GPU:1", 80L << 30));

    private static SlotDevices choose(String value, List<Device> seen) {
        return SlotDevices.choose(value, PROCESS, () -> seen, TensorFlowDevices.GPU_NATIVE_LIBRARY);
    }

    @Test
    void parallelSlotsArePlacedOnePerGpuRoundRobin() {
        SlotDevices devices = choose("gpu", TWO_GPUS);
        assertThat(IntStream.range(0, 5).mapToObj(devices::forSlot))
                .containsExactly("/gpu:0", "/gpu:1", "/gpu:0", "/gpu:1", "/gpu:0");
        assertThat(devices.gpu()).isTrue();
    }

    @Test
    void gpuNPutsEverySlotOnThatGpu() {
        SlotDevices devices = choose("gpu:1", TWO_GPUS);
        assertThat(IntStream.range(0, 3).mapToObj(devices::forSlot)).containsOnly("/gpu:1");
        assertThatThrownBy(() -> choose("gpu:2", TWO_GPUS))
                .hasMessage("--device gpu:2: TensorFlow sees 2 GPUs, numbered from 0; use gpu:0 to gpu:1 or gpu");
    }

    @Test
    void cpuNeverAsksTensorFlowForItsDevices() {
        SlotDevices devices = SlotDevices.choose(
                "cpu",
                PROCESS,
                () -> {
                    throw new AssertionError("listing devices initialises GPUs: a CPU run must not");
                },
                "linux-x86_64");
        assertThat(devices).isEqualTo(SlotDevices.cpu());
        assertThat(devices.forSlot(3)).isEqualTo("/cpu:0");
    }

    @Test
    void autoTakesTheGpusWhenThereAreAnyElseTheCpu() {
        assertThat(choose("auto", TWO_GPUS).devices()).containsExactly("/gpu:0", "/gpu:1");
        assertThat(choose("auto", List.of(CPU))).isEqualTo(SlotDevices.cpu());
        assertThat(SlotDevices.choose("auto", ExecutionSettings.Isolation.THREAD, () -> TWO_GPUS, "x"))
                .isEqualTo(SlotDevices.cpu());
    }

    @Test
    void aGpuWithoutOneSaysWhyInOneLineAndNeverFallsBackToTheCpu() {
        assertThatThrownBy(() -> SlotDevices.choose("gpu", PROCESS, () -> List.of(CPU), "linux-x86_64"))
                .hasMessageStartingWith(
                        "--device gpu: TensorFlow sees no GPU (devices: /device:CPU:0); this build uses the"
                                + " CPU-only native library linux-x86_64")
                .hasMessageContaining("mvn -Pgpu package")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> choose("gpu:0", List.of(CPU)))
                .hasMessageContaining("GPU library is present but finds no usable GPU")
                .hasMessageContaining("nvidia-smi");
    }

    @Test
    void aGpuNeedsWorkerProcesses() {
        assertThatThrownBy(() -> SlotDevices.choose("gpu", ExecutionSettings.Isolation.THREAD, () -> TWO_GPUS, "x"))
                .hasMessageContaining("--device gpu")
                .hasMessageContaining("drop --isolation thread");
    }

    @Test
    void aMistypedDeviceNamesTheOptionAndWhatIsValid() {
        assertThatThrownBy(() -> SlotDevices.checkOption("cuda"))
                .hasMessage("--device 'cuda' is not a device; use cpu, gpu, gpu:N (N = a GPU's index, from 0) or auto");
        assertThatThrownBy(() -> SlotDevices.checkOption("gpu:-1")).hasMessageContaining("'gpu:-1'");
    }

    @Test
    void aGpuWorkerSeesOnlyItsSlotsGpuWithDeterministicOps() {
        Map<String, String> env = new HashMap<>();
        WorkerPool.onlyGpu(env, 1);
        assertThat(env).containsEntry("CUDA_VISIBLE_DEVICES", "1").containsEntry("TF_DETERMINISTIC_OPS", "1");

        Map<String, String> restricted =
                new HashMap<>(Map.of("CUDA_VISIBLE_DEVICES", "4,6", "TF_DETERMINISTIC_OPS", "0"));
        WorkerPool.onlyGpu(restricted, 1);
        assertThat(restricted).containsEntry("CUDA_VISIBLE_DEVICES", "6").containsEntry("TF_DETERMINISTIC_OPS", "0");
    }

    @Test
    void tensorFlowListsItsCpuAndTheCpuOnlyLibraryNoGpu() {
        List<Device> seen = TensorFlowDevices.list();
        assertThat(seen).extracting(Device::name).contains("/device:CPU:0");
        if (!TensorFlowDevices.nativeLibrary().equals(TensorFlowDevices.GPU_NATIVE_LIBRARY)) {
            assertThat(seen).noneMatch(Device::gpu);
        }
    }
}
