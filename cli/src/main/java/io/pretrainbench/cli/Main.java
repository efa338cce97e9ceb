package io.pretrainbench.cli;

import com.google.inject.ProvisionException;
import io.pretrainbench.engine.grid.GridException;
import io.pretrainbench.results.store.StoreUnavailableException;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pretrain-bench} command line. Exit codes: 0 success; 1 unexpected error; 2 bad input (usage, an invalid
 * grid, an unusable store or plugins folder, a bundle refused by its hash or signature, a verify whose sampled cells
 * could none run here); 3 the grid ran but some cells failed (they are stored with their errors); 4 verify re-ran a
 * bundle's cells and some diverged from what it records.
 */
@Command(
        name = "pretrain-bench",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Benchmarks unsupervised pre-training against learning from scratch, cell by cell.",
        subcommands = {
            PluginsCommand.class,
            ValidateCommand.class,
            RunCommand.class,
            WorkerCommand.class,
            SubmitCommand.class,
            StatusCommand.class,
            LeaderboardCommand.class,
            CompareCommand.class,
            CrossoverCommand.class,
            BoundsCommand.class,
            TransferabilityCommand.class,
            ReportCommand.class,
            KeygenCommand.class,
            BundleCommand.class,
            ImportCommand.class,
            VerifyCommand.class,
            SiteCommand.class,
            ExportCommand.class,
            ExportImagesCommand.class,
            ExportSplitsCommand.class,
            TensorBoardCommand.class,
            StudyCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int BAD_INPUT = 2;
    public static final int CELLS_FAILED = 3;
    public static final int DIVERGED = 4;
    /** The results store stayed unreachable for longer than the command's patience. */
    public static final int STORE_UNAVAILABLE = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Runs the command line with the given streams; returns the exit code. Used by {@link #main} and by tests. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((thrown, commandLine, parseResult) -> {
            Throwable e = unwrapProvisioning(thrown);
            if (e instanceof GridException g) {
                g.problems().forEach(err::println);
                return BAD_INPUT;
            }
            if (e instanceof StoreUnavailableException) {
                err.println("error: " + e.getMessage());
                return STORE_UNAVAILABLE;
            }
            if (e instanceof UserError || e instanceof IllegalArgumentException) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            err.println("error: " + e);
            e.printStackTrace(err);
            return ERROR;
        });
        // A mistyped option or value: one line naming it and what is valid, not the whole usage text.
        cli.setParameterExceptionHandler((e, badArgs) -> {
            CommandLine command = e.getCommandLine();
            err.println("error: " + e.getMessage() + " (see '"
                    + command.getCommandSpec().qualifiedName() + " --help')");
            return BAD_INPUT;
        });
        cli.setExitCodeExceptionMapper(e -> BAD_INPUT);
        return cli.execute(args);
    }

    /**
     * What went wrong inside Guice: a store or registry the injector could not build because of the user's input
     * arrives wrapped in a {@link ProvisionException} whose message is a multi-line trace; its single cause is the
     * one-line problem to show.
     */
    private static Throwable unwrapProvisioning(Throwable e) {
        Throwable t = e;
        while (t instanceof ProvisionException p && p.getErrorMessages().size() == 1 && p.getCause() != null) {
            t = p.getCause();
        }
        return t;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A mistake the user can fix; printed as one line without a stack trace. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserError(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {
                "pretrain-bench " + (v == null ? "dev" : v) + " (SPI " + io.pretrainbench.api.SpiVersion.CURRENT + ")"
            };
        }
    }
}
