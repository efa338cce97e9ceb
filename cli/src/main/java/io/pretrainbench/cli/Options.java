package io.pretrainbench.cli;

import java.nio.file.Path;
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
                paramLabel = "PATH",
                defaultValue = "runs/results.db",
                description = "Results store (SQLite file). Default: ${DEFAULT-VALUE}.")
        Path file;
    }
}
