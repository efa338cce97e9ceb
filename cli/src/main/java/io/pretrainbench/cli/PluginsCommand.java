package io.pretrainbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.engine.registry.PluginKind;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegisteredPlugin;
import io.pretrainbench.engine.registry.RegistryModule;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        description = "List the available plugins: kind, name, version, origin and parameter schema.")
final class PluginsCommand implements Callable<Integer> {
    @Mixin
    Options.Plugins plugins;

    @Option(names = "--json", description = "Machine-readable output: one object per plugin with its full schema.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PluginRegistry registry = Wiring.reportProblems(
                Wiring.injector(new RegistryModule(plugins.dir)).getInstance(PluginRegistry.class),
                spec.commandLine().getErr());
        List<RegisteredPlugin> all = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            all.addAll(registry.all(kind));
        }
        if (json) {
            List<Map<String, Object>> rows =
                    all.stream().map(PluginsCommand::toJson).toList();
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(rows));
            return Main.OK;
        }
        for (PluginKind kind : PluginKind.values()) {
            out.println(kind.plural() + ":");
            for (RegisteredPlugin p : registry.all(kind)) {
                out.printf(
                        "  %-20s %-8s %s%n",
                        p.name(), p.descriptor().version(), p.descriptor().summary());
                if (!RegisteredPlugin.BUILT_IN.equals(p.origin())) {
                    out.printf("  %-20s from %s%n", "", p.origin());
                }
                for (ParameterSpec param : p.descriptor().parameters()) {
                    out.printf(
                            "      %-18s %s, default %s: %s%n",
                            param.name(), param.describeValid(), param.defaultValue(), param.doc());
                }
            }
        }
        return Main.OK;
    }

    private static Map<String, Object> toJson(RegisteredPlugin p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", p.kind().id());
        row.put("name", p.name());
        row.put("version", p.descriptor().version());
        row.put("summary", p.descriptor().summary());
        row.put("spi_version", p.descriptor().spiVersion());
        row.put("origin", p.origin());
        List<Map<String, Object>> params = new ArrayList<>();
        for (ParameterSpec param : p.descriptor().parameters()) {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("name", param.name());
            schema.put("type", param.type().yamlName());
            schema.put("default", param.defaultValue());
            if (param.min() != null) {
                schema.put("min", param.min());
            }
            if (param.max() != null) {
                schema.put("max", param.max());
            }
            if (!param.choices().isEmpty()) {
                schema.put("choices", param.choices());
            }
            schema.put("doc", param.doc());
            params.add(schema);
        }
        row.put("parameters", params);
        return row;
    }
}
