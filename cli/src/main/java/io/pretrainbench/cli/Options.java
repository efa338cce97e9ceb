package io.pretrainbench.cli;

import io.pretrainbench.engine.env.TensorFlowDevices;
import io.pretrainbench.engine.exec.ExecutionSettings;
import io.pretrainbench.engine.exec.SlotDevices;
import io.pretrainbench.results.store.StoreLocation;
import io.pretrainbench.results.table.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Options shared by several commands, as picocli mixins, so each flag has one name and one meaning everywhere. */
final class Options {
    private Options() {}

    static final class Plugins {
        @Option(
                names = "--plugins",
                paramLabel = "DIR",
                description = "Folder of third-party plugin jars (each jar, or sub-folder of jars, gets its own class"
                        + " loader).")
        Path dir;
    }

    static final class Results {
        @Option(
                names = "--results",
                paramLabel = "STORE",
                defaultValue = "runs/results.db",
                converter = StoreLocationConverter.class,
                description = "Results store: a SQLite file, or a PostgreSQL database postgresql://user@host:port/db"
                        + " (the password from PGPASSWORD or ~/.pgpass, never in the URL). Default:"
                        + " ${DEFAULT-VALUE}.")
        StoreLocation location;

        /** Where pre-trained encoders go unless --encoder-cache says: next to a SQLite file, else ./encoders. */
        Path defaultEncoderCache() {
            return location instanceof StoreLocation.SqliteFile f
                    ? f.file().toAbsolutePath().resolveSibling("encoders")
                    : Path.of("encoders").toAbsolutePath();
        }
    }

    /** `--format` of the commands that print one table in any of the table formats. */
    static final class TableFormat {
        @Option(
                names = "--format",
                defaultValue = "table",
                paramLabel = "FORMAT",
                description = "table, markdown, csv or json. Default: ${DEFAULT-VALUE}.")
        String name;

        /** The chosen format; a bad name is a usage error naming the valid ones. */
        Table.Format parsed() {
            return Table.Format.parse(name, List.of(Table.Format.values()));
        }
    }

    /** A worker's lease, for `worker` and for the workers `submit` starts: one option, one check. */
    static final class Lease {
        @Option(
                names = "--lease",
                paramLabel = "DURATION",
                defaultValue = "60s",
                converter = DurationConverter.class,
                description = "How long a claimed cell stays a worker's without a heartbeat (one every quarter of it);"
                        + " after that another worker may run it. Default: ${DEFAULT-VALUE}.")
        java.time.Duration value;

        /** The lease, refused below 2 s: a heartbeat every quarter of it must be possible. */
        java.time.Duration checked() {
            if (value.toSeconds() < 2) {
                throw new Main.UserError("--lease must be at least 2s, got " + value.toSeconds() + "s");
            }
            return value;
        }
    }

    /** A duration as {@code 90}, {@code 90s}, {@code 30m} or {@code 2h}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("(\\d+)([smh]?)").matcher(value.strip());
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration; use seconds (90, 90s), minutes (30m) or hours (2h)");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> java.time.Duration.ofMinutes(n);
                case "h" -> java.time.Duration.ofHours(n);
                default -> java.time.Duration.ofSeconds(n);
            };
        }
    }

    static final class StoreLocationConverter implements CommandLine.ITypeConverter<StoreLocation> {
        @Override
        public StoreLocation convert(String value) {
            try {
                return StoreLocation.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Device {
        @Option(
                names = "--device",
                paramLabel = "DEVICE",
                defaultValue = "cpu",
                description = {
                    "Where cells train: 'cpu' (default); 'gpu': parallel slots placed one per GPU (slot i on GPU"
                            + " i mod count); 'gpu:N': every slot on GPU N; 'auto': the GPUs if TensorFlow sees one,"
                            + " else the CPU (says"
                            + " which). A GPU needs the GPU build (mvn -Pgpu package) and worker processes; without a"
                            + " usable GPU the run"
                            + " stops with the reason, it never falls back to the CPU."
                })
        String value;

        /** The slots' devices, checked before the grid is read or the store opened; {@code auto} says what it chose. */
        SlotDevices choose(ExecutionSettings.Isolation isolation, PrintWriter err) {
            SlotDevices.checkOption(value);
            List<TensorFlowDevices.Device> seen = new ArrayList<>();
            SlotDevices chosen = SlotDevices.choose(
                    value,
                    isolation,
                    () -> {
                        try {
                            seen.addAll(TensorFlowDevices.list());
                        } catch (RuntimeException e) { // e.g. a GPU library whose CUDA libraries are missing
                            throw new IllegalArgumentException(
                                    "--device " + value + ": TensorFlow cannot list its devices: "
                                            + e.getMessage().lines().findFirst().orElse(e.toString()),
                                    e);
                        }
                        return seen;
                    },
                    TensorFlowDevices.nativeLibrary());
            if (value.strip().equalsIgnoreCase("auto")) {
                err.printf(
                        "--device auto: running on %s (TensorFlow sees %s%s)%n",
                        chosen,
                        seen,
                        !chosen.gpu() && seen.stream().anyMatch(TensorFlowDevices.Device::gpu)
                                ? "; GPUs need --isolation process"
                                : "");
            }
            return chosen;
        }
    }
}
