package io.pretrainbench.cli.study;

import io.pretrainbench.asymptotics.CaseStudy;
import io.pretrainbench.asymptotics.FactorModel;
import io.pretrainbench.asymptotics.GaussianMixture;
import io.pretrainbench.asymptotics.SpectralContrastive;
import io.pretrainbench.asymptotics.StudySpec;
import io.pretrainbench.engine.grid.GridException;
import io.pretrainbench.engine.grid.YamlWalk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an asymptotic study file ({@code grids/asymptotics.yaml}) into the typed {@link StudySpec} the study runs
 * from, reporting every problem as {@code file:line: key: message} like the grid parser (whose {@link YamlWalk} it
 * shares), so that a bad file fails before any Monte Carlo starts; a problem is a {@link GridException}.
 */
public final class StudyParser {
  static final List<String> TOP_LEVEL_KEYS = List.of("name", "description", "seed", "cases");
  static final List<String> CASE_KEYS = List.of("case", "alpha", "n", "replicates", "params");
  static final Map<String, List<String>> CASE_PARAMS = Map.of(
      "spectral-contrastive", List.of("d", "k", "noise_variance"),
      "factor-model", List.of("d", "loadings", "beta", "label_noise"),
      "gaussian-mixture", List.of("K", "d", "beta", "noise_variance", "test_samples", "fisher_samples"));
  static final List<String> CASES = List.of("spectral-contrastive", "factor-model", "gaussian-mixture");

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
    String description = top.containsKey("description") ? walk.string(top.get("description"), "description") : "";
    long seed = top.containsKey("seed") ? (long) walk.number(top.get("seed"), "seed", 0, Long.MAX_VALUE, true) : 0;
    List<StudySpec.CaseSpec> cases = new ArrayList<>();
    if (!top.containsKey("cases")) {
      walk.missing(root, "cases", null);
    } else if (top.get("cases") instanceof SequenceNode list && !list.getValue().isEmpty()) {
      for (int i = 0; i < list.getValue().size(); i++) {
        StudySpec.CaseSpec spec = walk.caseSpec(list.getValue().get(i), "cases[" + i + "]", seed);
        if (spec != null) {
          cases.add(spec);
        }
      }
    } else {
      walk.problem(top.get("cases"), "cases", "expected a non-empty list of case studies, each with keys " + CASE_KEYS);
    }
    walk.throwIfProblems();
    return new StudySpec(file, name, description, seed, cases);
  }

  /** The study file's walk: numbers with ranges and the case studies, on top of the shared YAML checks. */
  private static final class Walk extends YamlWalk {
    Walk(Path file) {
      super(file);
    }

    /** A number in [min, max]; {@code integral} refuses fractions. Returns NaN (after recording a problem) if not. */
    double number(Node node, String key, double min, double max, boolean integral) {
      String what = integral ? "an integer" : "a number";
      if (!(node instanceof ScalarNode s)) {
        problem(node, key, "expected " + what + " in [" + show(min) + ", " + show(max) + "], got a "
            + (node instanceof SequenceNode ? "list" : "mapping"));
        return Double.NaN;
      }
      double value;
      try {
        value = Double.parseDouble(s.getValue());
      } catch (NumberFormatException e) {
        problem(node, key, "'" + s.getValue() + "' is not " + what + "; expected " + what + " in [" + show(min) + ", "
            + show(max) + "]");
        return Double.NaN;
      }
      if (value < min || value > max || (integral && value != Math.rint(value)) || Double.isNaN(value)) {
        problem(node, key, "value " + s.getValue() + " is not " + what + " in [" + show(min) + ", " + show(max) + "]");
        return Double.NaN;
      }
      return value;
    }

    private static String show(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    List<Double> numbers(Node node, String key, double min, double max, boolean integral) {
      if (!(node instanceof SequenceNode list) || list.getValue().isEmpty()) {
        problem(node, key, "expected a non-empty list of " + (integral ? "integers" : "numbers") + ", e.g. [1, 2]");
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
      String name = keys.containsKey("case") ? string(keys.get("case"), path + ".case") : missing(node, path + ".case", "");
      if (!name.isEmpty() && !CASES.contains(name)) {
        problem(keys.get("case"), path + ".case", "unknown case study '" + name + "'; valid: " + CASES);
      }
      double alpha = keys.containsKey("alpha")
          ? number(keys.get("alpha"), path + ".alpha", 1e-3, 1e6, false) : missing(node, path + ".alpha", Double.NaN);
      List<Double> sizes = keys.containsKey("n")
          ? numbers(keys.get("n"), path + ".n", 10, 10_000_000, true) : missing(node, path + ".n", List.of());
      double replicates = keys.containsKey("replicates")
          ? number(keys.get("replicates"), path + ".replicates", 2, 1_000_000, true)
          : missing(node, path + ".replicates", Double.NaN);
      CaseStudy study = null;
      if (CASES.contains(name)) {
        Node paramsNode = keys.get("params");
        Map<String, Node> params = paramsNode == null ? Map.of()
            : mapping(paramsNode, path + ".params", CASE_PARAMS.get(name));
        study = build(name, params, paramsNode == null ? node : paramsNode, path + ".params", seed);
      }
      if (problems().size() > before) {
        return null;
      }
      return new StudySpec.CaseSpec(study, alpha, sizes.stream().map(Double::intValue).toList(), (int) replicates);
    }

    private CaseStudy build(String name, Map<String, Node> params, Node at, String path, long seed) {
      int before = problems().size();
      CaseStudy study = null;
      switch (name) {
        case "spectral-contrastive" -> {
          int d = (int) param(params, "d", at, path, 2, 64, true, 8);
          int k = (int) param(params, "k", at, path, 1, 63, true, 2);
          double noise = param(params, "noise_variance", at, path, 1e-9, 1e9, false, 0.2);
          if (problems().size() == before) {
            study = construct(() -> new SpectralContrastive(d, k, noise), at, path);
          }
        }
        case "factor-model" -> {
          int d = (int) param(params, "d", at, path, 2, 1000, true, 10);
          List<Double> loadings = params.containsKey("loadings")
              ? numbers(params.get("loadings"), path + ".loadings", 1e-9, 1e9, false) : List.of(2.0, 1.0);
          List<Double> beta = params.containsKey("beta")
              ? numbers(params.get("beta"), path + ".beta", -1e9, 1e9, false) : List.of(1.0, 1.0);
          double noise = param(params, "label_noise", at, path, 0, 1e9, false, 0.05);
          if (problems().size() == before) {
            study = construct(() -> new FactorModel(d, loadings, beta, noise), at, path);
          }
        }
        case "gaussian-mixture" -> {
          int components = (int) param(params, "K", at, path, 2, 8, true, 4);
          int d = (int) param(params, "d", at, path, 2, 1000, true, 20);
          double separation = param(params, "beta", at, path, 1e-6, 1e6, false, 2.0);
          double noise = param(params, "noise_variance", at, path, 1e-9, 1e9, false, 0.5);
          int test = (int) param(params, "test_samples", at, path, 100, 10_000_000, true, 50_000);
          int fisher = (int) param(params, "fisher_samples", at, path, 100, 10_000_000, true, 100_000);
          if (problems().size() == before) {
            study = construct(() -> new GaussianMixture(components, d, separation, noise, test, fisher, seed), at,
                path);
          }
        }
        default -> throw new IllegalStateException(name);
      }
      return study;
    }

    private double param(Map<String, Node> params, String key, Node at, String path, double min, double max,
        boolean integral, double fallback) {
      return params.containsKey(key) ? number(params.get(key), path + "." + key, min, max, integral) : fallback;
    }

    /** Cross-parameter checks live in the constructors; their messages name the parameters and what is valid. */
    private CaseStudy construct(java.util.function.Supplier<CaseStudy> factory, Node at, String path) {
      try {
        return factory.get();
      } catch (IllegalArgumentException e) {
        problem(at, path, e.getMessage());
        return null;
      }
    }
  }
}
