package io.pretrainbench.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.DeviceSpec;

/**
 * The compute a plugin may use for one cell.
 *
 * @param threads CPU threads for TensorFlow's intra-op pool (the host divides its cores between parallel cells)
 * @param device TensorFlow device for graph placement, for example {@code /cpu:0} or {@code /gpu:0}
 */
public record Compute(int threads, String device) {
    private static final Pattern DEVICE =
            Pattern.compile("/(?:device:)?(cpu|gpu)(?::(\\d+))?", Pattern.CASE_INSENSITIVE);

    public Compute {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (device == null || device.isBlank()) {
            throw new IllegalArgumentException("device must be set, for example /cpu:0");
        }
    }

    public static Compute cpu(int threads) {
        return new Compute(threads, "/cpu:0");
    }

    /**
     * The device as TensorFlow's spec, for {@code Ops.withDevice}.
     *
     * @throws IllegalArgumentException for anything but {@code /cpu:N} or {@code /gpu:N} (also {@code /device:GPU:N})
     */
    public DeviceSpec deviceSpec() {
        Matcher m = DEVICE.matcher(device.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "device '" + device + "' is not supported: use /cpu:0 or /gpu:N (for example" + " /gpu:0)");
        }
        DeviceSpec.DeviceType type =
                m.group(1).equalsIgnoreCase("gpu") ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU;
        int index = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        return DeviceSpec.newBuilder().deviceType(type).deviceIndex(index).build();
    }

    /** Whether the device is a GPU. */
    public boolean onGpu() {
        return deviceSpec().deviceType() == DeviceSpec.DeviceType.GPU;
    }
}
