package io.pretrainbench.results.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Short names for leaderboard rows: the method's name, plus — when the board holds several parameter sets of the same
 * method (a sweep), or the same method on several corpora — only the parameters that tell them apart, e.g.
 * {@code autoencoder{noise=0.3}}.
 */
public final class MethodLabels {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Object>> MAP = new TypeReference<>() {};

    private final Map<String, TreeSet<String>> differingKeys = new HashMap<>();

    public MethodLabels(List<LeaderboardRow> rows) {
        Map<String, List<Map<String, Object>>> variants = new HashMap<>();
        for (LeaderboardRow r : rows) {
            variants.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(settings(r));
        }
        variants.forEach((method, maps) -> differingKeys.put(method, differing(maps)));
    }

    public String label(LeaderboardRow r) {
        TreeSet<String> keys = differingKeys.get(r.method());
        if (keys == null || keys.isEmpty()) {
            return r.method();
        }
        Map<String, Object> settings = settings(r);
        List<String> parts = new ArrayList<>();
        keys.forEach(k -> parts.add(k + "=" + settings.get(k)));
        return r.method() + "{" + String.join(", ", parts) + "}";
    }

    /**
     * For parameter sets of one method (canonical JSON objects), the settings that tell them apart, e.g.
     * {@code noise=0.3}; empty strings when there is only one set.
     */
    public static Map<String, String> distinguishing(java.util.Collection<String> paramsJson) {
        Map<String, Map<String, Object>> settings = new HashMap<>();
        paramsJson.forEach(json -> settings.computeIfAbsent(json, MethodLabels::parse));
        return distinguishingSettings(settings);
    }

    /**
     * For pre-trainings of one method that may differ in the method's parameters, the corpus or its parameters (e.g.
     * one method on 5 000 and on 60 000 images), the settings that tell them apart as {@link #label} names them, e.g.
     * {@code corpus.limit=5000}; empty strings when there is only one.
     *
     * @param methodParams the method's canonical parameter JSON of a pre-training
     * @param corpus its corpus name
     * @param corpusParams the corpus's canonical parameter JSON
     */
    public static <T> Map<T, String> distinguishingPretrainings(
            java.util.Collection<T> pretrainings,
            java.util.function.Function<T, String> methodParams,
            java.util.function.Function<T, String> corpus,
            java.util.function.Function<T, String> corpusParams) {
        Map<T, Map<String, Object>> settings = new HashMap<>();
        pretrainings.forEach(p -> settings.computeIfAbsent(
                p, x -> settings(methodParams.apply(x), corpus.apply(x), corpusParams.apply(x))));
        return distinguishingSettings(settings);
    }

    /** Each item's values of the settings that differ between any two items, as {@code key=value, ...}. */
    private static <T> Map<T, String> distinguishingSettings(Map<T, Map<String, Object>> settings) {
        TreeSet<String> keys = differing(List.copyOf(settings.values()));
        Map<T, String> out = new HashMap<>();
        settings.forEach((item, values) -> {
            List<String> parts = new ArrayList<>();
            keys.forEach(k -> parts.add(k + "=" + values.get(k)));
            out.put(item, String.join(", ", parts));
        });
        return out;
    }

    /**
     * For items of several plugins (cells, rows): plugin name → its parameter JSON → the settings that tell that
     * plugin's parameter sets apart, as {@link #distinguishing(java.util.Collection)} gives them per plugin.
     */
    public static <T> Map<String, Map<String, String>> distinguishing(
            java.util.Collection<T> items,
            java.util.function.Function<T, String> name,
            java.util.function.Function<T, String> params) {
        Map<String, List<String>> byName = new HashMap<>();
        items.forEach(i ->
                byName.computeIfAbsent(name.apply(i), n -> new ArrayList<>()).add(params.apply(i)));
        Map<String, Map<String, String>> variants = new HashMap<>();
        byName.forEach((n, all) -> variants.put(n, distinguishing(all)));
        return variants;
    }

    /** {@code plugin{settings}}, or the bare name when no setting tells its variants apart. */
    public static String named(String plugin, String settings) {
        return settings.isEmpty() ? plugin : plugin + "{" + settings + "}";
    }

    private static TreeSet<String> differing(List<Map<String, Object>> maps) {
        TreeSet<String> keys = new TreeSet<>();
        for (Map<String, Object> a : maps) {
            for (Map<String, Object> b : maps) {
                a.keySet().forEach(k -> {
                    if (!Objects.equals(a.get(k), b.get(k))) {
                        keys.add(k);
                    }
                });
            }
        }
        return keys;
    }

    /** The method's parameters, plus its corpus as {@code corpus} and the corpus parameters as {@code corpus.<key>}. */
    private static Map<String, Object> settings(LeaderboardRow r) {
        return settings(r.methodParams(), r.corpus(), r.corpusParams());
    }

    private static Map<String, Object> settings(String methodParams, String corpus, String corpusParams) {
        Map<String, Object> all = new TreeMap<>(parse(methodParams));
        all.put("corpus", corpus);
        parse(corpusParams).forEach((k, v) -> all.put("corpus." + k, v));
        return all;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored parameters are not JSON: " + json, e);
        }
    }
}
