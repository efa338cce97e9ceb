package io.pretrainbench.engine.study;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.ParameterType;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.study.CaseModel;
import io.pretrainbench.api.study.CaseStudy;
import io.pretrainbench.api.study.DistributionalModel;
import io.pretrainbench.api.study.StudyContext;
import io.pretrainbench.engine.grid.GridException;
import io.pretrainbench.engine.grid.YamlWalk;
import io.pretrainbench.engine.registry.PluginKind;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegisteredPlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a study file ({@code grids/asymptotics.yaml}) into the typed {@link StudySpec} the study runs from. Each entry
 * names a {@link CaseStudy} plugin found in the registry; its {@code params} are checked against the plugin's
 * descriptor and the plugin sets its model up, so a bad file fails before any Monte Carlo starts. Every problem is
 * reported as {@code file:line: key: message}, like the grid parser's (whose {@link YamlWalk} it shares), as one
 * {@link GridException}.
 */
public final class StudyParser {
    static final List<String> TOP_LEVEL_KEYS = List.of("name", "description", "seed", "cases");
    static final List<String> CASE_KEYS = List.of("case", "alpha", "n", "replicates", "params", "label_noise", "sweep");
    static final List<String> LABEL_NOISE = List.of("realised", "averaged");
    /** The name is also the output files' name (NAME.csv, NAME.json). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final PluginRegistry registry;

    public StudyParser(PluginRegistry registry) {
        this.registry = registry;
    }

    public StudySpec parse(Path file) {
        try {
            return parse(file, Files.readString(file));
        } catch (IOException e) {
            throw new GridException(List.of(file + ": cannot read study file: " + e.getMessage()));
        }
    }

    public StudySpec parse(Path file, String source) {
        Node root = YamlWalk.compose(file, source);
        Walk walk = new Walk(file);
        Map<String, Node> top = walk.mapping(root, "", TOP_LEVEL_KEYS);
        String name = top.containsKey("name") ? walk.string(top.get("name"), "name") : walk.missing(root, "name", "");
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            walk.problem(
                    top.get("name"),
                    "name",
                    "'" + name + "' also names the output files (NAME.csv, NAME.json); use"
                            + " letters, digits, '.', '_' and '-'");
        }
        String description = top.containsKey("description") ? walk.string(top.get("description"), "description") : "";
        long seed = top.containsKey("seed") ? (long) walk.number(top.get("seed"), "seed", 0, Long.MAX_VALUE, true) : 0;
        List<StudySpec.CaseSpec> cases = new ArrayList<>();
        if (!top.containsKey("cases")) {
            walk.missing(root, "cases", null);
        } else if (top.get("cases") instanceof SequenceNode list
                && !list.getValue().isEmpty()) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.getValue().size(); i++) {
                StudySpec.CaseSpec spec = walk.caseSpec(list.getValue().get(i), "cases[" + i + "]", seed);
                if (spec != null
                        && !seen.add(spec.name()
                                + (spec.sweep() == null
                                        ? ""
                                        : " sweep " + spec.sweep().parameter()))) {
                    walk.problem(
                            list.getValue().get(i),
                            "cases[" + i + "].case",
                            "case study '" + spec.name() + "' is listed"
                                    + " twice; its rows and plot are named after it, so give it one entry");
                } else if (spec != null) {
                    cases.add(spec);
                }
            }
        } else {
            walk.problem(
                    top.get("cases"),
                    "cases",
                    "expected a non-empty list of case studies, each with keys " + CASE_KEYS + "; available: "
                            + registry.names(PluginKind.CASE_STUDY));
        }
        walk.throwIfProblems();
        return new StudySpec(file, name, description, seed, cases);
    }

    /** The study file's walk: numbers with ranges and the case studies, on top of the shared YAML checks. */
    private final class Walk extends YamlWalk {
        Walk(Path file) {
            super(file);
        }

