package io.pretrainbench.engine.grid;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingCorpus;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.engine.registry.PluginKind;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegisteredPlugin;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a grid file into a {@link GridSpec}, checking everything that can be checked before a cell runs: YAML syntax,
 * known keys, plugin names, parameter types and ranges, and that each corpus and task can find its data. Every problem
 * is reported, one line each, as {@code file:line: key: message}.
 *
 * <p>SnakeYAML's node tree (rather than plain maps) is walked so that each value keeps its line number.
 */
public final class GridParser {
    static final List<String> TOP_LEVEL_KEYS = List.of(
            "name",
            "description",
            "pretraining",
            "tasks",
            "budgets",
            "protocols",
            "seeds",
            "estimators",
            "validation_fraction",
            "cell_timeout_seconds");
    static final List<String> PRETRAINING_KEYS = List.of("corpus", "methods", "seeds");
    static final List<String> PLUGIN_KEYS = List.of("name", "params");
    /** A task entry may also name a label-splits file ({@link LabelSplits}). */
    static final String LABEL_SPLITS = "label_splits";

    private final PluginRegistry registry;

    public GridParser(PluginRegistry registry) {
        this.registry = registry;
    }

    public GridSpec parse(Path file) {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new GridException(List.of(file + ": cannot read grid file: " + e.getMessage()));
        }
        return parse(file, source);
    }

    /** Parses grid text; {@code file} is only used to name it in messages. */
    public GridSpec parse(Path file, String source) {
        Node root = YamlWalk.compose(file, source);
        Walk walk = new Walk(file);
        if (!(root instanceof MappingNode top)) {
            walk.problem(root, "(top level)", "a grid file is a mapping with keys " + TOP_LEVEL_KEYS);
            throw new GridException(walk.problems());
        }
        Map<String, Node> keys = walk.mapping(top, "", TOP_LEVEL_KEYS);
        String name = walk.requiredString(keys, top, "name");
        String description = keys.containsKey("description") ? walk.string(keys.get("description"), "description") : "";

        Map<String, Node> pretraining = keys.containsKey("pretraining")
                ? walk.mapping(keys.get("pretraining"), "pretraining", PRETRAINING_KEYS)
                : walk.missing(top, "pretraining", Map.of());
        List<PluginChoice> corpora =
                walk.plugins(pretraining.get("corpus"), top, "pretraining.corpus", PluginKind.CORPUS);
        List<PluginChoice> methods =
                walk.plugins(pretraining.get("methods"), top, "pretraining.methods", PluginKind.METHOD);
        List<Long> pretrainSeeds = pretraining.containsKey("seeds")
                ? walk.longs(pretraining.get("seeds"), "pretraining.seeds", 0)
                : List.of(0L);
        List<PluginChoice> tasks = walk.plugins(keys.get("tasks"), top, "tasks", PluginKind.TASK);
        List<Integer> budgets = walk.longs(keys.get("budgets"), "budgets", 1).stream()
                .map(Math::toIntExact)
                .toList();
        if (!keys.containsKey("budgets")) {
            walk.problem(top, "budgets", "missing; give a list of labelled-sample budgets, e.g. [100, 1000]");
        }
        List<PluginChoice> protocols = walk.plugins(keys.get("protocols"), top, "protocols", PluginKind.PROTOCOL);
        List<Long> seeds = keys.containsKey("seeds") ? walk.longs(keys.get("seeds"), "seeds", 0) : List.of(0L);
        List<PluginChoice> estimators = keys.containsKey("estimators")
                ? walk.plugins(keys.get("estimators"), top, "estimators", PluginKind.ESTIMATOR)
                : List.of();
        double validationFraction = keys.containsKey("validation_fraction")
                ? walk.number(keys.get("validation_fraction"), "validation_fraction", 0.0, 0.9)
                : 0.2;
        Duration timeout = Duration.ofSeconds(
                keys.containsKey("cell_timeout_seconds")
                        ? (long) walk.number(keys.get("cell_timeout_seconds"), "cell_timeout_seconds", 1, 7 * 24 * 3600)
                        : 3600);

        Map<PluginChoice, LabelSplits> labelSplits = walk.checkLabelSplits(budgets, seeds);
        walk.throwIfProblems();
        return new GridSpec(
                file,
                source,
                name,
                description,
                corpora,
                methods,
                pretrainSeeds,
                tasks,
                budgets,
                protocols,
                seeds,
                estimators,
                validationFraction,
                timeout,
                labelSplits);
    }

    /** The grid file's walk: plugin entries, sweeps, seeds and budgets on top of the shared YAML checks. */
    private final class Walk extends YamlWalk {
        /** The example shapes of the corpora walked so far that declare one, for the methods' input checks. */
        private final List<CorpusShape> corpusShapes = new ArrayList<>();

        private final Path file;
        /** Label-splits files of task entries, read and checked on their own, with the node that named them. */
        private final Map<PluginChoice, LabelSplits> labelSplits = new java.util.LinkedHashMap<>();

        private final Map<PluginChoice, String> labelSplitsKeys = new java.util.HashMap<>();

        private final Map<PluginChoice, Node> labelSplitsNodes = new java.util.HashMap<>();

        Walk(Path file) {
            super(file);
            this.file = file;
        }

        /**
         * Checks each label-splits file against the grid: a line for every budget and seed, and indices inside the
         * task's training pool (the task is loaded for its size, only when it has such a file).
         */
        Map<PluginChoice, LabelSplits> checkLabelSplits(List<Integer> budgets, List<Long> seeds) {
            labelSplits.forEach((task, splits) -> {
                DownstreamTask plugin = (DownstreamTask) registry.get(PluginKind.TASK, task.name());
                int poolSize;
                try {
                    poolSize = plugin.load(
                                    DataContext.builder().params(task.params()).build())
                            .trainPool()
                            .count();
                } catch (RuntimeException e) {
                    problem(
                            labelSplitsNodes.get(task),
                            labelSplitsKeys.get(task),
                            "task '" + task.name() + "': " + e.getMessage());
                    return;
                }
                splits.check(budgets, seeds, poolSize).forEach(this::problem);
            });
            return labelSplits;
        }

        /** A task entry's label-splits file, relative to the grid file's folder unless absolute. */
        private LabelSplits readLabelSplits(Node node, String key) {
            String name = string(node, key);
            if (name.isEmpty()) {
                return null;
            }
            Path folder = file.toAbsolutePath().getParent();
            Path path = folder == null ? Path.of(name) : folder.resolve(name);
            try {
                return LabelSplits.read(path);
            } catch (GridException e) {
                e.problems().forEach(this::problem);
                return null;
            }
        }

        double number(Node node, String key, double min, double max) {
            Object value = scalar(node);
            if (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
                problem(node, key, "value " + show(node) + " is not a number in [" + min + ", " + max + "]");
                return min;
            }
            return n.doubleValue();
        }

        List<Long> longs(Node node, String key, long min) {
            if (node == null) {
                return List.of();
            }
            List<Node> items = sequence(node, key, "a list of integers, e.g. [0, 1, 2]");
            List<Long> result = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                Object value = scalar(items.get(i));
                String at = key + "[" + i + "]";
                if (!(value instanceof Long || value instanceof BigInteger)
                        || ((Number) value).longValue() < min
                        || value instanceof BigInteger b && b.bitLength() > 62) {
                    problem(items.get(i), at, "value " + show(items.get(i)) + " is not an integer >= " + min);
                } else if (!seen.add(((Number) value).longValue())) {
                    problem(items.get(i), at, "value " + value + " is listed twice");
                } else {
                    result.add(((Number) value).longValue());
                }
            }
            return result;
        }

        /** A list of plugin entries ({@code - name} or {@code - {name: x, params: {...}}}), with sweeps expanded. */
        List<PluginChoice> plugins(Node node, Node parent, String key, PluginKind kind) {
            String example = "a list of " + kind.plural() + ", e.g. [{name: " + firstName(kind) + "}]";
            if (node == null) {
                problem(parent, key, "missing; expected " + example + "; available: " + registry.names(kind));
                return List.of();
            }
            List<PluginChoice> result = new ArrayList<>();
            List<Node> entries = sequence(node, key, example + "; available: " + registry.names(kind));
            for (int i = 0; i < entries.size(); i++) {
                result.addAll(plugin(entries.get(i), key + "[" + i + "]", kind));
            }
            Set<String> seen = new HashSet<>();
            for (PluginChoice choice : result) {
                if (!seen.add(choice.canonical())) {
                    problem(node, key, choice.label() + " is listed twice");
                }
            }
            return result;
        }

        private String firstName(PluginKind kind) {
            List<String> names = registry.names(kind);
            return names.isEmpty() ? "..." : names.get(0);
        }

        private List<PluginChoice> plugin(Node entry, String key, PluginKind kind) {
            Node nameNode = entry;
            Node paramsNode = null;
            Node splitsNode = null;
            if (entry instanceof MappingNode) {
                List<String> allowed = new ArrayList<>(PLUGIN_KEYS);
                if (kind == PluginKind.TASK) {
                    allowed.add(LABEL_SPLITS);
                }
                Map<String, Node> fields = mapping(entry, key, allowed);
                nameNode = fields.get("name");
                paramsNode = fields.get("params");
                splitsNode = fields.get(LABEL_SPLITS);
                if (nameNode == null) {
                    problem(entry, key + ".name", "missing; available: " + registry.names(kind));
                    return List.of();
                }
            }
            Object name = scalar(nameNode);
            if (!(name instanceof String pluginName)) {
                problem(nameNode, key + ".name", "expected a plugin name; available: " + registry.names(kind));
                return List.of();
            }
            RegisteredPlugin plugin = registry.find(kind, pluginName).orElse(null);
            if (plugin == null) {
                problem(nameNode, key + ".name", registry.unknown(kind, pluginName));
                return List.of();
            }
            PluginDescriptor descriptor = plugin.descriptor();
            List<Map<String, Object>> points = sweep(paramsNode, key + ".params", descriptor);
            List<PluginChoice> choices = new ArrayList<>();
            for (Map<String, Object> point : points) {
                Parameters params;
                try {
                    params = descriptor.resolve(point);
                } catch (InvalidParameterException e) {
                    problem(
                            paramLine(paramsNode, e.key()),
                            key + ".params." + e.key(),
                            kind.description() + " '" + pluginName + "': "
                                    + e.getMessage().replaceFirst("^parameter '[^']*': ", ""));
                    continue;
                }
                String checksum = dataChecksum(plugin, params, nameNode, key);
                if (checksum != null && inputAccepted(plugin, params, paramsNode, key)) {
                    choices.add(new PluginChoice(kind, pluginName, descriptor.version(), params, checksum));
                }
            }
            if (splitsNode != null) {
                LabelSplits splits = readLabelSplits(splitsNode, key + "." + LABEL_SPLITS);
                if (splits != null) {
                    for (PluginChoice choice : choices) {
                        labelSplits.put(choice, splits);
                        labelSplitsNodes.put(choice, splitsNode);
                        labelSplitsKeys.put(choice, key + "." + LABEL_SPLITS);
                    }
                }
            }
            return choices;
        }

        /**
         * Records a corpus's example shape, or checks a method's parameters against every corpus shape recorded (the
         * corpora are walked first); false, with the problem recorded, when a method refuses one.
         */
        private boolean inputAccepted(RegisteredPlugin plugin, Parameters params, Node paramsNode, String key) {
            DataContext context = DataContext.builder().params(params).build();
            if (plugin.plugin() instanceof PretrainingCorpus corpus) {
                corpus.exampleShape(context)
                        .ifPresent(shape -> corpusShapes.add(new CorpusShape(plugin.name(), shape)));
            } else if (plugin.plugin() instanceof PretrainingMethod method) {
                for (CorpusShape corpus : corpusShapes) {
                    try {
                        method.checkInput(params, corpus.shape().clone());
                    } catch (InvalidParameterException e) {
                        problem(
                                paramLine(paramsNode, e.key()),
                                key + ".params." + e.key(),
                                plugin.kind().description() + " '" + plugin.name() + "' on corpus '" + corpus.name()
                                        + "': " + e.getMessage().replaceFirst("^parameter '[^']*': ", ""));
                        return false;
                    }
                }
            }
            return true;
        }

        private String dataChecksum(RegisteredPlugin plugin, Parameters params, Node at, String key) {
            Function<DataContext, String> fingerprint =
                    switch (plugin.kind()) {
                        case CORPUS -> ((PretrainingCorpus) plugin.plugin())::dataChecksum;
                        case TASK -> ((DownstreamTask) plugin.plugin())::dataChecksum;
                        default -> null;
                    };
            if (fingerprint == null) {
                return "";
            }
            try {
                return fingerprint.apply(DataContext.builder().params(params).build());
            } catch (RuntimeException e) {
                problem(at, key, plugin.kind().description() + " '" + plugin.name() + "': " + e.getMessage());
                return null;
            }
        }

        private Node paramLine(Node paramsNode, String paramKey) {
            if (paramsNode instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(paramKey)) {
                        return t.getKeyNode();
                    }
                }
            }
            return paramsNode;
        }

        /** Parameter values; a list value sweeps that parameter. The points are the cartesian product, keys sorted. */
        private List<Map<String, Object>> sweep(Node paramsNode, String key, PluginDescriptor descriptor) {
            List<Map<String, Object>> points = new ArrayList<>();
            points.add(new TreeMap<>());
            if (paramsNode == null) {
                return points;
            }
            if (!(paramsNode instanceof MappingNode mapping)) {
                problem(
                        paramsNode,
                        key,
                        "expected a mapping of parameter values; parameters of '" + descriptor.name() + "': "
                                + descriptor.parameters().stream()
                                        .map(p -> p.name() + " (" + p.describeValid() + ")")
                                        .toList());
                return points;
            }
            Map<String, List<Object>> values = new TreeMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String param = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
                Node value = tuple.getValueNode();
                List<Object> options = new ArrayList<>();
                if (value instanceof SequenceNode seq) {
                    if (seq.getValue().isEmpty()) {
                        problem(value, key + "." + param, "an empty sweep; give at least one value");
                    }
                    seq.getValue().forEach(v -> options.add(scalar(v)));
                } else {
                    options.add(scalar(value));
                }
                values.put(param, options);
            }
            for (Map.Entry<String, List<Object>> e : values.entrySet()) {
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> point : points) {
                    for (Object option : e.getValue()) {
                        Map<String, Object> extended = new TreeMap<>(point);
                        extended.put(e.getKey(), option);
                        next.add(extended);
                    }
                }
                points = next;
            }
            return points;
        }
    }

    /** One corpus's example shape, as {@link PretrainingCorpus#exampleShape} declares it. */
    private record CorpusShape(String name, int[] shape) {}
}
