package io.pretrainbench.benchmarks;

import io.pretrainbench.api.Compute;
import io.pretrainbench.methods.MaeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

/**
 * Where the time of one MAE step ({@link MaeStepBenchmark}'s model and batch) goes, as two tables
 * ({@code bin/profile-mae-step}):
 *
 * <ul>
 *   <li>TensorFlow's per-op step statistics (full tracing) of some steps, the ops' run times summed per category of op
 *       type (matmuls, elementwise, softmax, the optimiser's updates, ...) as a share of an untraced step's wall time;
 *       what the ops do not account for is spent outside them (feeding, JNI, the executor's scheduling);
 *   <li>JFR's samples of the thread that runs the steps, untraced: inside the native session run, or in Java code
 *       (allocating and filling feed tensors, sampling masks, freeing tensors, the rest).
 * </ul>
 *
 * <p>Arguments: {@code [--batch N] [--threads N] [--steps N] [--traced N]}. {@code TF_XLA_FLAGS} in the environment
 * reaches TensorFlow as usual (e.g. {@code --tf_xla_auto_jit=2 --tf_xla_cpu_global_jit} to try XLA clustering).
 */
public final class MaeStepProfile {
    private static final int WARM_UP_STEPS = 30;
    private static final Duration SAMPLE_PERIOD = Duration.ofMillis(10);
    private static final String ONE_DNN_PREFIX = "_Mkl";

