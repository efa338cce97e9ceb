package io.pretrainbench.results.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.results.store.CellKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which cells a side of a comparison takes: a method name, optionally narrowed to parameter values in the leaderboard's
 * label syntax, e.g. {@code scratch{architecture=vit}}. Needed when a store holds several baselines, such as
 * {@code scratch} on a ViT for {@code mae} and on a CNN for {@code context-encoder}. A key that starts with
 * {@value #CORPUS_PREFIX} selects on the pre-training corpus's parameters instead, as labels show them (e.g.
 * {@code scratch{corpus.limit=20000}} where scratch was run on two corpora).
 */
public record MethodSelector(String method, Map<String, String> params) {
    /** Marks a key as a parameter of the pre-training corpus rather than of the method. */
    public static final String CORPUS_PREFIX = "corpus.";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses {@code name} or {@code name{key=value,key=value}}. */
    public static MethodSelector parse(String text) {
        int brace = text.indexOf('{');
        if (brace < 0) {
            return new MethodSelector(text.strip(), Map.of());
        }
        if (!text.endsWith("}") || brace == 0) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a method selector; write name or name{key=value,...}");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : text.substring(brace + 1, text.length() - 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + part.strip() + "' in '" + text + "' is not key=value");
            }
            params.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return new MethodSelector(text.substring(0, brace).strip(), Map.copyOf(params));
    }

    /** Whether {@code cell} is selected. */
    public boolean matches(CellKey cell) {
        return matches(cell.method(), cell.methodParams(), cell.corpusParams());
    }

    /**
     * Whether a cell of {@code cellMethod} with canonical JSON parameters {@code methodParams}, pre-trained on a corpus
     * with {@code corpusParams}, is selected.
     */
    public boolean matches(String cellMethod, String methodParams, String corpusParams) {
        if (!method.equals(cellMethod)) {
            return false;
        }
        if (params.isEmpty()) {
            return true;
        }
        JsonNode methodValues = json(methodParams);
        JsonNode corpusValues = json(corpusParams);
        return params.entrySet().stream().allMatch(p -> {
            boolean corpusKey = p.getKey().startsWith(CORPUS_PREFIX);
            JsonNode values = corpusKey ? corpusValues : methodValues;
            String key = corpusKey ? p.getKey().substring(CORPUS_PREFIX.length()) : p.getKey();
            return values.has(key) && values.get(key).asText().equals(p.getValue());
        });
    }

    private static JsonNode json(String storedParams) {
        try {
            return JSON.readTree(storedParams);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored parameters are not JSON: " + storedParams, e);
        }
    }

    @Override
    public String toString() {
        return params.isEmpty() ? method : method + params;
    }
}
