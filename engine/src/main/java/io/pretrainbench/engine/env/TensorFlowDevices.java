package io.pretrainbench.engine.env;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The devices TensorFlow sees in this process, as its C API lists them for a session ({@code TF_SessionListDevices}:
 * TensorFlow Java's {@code Session} does not expose its list), and which native library this build carries.
 */
public final class TensorFlowDevices {
    /** The GPU build's native library; the CPU build's is the same name without {@code -gpu}. */
    public static final String GPU_NATIVE_LIBRARY = "linux-x86_64-gpu";

    /** A device as TensorFlow names it (e.g. {@code /device:GPU:0}) and the memory it offers (0 for a CPU). */
    public record Device(String name, long memoryBytes) {
        public boolean gpu() {
            return name.contains(":GPU:");
        }

        @Override
        public String toString() {
            return gpu() ? name + " (" + (memoryBytes >> 20) + " MiB)" : name;
        }
    }

    private TensorFlowDevices() {}

    /** Prints the native library and the devices TensorFlow sees, one a line ({@code bin/gpu-check} runs it). */
    public static void main(String[] args) {
        System.out.println("TensorFlow " + TensorFlow.version() + ", native library " + nativeLibrary());
        list().forEach(System.out::println);
    }

    /**
     * Every device of a session with default placement. Creating it initialises the GPUs of this process: memory grows
     * on demand, as in the cells' sessions, so that the first session does not take every card whole.
     */
    public static List<Device> list() {
        TensorFlow.version(); // loads the native library
        byte[] config = ConfigProto.newBuilder()
                .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
                .build()
                .toByteArray();
        try (PointerScope scope = new PointerScope()) {
            TF_Status status = TF_Status.newStatus();
            TF_SessionOptions options = TF_SessionOptions.newSessionOptions();
            TF_SetConfig(options, new BytePointer(config), config.length, status);
            status.throwExceptionIfNotOK();
            TF_Session session = TF_Session.newSession(TF_Graph.newGraph(), options, status);
            status.throwExceptionIfNotOK();
            TF_DeviceList list = TF_SessionListDevices(session, status);
            status.throwExceptionIfNotOK();
            try {
                List<Device> devices = new ArrayList<>();
                for (int i = 0; i < TF_DeviceListCount(list); i++) {
                    String name = TF_DeviceListName(list, i, status).getString();
                    devices.add(new Device(
                            name.substring(name.indexOf("/device:")), TF_DeviceListMemoryBytes(list, i, status)));
                }
                return List.copyOf(devices);
            } finally {
                TF_DeleteDeviceList(list);
            }
        }
    }

    /** The TensorFlow native library on the class path: {@link #GPU_NATIVE_LIBRARY} or the CPU-only one. */
    public static String nativeLibrary() {
        boolean gpu = TensorFlowDevices.class
                        .getClassLoader()
                        .getResource("org/tensorflow/internal/c_api/" + GPU_NATIVE_LIBRARY + "/libjnitensorflow.so")
                != null;
        return gpu ? GPU_NATIVE_LIBRARY : "linux-x86_64";
    }
}