        /**
         * A number in [min, max]; {@code integral} refuses fractions. Returns NaN (after recording a problem) if not.
         */
        double number(Node node, String key, double min, double max, boolean integral) {
            String what = integral ? "an integer" : "a number";
            if (!(node instanceof ScalarNode s)) {
                problem(
                        node,
                        key,
                        "expected " + what + " in [" + show(min) + ", " + show(max) + "], got a "
                                + (node instanceof SequenceNode ? "list" : "mapping"));
                return Double.NaN;
            }
            double value;
            try {
                value = Double.parseDouble(s.getValue());
            } catch (NumberFormatException e) {
                problem(
                        node,
                        key,
                        "'" + s.getValue() + "' is not " + what + "; expected " + what + " in [" + show(min) + ", "
                                + show(max) + "]");
                return Double.NaN;
            }
            if (value < min || value > max || (integral && value != Math.rint(value)) || Double.isNaN(value)) {
                problem(
                        node,
                        key,
                        "value " + s.getValue() + " is not " + what + " in [" + show(min) + ", " + show(max) + "]");
                return Double.NaN;
            }
            return value;
        }

        private static String show(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }

        List<Double> numbers(Node node, String key, double min, double max, boolean integral) {
            if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
                problem(
                        node,
                        key,
                        "expected a non-empty list of " + (integral ? "integers" : "numbers") + ", e.g. [1, 2]");
                return List.of();
            }
            List<Double> out = new ArrayList<>();
            for (int i = 0; i < list.getValue().size(); i++) {
                out.add(number(list.getValue().get(i), key + "[" + i + "]", min, max, integral));
            }
            return out;
        }

        StudySpec.CaseSpec caseSpec(Node node, String path, long seed) {
            int before = problems().size();
            Map<String, Node> keys = mapping(node, path, CASE_KEYS);
            if (keys.isEmpty()) {
                return null;
            }
            String name = keys.containsKey("case")
                    ? string(keys.get("case"), path + ".case")
                    : missing(node, path + ".case", "");
            RegisteredPlugin plugin = registry.find(PluginKind.CASE_STUDY, name).orElse(null);
            if (!name.isEmpty() && plugin == null) {
                problem(keys.get("case"), path + ".case", registry.unknown(PluginKind.CASE_STUDY, name));
            }
            double alpha = keys.containsKey("alpha")
                    ? number(keys.get("alpha"), path + ".alpha", 1e-3, 1e6, false)
                    : missing(node, path + ".alpha", Double.NaN);
            boolean isSweep = keys.containsKey("sweep");
            for (String key : List.of("n", "replicates")) {
                if (isSweep && keys.containsKey(key)) {
                    problem(
                            keys.get(key),
                            path + "." + key,
                            "a sweep entry only predicts; give either 'sweep' or 'n' and 'replicates'");
                }
            }
            List<Double> sizes = isSweep
                    ? List.of()
                    : keys.containsKey("n")
                            ? numbers(keys.get("n"), path + ".n", 10, 10_000_000, true)
                            : missing(node, path + ".n", List.of());
            double replicates = isSweep
                    ? 0
                    : keys.containsKey("replicates")
                            ? number(keys.get("replicates"), path + ".replicates", 2, 1_000_000, true)
                            : missing(node, path + ".replicates", Double.NaN);
            StudySpec.LabelNoise labelNoise = StudySpec.LabelNoise.REALISED;
            if (keys.containsKey("label_noise")) {
                String given = string(keys.get("label_noise"), path + ".label_noise");
                if (LABEL_NOISE.contains(given)) {
                    labelNoise = StudySpec.LabelNoise.valueOf(given.toUpperCase(Locale.ROOT));
                } else {
                    problem(
                            keys.get("label_noise"),
                            path + ".label_noise",
                            "'" + given + "' is not one of " + LABEL_NOISE);
                }
            }
            if (plugin == null) {
                return null;
            }
            Node paramsNode = keys.get("params");
            Parameters params = parameters(plugin.descriptor(), paramsNode, path + ".params");
            if (problems().size() > before) {
                return null;
            }
            CaseStudy study = (CaseStudy) plugin.plugin();
            Node at = paramsNode == null ? node : paramsNode;
            CaseModel model = setUp(study, params, seed, at, path + ".params");
            if (model != null
                    && labelNoise == StudySpec.LabelNoise.AVERAGED
                    && !(model instanceof DistributionalModel)) {
                problem(
                        keys.get("label_noise"),
                        path + ".label_noise",
                        "case study '" + name + "' gives no noise-averaged risk; valid: realised");
                return null;
            }
            StudySpec.Sweep sweep = isSweep ? sweep(study, params, seed, keys.get("sweep"), path + ".sweep") : null;
            return model == null || problems().size() > before
                    ? null
                    : new StudySpec.CaseSpec(
                            name,
                            plugin.descriptor().version(),
                            params,
                            model,
                            alpha,
                            sizes.stream().map(Double::intValue).toList(),
                            (int) replicates,
                            labelNoise,
                            sweep);
        }