    /** Op-type categories, in the order they are printed; an op type in none of them counts as "other". */
    private static final Map<String, Predicate<String>> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("matmul (MatMul, BatchMatMul)", type -> type.contains("MatMul"));
        CATEGORIES.put("softmax", type -> type.startsWith("Softmax"));
        CATEGORIES.put(
                "elementwise (Add, Mul, Tanh, Rsqrt, ... and their gradients)",
                Set.of(
                        "Add",
                        "AddV2",
                        "AddN",
                        "Sub",
                        "Mul",
                        "RealDiv",
                        "Div",
                        "DivNoNan",
                        "Neg",
                        "Square",
                        "SquaredDifference",
                        "Rsqrt",
                        "RsqrtGrad",
                        "Sqrt",
                        "Tanh",
                        "TanhGrad",
                        "Pow",
                        "Maximum",
                        "Minimum",
                        "Reciprocal",
                        "Cast",
                        "ZerosLike",
                        "OnesLike",
                        "Fill",
                        "Mod",
                        "BiasAdd")::contains);
        CATEGORIES.put(
                "reductions (Sum, Mean, BiasAddGrad)", Set.of("Sum", "Mean", "Max", "Prod", "BiasAddGrad")::contains);
        CATEGORIES.put(
                "data movement (Gather, Transpose, Tile, Concat, Slice, Reshape, ...)",
                Set.of(
                        "GatherV2",
                        "Gather",
                        "UnsortedSegmentSum",
                        "Transpose",
                        "Tile",
                        "ConcatV2",
                        "Slice",
                        "StridedSlice",
                        "Reshape",
                        "Identity",
                        "Pack",
                        "Shape",
                        "Size",
                        "BroadcastTo",
                        "BroadcastGradientArgs",
                        "DynamicStitch",
                        "InvertPermutation",
                        "Range",
                        "ConcatOffset",
                        "Snapshot",
                        "ExpandDims",
                        "Squeeze")::contains);
        CATEGORIES.put(
                "optimiser update (ApplyAdam, AssignSub, Assign)",
                type -> type.startsWith("Apply") || type.startsWith("ResourceApply") || type.startsWith("Assign"));
        CATEGORIES.put(
                "feeds, fetches, variables, constants",
                Set.of("_Arg", "_Retval", "Placeholder", "_Recv", "_Send", "VariableV2", "Const", "NoOp")::contains);
        CATEGORIES.put("XLA clusters (_XlaCompile, _XlaRun)", type -> type.startsWith("_Xla"));
    }

    private MaeStepProfile() {}

    public static void main(String[] args) throws IOException {
        Map<String, Integer> options = new TreeMap<>(Map.of(
                "--batch", MaeStepBenchmark.BATCH,
                "--threads", 2,
                "--steps", 200,
                "--traced", 20));
        for (int i = 0; i < args.length; i += 2) {
            if (!options.containsKey(args[i]) || i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]*")) {
                System.err.println("profile-mae-step: '" + String.join(" ", args) + "': valid options are "
                        + options.keySet() + ", each followed by a positive whole number");
                System.exit(2);
            }
            options.put(args[i], Integer.parseInt(args[i + 1]));
        }
        int batch = options.get("--batch");
        int threads = options.get("--threads");
        String loadBefore = loadAverage();
        try (MaeModel model = new MaeModel(
                new MaeModel.Settings(
                        MaeStepBenchmark.DEFAULT_VIT,
                        MaeStepBenchmark.MASK_RATIO,
                        true,
                        MaeStepBenchmark.DECODER_WIDTH,
                        MaeStepBenchmark.DECODER_DEPTH,
                        MaeStepBenchmark.WEIGHT_DECAY,
                        batch,
                        null),
                0,
                new Compute(threads, "/cpu:0"))) {
            float[] images = VitStepBenchmark.randomImages(batch);
            for (int i = 0; i < WARM_UP_STEPS; i++) {
                model.step(images, MaeStepBenchmark.LEARNING_RATE);
            }
            int steps = options.get("--steps");
            Path jfr = Files.createTempFile("mae-step-", ".jfr");
            double stepMillis;
            try (Recording recording = new Recording()) {
                recording.enable("jdk.ExecutionSample").withPeriod(SAMPLE_PERIOD);
                recording.enable("jdk.NativeMethodSample").withPeriod(SAMPLE_PERIOD);
                recording.start();
                long start = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    model.step(images, MaeStepBenchmark.LEARNING_RATE);
                }
                stepMillis = (System.nanoTime() - start) / 1e6 / steps;
                recording.stop();
                recording.dump(jfr);
            }
            Map<String, Long> opMicros = new TreeMap<>();
            Map<String, Integer> opCounts = new TreeMap<>();
            int traced = options.get("--traced");
            model.trace(metadata -> addOpTimes(metadata, opMicros, opCounts));
            long tracedStart = System.nanoTime();
            for (int i = 0; i < traced; i++) {
                model.step(images, MaeStepBenchmark.LEARNING_RATE);
            }
            double tracedMillis = (System.nanoTime() - tracedStart) / 1e6 / traced;
            model.trace(null);
            System.out.printf(
                    "MAE step, batch %d, %d threads: %.2f ms per step, %.0f images/s (%d steps; %d cores, load average"
                            + " %s before, %s after; TF_XLA_FLAGS=%s)%n",
                    batch,
                    threads,
                    stepMillis,
                    batch * 1000 / stepMillis,
                    steps,
                    Runtime.getRuntime().availableProcessors(),
                    loadBefore,
                    loadAverage(),
                    System.getenv().getOrDefault("TF_XLA_FLAGS", ""));
            printOps(opMicros, opCounts, traced, tracedMillis);
            printJavaSide(jfr);
            Files.delete(jfr);
        }
    }

    private static void addOpTimes(RunMetadata metadata, Map<String, Long> micros, Map<String, Integer> counts) {
        for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
            for (NodeExecStats node : device.getNodeStatsList()) {
                String type = opType(node);
                micros.merge(type, node.getAllEndRelMicros(), Long::sum);
                counts.merge(type, 1, Integer::sum);
            }
        }
    }

    /**
     * The op type from the trace's label {@code "name = Type(inputs)"} (the node's name where there is none), without
     * the prefix of the oneDNN kernels TensorFlow's CPU build swaps in ({@code _MklSoftmax} is a {@code Softmax}).
     */
    static String opType(NodeExecStats node) {
        String label = node.getTimelineLabel();
        int equals = label.indexOf(" = ");
        int paren = label.indexOf('(', Math.max(0, equals));
        String type = equals < 0 || paren < 0 ? node.getNodeName() : label.substring(equals + 3, paren);
        return type.startsWith(ONE_DNN_PREFIX) ? type.substring(ONE_DNN_PREFIX.length()) : type;
    }

    /** The table of op categories; {@code stepMillis} is the wall time of a traced step. */
    private static void printOps(Map<String, Long> micros, Map<String, Integer> counts, int traced, double stepMillis) {
        Map<String, Long> categoryMicros = new LinkedHashMap<>();
        Map<String, Integer> categoryOps = new LinkedHashMap<>();
        Map<String, Long> other = new TreeMap<>();
        CATEGORIES.keySet().forEach(c -> categoryMicros.put(c, 0L));
        categoryMicros.put("other", 0L);
        micros.forEach((type, us) -> {
            String category = CATEGORIES.entrySet().stream()
                    .filter(c -> c.getValue().test(type))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse("other");
            categoryMicros.merge(category, us, Long::sum);
            categoryOps.merge(category, counts.get(type), Integer::sum);
            if (category.equals("other")) {
                other.put(type, us);
            }
        });
        long total = micros.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(
                "TensorFlow's step statistics: op run times summed per category, as shares of a traced step (%.2f ms,"
                        + " mean of %d; tracing slows each op):%n",
                stepMillis, traced);
        System.out.printf("  %-70s %9s %7s %8s%n", "category", "ms/step", "share", "ops/step");
        categoryMicros.forEach((category, us) -> {
            if (us > 0) {
                System.out.printf(
                        "  %-70s %9.2f %6.1f%% %8d%n",
                        category,
                        us / 1e3 / traced,
                        100 * us / 1e3 / traced / stepMillis,
                        categoryOps.getOrDefault(category, 0) / traced);
            }
        });
        double outside = stepMillis - total / 1e3 / traced;
        System.out.printf(
                "  %-70s %9.2f %6.1f%%%n",
                "outside the ops (feeding, JNI, the executor between ops)", outside, 100 * outside / stepMillis);
        if (!other.isEmpty()) {
            System.out.println("  other op types: " + other.keySet());
        }
    }

    /** The share of JFR's samples of the stepping thread in each kind of work. */
    private static void printJavaSide(Path jfr) throws IOException {
        String thread = Thread.currentThread().getName();
        Map<String, Integer> samples = new LinkedHashMap<>();
        for (String kind : List.of(
                "in the native session run (TF_SessionRun, through JNI)",
                "feeds: allocating tensors and copying arrays into them",
                "freeing tensors",
                "sampling masks",
                "other Java")) {
            samples.put(kind, 0);
        }
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (event.getStackTrace() != null
                    && event.getThread("sampledThread") != null
                    && thread.equals(event.getThread("sampledThread").getJavaName())) {
                samples.merge(kind(event.getStackTrace().getFrames()), 1, Integer::sum);
            }
        }
        int total = samples.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "JFR samples of the stepping thread (%d, one per %d ms, untraced steps):%n",
                total, SAMPLE_PERIOD.toMillis());
        samples.forEach((kind, n) -> System.out.printf("  %-70s %6.1f%%%n", kind, 100.0 * n / Math.max(1, total)));
    }

    /** What a sampled stack was doing: the innermost frame that says. */
    private static String kind(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            String method = frame.getMethod().getName();
            if (method.equals("TF_SessionRun")) {
                return "in the native session run (TF_SessionRun, through JNI)";
            }
            if (type.startsWith("org.tensorflow") && (method.equals("close") || method.contains("delete"))) {
                return "freeing tensors";
            }
            if ((type.equals("io.pretrainbench.nn.Sessions") && (method.equals("floats") || method.equals("ints")))
                    || (type.startsWith("io.pretrainbench.nn.GraphTrainer") && method.equals("feed"))) {
                return "feeds: allocating tensors and copying arrays into them";
            }
            if (method.equals("sampleMasks")) {
                return "sampling masks";
            }
        }
        return "other Java";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
