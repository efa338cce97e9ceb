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
    try {
      for (String part : value.split(",")) {
        int width = Integer.parseInt(part.strip());
        if (width < 1 || width > 65_536) {
          throw new NumberFormatException();
        }
        widths.add(width);
      }
    } catch (NumberFormatException e) {
      widths.clear();
    }
    if (widths.isEmpty()) {
      throw new IllegalArgumentException("parameter '" + parameter + "': '" + value
          + "' is not a list of layer widths in [1, 65536] separated by commas, e.g. '256,128'");
    }
    return widths;
  }

  static int[] parseShape(String value) {
    return Arrays.stream(value.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
  }

  static String formatList(List<Integer> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }
}
