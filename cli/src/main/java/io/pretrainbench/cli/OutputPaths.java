package io.pretrainbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an output option before any work is done, so that a path that cannot be written ends in one line naming the
 * option and the path, not in a stack trace after minutes of work.
 */
final class OutputPaths {
    private OutputPaths() {}

    /** {@code file}, after creating its folder and making sure a file can be written there. */
    static Path writableFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new Main.UserError(option + " " + file + ": is a folder; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        writableDir(option, parent);
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new Main.UserError(option + " " + file + ": the file exists and is not writable");
        }
        return file;
    }

    /** {@code dir}, created if absent, after making sure files can be written in it. */
    static Path writableDir(String option, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".pretrainbench-write-check", ".tmp"));
            return dir;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new Main.UserError(
                    option + " " + dir + ": cannot write there (" + reason(e) + "); give a path in a writable folder");
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
