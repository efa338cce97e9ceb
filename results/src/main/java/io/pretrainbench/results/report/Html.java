package io.pretrainbench.results.report;

import io.pretrainbench.results.table.Table;
import java.util.List;
import java.util.Map;

/** Minimal HTML helpers: escaping and tables from {@link Table} rows. */
final class Html {
    private Html() {}

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    static String table(Table table) {
        StringBuilder html = new StringBuilder("<table>\n<tr>");
        table.columns().forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
        html.append("</tr>\n");
        for (Map<String, Object> row : table.jsonRows()) {
            html.append("<tr>");
            for (Object value : row.values()) {
                html.append("<td>").append(escape(format(value))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    private static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.4f", d);
        }
        return value.toString();
    }

    /** A table whose cells are HTML already (links), for pages that cross-reference each other. */
    static String htmlTable(List<String> columns, List<List<String>> rows) {
        StringBuilder html = new StringBuilder("<table>\n<tr>");
        columns.forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(cell).append("</td>"));
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    static String link(String href, String text) {
        return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
    }

    static String list(List<String> items) {
        StringBuilder html = new StringBuilder("<ul>");
        items.forEach(i -> html.append("<li>").append(escape(i)).append("</li>"));
        return html.append("</ul>").toString();
    }
}