        /** {@code sweep: {PARAM: [values]}}: the case set up at each value, every other parameter as given. */
        private StudySpec.Sweep sweep(CaseStudy study, Parameters params, long seed, Node node, String path) {
            PluginDescriptor descriptor = study.descriptor();
            List<String> numeric = descriptor.parameters().stream()
                    .filter(p -> p.type() == ParameterType.INTEGER || p.type() == ParameterType.REAL)
                    .map(ParameterSpec::name)
                    .toList();
            Map<String, Node> swept = mapping(node, path, numeric);
            if (swept.size() != 1) {
                problem(node, path, "expected one parameter and its values, e.g. {" + numeric.get(0) + ": [2, 3]}");
                return null;
            }
            String parameter = swept.keySet().iterator().next();
            List<Double> values = numbers(swept.get(parameter), path + "." + parameter, -1e15, 1e15, false);
            List<CaseModel> models = new ArrayList<>();
            ParameterSpec spec = descriptor.parameter(parameter).orElseThrow();
            for (int i = 0; i < values.size(); i++) {
                Node at = ((SequenceNode) swept.get(parameter)).getValue().get(i);
                Map<String, Object> raw = new LinkedHashMap<>(params.asMap());
                try {
                    double v = values.get(i);
                    raw.put(
                            parameter,
                            spec.coerce(spec.type() == ParameterType.INTEGER ? (Object) (long) v : v, "value"));
                } catch (InvalidParameterException e) {
                    problem(
                            at,
                            path + "." + parameter + "[" + i + "]",
                            "case study '" + descriptor.name() + "': "
                                    + e.getMessage().replaceFirst("^parameter '[^']*': ", ""));
                    continue;
                }
                CaseModel model =
                        setUp(study, descriptor.resolve(raw), seed, at, path + "." + parameter + "[" + i + "]");
                if (model != null) {
                    models.add(model);
                }
            }
            return new StudySpec.Sweep(parameter, values, models);
        }

        /**
         * The case's parameters checked one by one against its descriptor (every problem reported), defaults filled.
         */
        private Parameters parameters(PluginDescriptor descriptor, Node paramsNode, String path) {
            List<String> declared =
                    descriptor.parameters().stream().map(ParameterSpec::name).toList();
            Map<String, Node> given = paramsNode == null ? Map.of() : mapping(paramsNode, path, declared);
            Map<String, Object> raw = new LinkedHashMap<>();
            int before = problems().size();
            for (Map.Entry<String, Node> entry : given.entrySet()) {
                ParameterSpec spec = descriptor.parameter(entry.getKey()).orElseThrow();
                Object value = value(entry.getValue());
                try {
                    raw.put(entry.getKey(), spec.coerce(value, "value"));
                } catch (InvalidParameterException e) {
                    problem(
                            entry.getValue(),
                            path + "." + entry.getKey(),
                            "case study '" + descriptor.name() + "': "
                                    + e.getMessage().replaceFirst("^parameter '[^']*': ", ""));
                }
            }
            return problems().size() > before ? null : descriptor.resolve(raw);
        }

        /** A scalar, or a list of scalars (for list-typed parameters). */
        private Object value(Node node) {
            if (node instanceof SequenceNode list) {
                return list.getValue().stream().map(this::scalar).toList();
            }
            return scalar(node);
        }

        /**
         * Cross-parameter checks are the plugin's: it refuses parameters valid one by one but not together when it sets
         * its model up, with a message that names them and what is valid.
         */
        private CaseModel setUp(CaseStudy study, Parameters params, long seed, Node at, String path) {
            String name = study.descriptor().name();
            try {
                return study.model(
                        StudyContext.builder().params(params).seed(seed).build());
            } catch (InvalidParameterException e) {
                problem(
                        at,
                        path + "." + e.key(),
                        "case study '" + name + "': " + e.getMessage().replaceFirst("^parameter '[^']*': ", ""));
            } catch (IllegalArgumentException e) {
                problem(at, path, e.getMessage());
            } catch (RuntimeException e) {
                problem(at, path, "case study '" + name + "' failed to set up: " + e);
            }
            return null;
        }
    }
}
