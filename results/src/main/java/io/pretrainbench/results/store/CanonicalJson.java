package io.pretrainbench.results.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one canonical JSON form of PretrainBench: Jackson's defaults (compact, numbers as Java prints them, which
 * round-trip exactly) with map entries sorted by key, so equal values give equal bytes whatever order their maps were
 * built in. Cell ids, stored parameter maps and bundle hashes are computed from it: its bytes must never change, or
 * every stored cell id moves. Reading needs no canonical form; readers use a plain mapper.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private CanonicalJson() {}

    /**
     * The canonical JSON text of {@code value}: maps, lists, strings, numbers, booleans, nulls and records of those.
     *
     * @throws IllegalArgumentException if {@code value} is not a plain JSON value
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a plain JSON value: " + e.getOriginalMessage(), e);
        }
    }

    /** {@link #write}'s text as UTF-8 bytes, the form that is hashed. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a plain JSON value: " + e.getOriginalMessage(), e);
        }
    }
}
