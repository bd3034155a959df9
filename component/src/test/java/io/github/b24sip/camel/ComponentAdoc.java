package io.github.b24sip.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The option and header tables of a component's AsciiDoc page, rendered from the component JSON that Camel's
 * generator writes, between the markers Camel's own component pages use ({@code // component options: START} ...).
 */
final class ComponentAdoc {

    static final String[] SECTIONS = {"component options", "endpoint options", "component headers"};

    private ComponentAdoc() {}

    /** The text that belongs between the START and END markers of {@code section}. */
    static String render(JsonNode json, String section) {
        String title = json.path("component").path("title").asText();
        return switch (section) {
            case "component options" ->
                table(
                        "The " + title + " component supports "
                                + json.path("componentProperties").size() + " options, which are listed below.",
                        json.path("componentProperties"));
            case "endpoint options" ->
                "The " + title + " endpoint is configured using URI syntax:\n\n----\n"
                        + json.path("component").path("syntax").asText()
                        + "\n----\n\nwith the following path and query "
                        + "parameters:\n\n=== Path Parameters\n\n"
                        + table(null, only(json.path("properties"), true)) + "\n=== Query Parameters\n\n"
                        + table(null, only(json.path("properties"), false));
            case "component headers" ->
                table(
                        "The " + title + " component supports "
                                + json.path("headers").size() + " message headers, which are listed below.",
                        json.path("headers"));
            default -> throw new IllegalArgumentException(section);
        };
    }

    /** {@code text} with the part between the section's markers replaced by {@code body}. */
    static String replace(String text, String section, String body) {
        String start = "// " + section + ": START\n";
        String end = "// " + section + ": END";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("no '" + start.trim() + "' ... '" + end + "' in the page");
        }
        return text.substring(0, from + start.length()) + body + text.substring(to);
    }

    private static JsonNode only(JsonNode properties, boolean path) {
        ObjectNode out = (ObjectNode) properties.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = out.fields(); it.hasNext(); ) {
            if ("path".equals(it.next().getValue().path("kind").asText()) != path) {
                it.remove();
            }
        }
        return out;
    }

    private static String table(String intro, JsonNode rows) {
        StringBuilder out = new StringBuilder();
        if (intro != null) {
            out.append(intro).append("\n\n");
        }
        out.append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n");
        out.append("| Name | Description | Default | Type\n");
        rows.fields().forEachRemaining(e -> {
            JsonNode o = e.getValue();
            String group = o.path("group").asText();
            String description = o.path("description").asText().replace("|", "\\|")
                    + (o.path("secret").asBoolean() ? " (secret)" : "")
                    + (o.has("enum") ? "\n\nEnum values:\n\n" + enumList(o.path("enum")) : "");
            out.append("| *")
                    .append(e.getKey())
                    .append("* (")
                    .append(group)
                    .append(") | ")
                    .append(description)
                    .append(" | ")
                    .append(o.path("defaultValue").asText(""))
                    .append(" | ")
                    .append(simpleType(o.path("javaType").asText()))
                    .append('\n');
        });
        return out.append("|===\n").toString();
    }

    private static String enumList(JsonNode values) {
        StringBuilder out = new StringBuilder();
        values.forEach(v -> out.append("* ").append(v.asText()).append('\n'));
        return out.toString().stripTrailing();
    }

    private static String simpleType(String javaType) {
        String raw = javaType.replaceAll("<.*", "");
        String simple = raw.substring(raw.lastIndexOf('.') + 1);
        return javaType.contains("<")
                ? simple + javaType.substring(javaType.indexOf('<')).replaceAll("[\\w.]+\\.", "")
                : simple;
    }
}
