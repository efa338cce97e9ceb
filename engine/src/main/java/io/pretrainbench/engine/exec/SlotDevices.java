package io.pretrainbench.engine.exec;

import io.pretrainbench.engine.env.TensorFlowDevices;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The TensorFlow device of each parallel slot: slot {@code i} runs its cells on {@code devices[i mod size]}. On a CPU
 * every slot shares {@code /cpu:0}; with {@code --device gpu} slots are placed one per GPU; with {@code gpu:N} every
 * slot uses GPU N.
 *
 * @param devices TensorFlow device names as this process sees them, {@code /cpu:0} or {@code /gpu:N}, at least one
 */
public record SlotDevices(List<String> devices) {
    /** The values {@code --device} accepts, as its error messages and help name them. */
    public static final String CHOICES = "cpu, gpu, gpu:N (N = a GPU's index, from 0) or auto";

    private static final Pattern GPU = Pattern.compile("gpu(?::(\\d+))?");

    public SlotDevices {
        devices = List.copyOf(devices);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one device");
        }
    }

    public static SlotDevices cpu() {
        return new SlotDevices(List.of("/cpu:0"));
    }

    public String forSlot(int slot) {
        return devices.get(slot % devices.size());
    }

    public boolean gpu() {
        return devices.get(0).startsWith("/gpu:");
    }

    /** The GPU index of a {@code /gpu:N} device. */
    static int gpuIndex(String device) {
        return Integer.parseInt(device.substring("/gpu:".length()));
    }

    @Override
    public String toString() {
        return String.join(" ", devices);
    }

    /**
     * Checks that {@code value} is a valid {@code --device} value, before anything is run or opened.
     *
     * @throws IllegalArgumentException one line naming the option and what is valid
     */
    public static void checkOption(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!v.equals("cpu") && !v.equals("auto") && !GPU.matcher(v).matches()) {
            throw new IllegalArgumentException("--device '" + value + "' is not a device; use " + CHOICES);
        }
    }

    /**
     * The devices for {@code --device value}, with {@code seen} the devices TensorFlow lists here (asked only when a
     * GPU may be used, since listing them initialises the GPUs). {@code gpu} and {@code gpu:N} need worker processes:
     * each worker sees only its slot's GPU, so that the gradient ops TensorFlow's C API adds without a device (they
     * ignore the Java device scope) run on it too, and TensorFlow's deterministic ops are turned on in its environment.
     *
     * @throws IllegalArgumentException one line saying why a GPU cannot be used; never falls back to the CPU silently
     */
    public static SlotDevices choose(
            String value,
            ExecutionSettings.Isolation isolation,
            Supplier<List<TensorFlowDevices.Device>> seen,
            String nativeLibrary) {
        checkOption(value);
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("cpu")) {
            return cpu();
        }
        List<TensorFlowDevices.Device> devices = seen.get();
        int gpus = (int) devices.stream().filter(TensorFlowDevices.Device::gpu).count();
        if (v.equals("auto")) {
            return gpus == 0 || isolation == ExecutionSettings.Isolation.THREAD ? cpu() : allGpus(gpus);
        }
        if (gpus == 0) {
            String why = nativeLibrary.equals(TensorFlowDevices.GPU_NATIVE_LIBRARY)
                    ? "TensorFlow's GPU library is present but finds no usable GPU: check `nvidia-smi` and that"
                            + " CUDA 12 and"
                            + " cuDNN 9 libraries are on LD_LIBRARY_PATH"
                    : "this build uses the CPU-only native library " + nativeLibrary
                            + ": build with `mvn -Pgpu package` on a"
                            + " machine with CUDA 12, cuDNN 9 and an NVIDIA driver";
            throw new IllegalArgumentException("--device " + value + ": TensorFlow sees no GPU (devices: "
                    + devices.stream().map(TensorFlowDevices.Device::name).collect(Collectors.joining(", ")) + "); "
                    + why);
        }
        if (isolation == ExecutionSettings.Isolation.THREAD) {
            throw new IllegalArgumentException(
                    "--device " + value + " runs cells in worker processes only (each sees its"
                            + " slot's GPU alone and runs TensorFlow's deterministic ops): drop --isolation thread");
        }
        Matcher m = GPU.matcher(v);
        m.matches();
        if (m.group(1) == null) {
            return allGpus(gpus);
        }
        int index = Integer.parseInt(m.group(1));
        if (index >= gpus) {
            throw new IllegalArgumentException("--device " + value + ": TensorFlow sees " + gpus + " GPU"
                    + (gpus == 1 ? "" : "s") + ", numbered from 0; use gpu:0"
                    + (gpus == 1 ? "" : " to gpu:" + (gpus - 1))
                    + " or gpu");
        }
        return new SlotDevices(List.of("/gpu:" + index));
    }

    private static SlotDevices allGpus(int count) {
        return new SlotDevices(
                IntStream.range(0, count).mapToObj(i -> "/gpu:" + i).toList());
    }
}
