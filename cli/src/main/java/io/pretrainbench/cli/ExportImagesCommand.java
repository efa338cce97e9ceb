package io.pretrainbench.cli;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.ParameterType;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import io.pretrainbench.engine.registry.PluginKind;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegistryModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "export-images",
        mixinStandardHelpOptions = true,
        description = {
            "Write a downstream task's data as an image-folder tree of 8-bit PNGs (grey or RGB):"
                    + " DIR/<label>-<class>/<split>-<index>.png, with manifests DIR/train.txt and DIR/test.txt listing"
                    + " the training pool and the test split in the task's own order. The image-folder task with"
                    + " root: DIR, train_manifest and test_manifest, and the image-folder corpus with manifest:"
                    + " DIR/train.txt, then load the same examples in the same order."
        })
final class ExportImagesCommand implements Callable<Integer> {
    @Mixin
    Options.Plugins plugins;

    @Option(names = "--task", required = true, paramLabel = "NAME", description = "The downstream task to export.")
    String task;

    @Option(
            names = "--task-params",
            paramLabel = "KEY=VALUE",
            // a regular expression: a comma starts the next pair only before "key=", so a value may hold commas (0,1,2)
            split = ",(?=[a-z][a-z0-9_]*=)",
            description = "The task's parameters, as in a grid file, e.g. test_limit=5000,data_dir=/data.")
    Map<String, String> taskParams = new LinkedHashMap<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new or empty folder to write to.")
    Path out;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "0",
            description = "At most N images of each split, the first in the task's order (0 = all). Default:"
                    + " ${DEFAULT-VALUE}.")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (limit < 0) {
            throw new Main.UserError("--limit " + limit + ": give 0 (all images) or a positive number");
        }
        if (Files.exists(out) && !isEmptyFolder(out)) {
            throw new Main.UserError("--out " + out + ": not an empty folder; image-folder reads every image below"
                    + " it, so give a new or empty folder");
        }
        PluginRegistry registry = Wiring.reportProblems(
                Wiring.injector(new RegistryModule(plugins.dir)).getInstance(PluginRegistry.class),
                spec.commandLine().getErr());
        DownstreamTask downstream = (DownstreamTask) registry.get(PluginKind.TASK, task);
        Map<String, Object> raw = new LinkedHashMap<>();
        taskParams.forEach((key, value) -> raw.put(key, typed(downstream, key, value)));
        TaskData data = downstream.load(DataContext.builder()
                .params(downstream.descriptor().resolve(raw))
                .build());
        ImageFolderWriter.Written written = ImageFolderWriter.write(task, data, limit, out);
        spec.commandLine()
                .getOut()
                .printf(
                        "wrote %d training and %d test images of %d classes to %s (manifests %s, %s)%n",
                        written.train(),
                        written.test(),
                        written.classFolders().size(),
                        out,
                        ImageFolderWriter.TRAIN_MANIFEST,
                        ImageFolderWriter.TEST_MANIFEST);
        return Main.OK;
    }

    /** A string parameter as given; any other read as a YAML scalar, as the grid file would give it. */
    private static Object typed(DownstreamTask downstream, String key, String value) {
        ParameterType type =
                downstream.descriptor().parameter(key).map(ParameterSpec::type).orElse(ParameterType.STRING);
        return type == ParameterType.STRING || type == ParameterType.CHOICE ? value : new Yaml().load(value);
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
