package io.pretrainbench.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parsing of architecture settings that travel as strings (grid parameters, encoder state). */
public final class Architecture {
    private Architecture() {}

    /**
     * Layer widths such as {@code "256,128"}: positive integers separated by commas; the last is the feature width.
     *
     * @throws IllegalArgumentException naming the parameter and showing a valid value
     */
    public static List<Integer> parseHidden(String parameter, String value) {
        List<Integer> widths = new ArrayList<>();
        // split with limit -1 keeps empty parts, so "256,,128" and "256,128," are refused rather than silently read.
        for (String part : value == null ? new String[] {""} : value.split(",", -1)) {
            String digits = part.strip();
            int width = digits.matches("\\d{1,5}") ? Integer.parseInt(digits) : 0;
            if (width < 1 || width > 65_536) {
                throw new IllegalArgumentException("parameter '" + parameter + "': '" + value
                        + "' is not a list of layer widths in [1, 65536] separated by commas, e.g. '256,128'");
            }
            widths.add(width);
        }
        return widths;
    }

    /** An example shape such as {@code "28,28,1"}, as written by {@link #formatList}. */
    static int[] parseShape(String value) {
        try {
            int[] shape = Arrays.stream(value.split(",", -1))
                    .mapToInt(s -> Integer.parseInt(s.strip()))
                    .toArray();
            if (Arrays.stream(shape).allMatch(d -> d > 0)) {
                return shape;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "input shape '" + value + "' is not positive integers separated by commas, " + "e.g. '28,28,1'");
    }

    static String formatList(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
