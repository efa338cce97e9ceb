package io.pretrainbench.cli;

import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.GridExpander;
import io.pretrainbench.engine.grid.GridParser;
import io.pretrainbench.engine.grid.GridSpec;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegistryModule;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check a grid file (syntax, plugins, parameter types and ranges, data) without running anything.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "GRID", description = "The grid file (YAML).")
    Path grid;

    @Mixin
    Options.Plugins plugins;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = Wiring.reportProblems(
                Wiring.injector(new RegistryModule(plugins.dir)).getInstance(PluginRegistry.class),
                spec.commandLine().getErr());
        GridSpec spec = new GridParser(registry).parse(grid);
        List<Cell> cells = GridExpander.expand(spec);
        long encoders = cells.stream().map(Cell::pretrainingKey).distinct().count();
        this.spec
                .commandLine()
                .getOut()
                .printf(
                        "%s: valid; grid '%s' has %d cells (%d pre-trained encoders), hash %s%n",
                        grid, spec.name(), cells.size(), encoders, GridExpander.gridHash(cells));
        return Main.OK;
    }
}
