package io.github.b24sip.app.ops;

import io.github.b24sip.app.status.LineBoard;
import io.github.b24sip.app.status.LineStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.Map;

/** The small HTML page at /: each portal's polled lines with their registration status, reloaded every 5 seconds. */
@ApplicationScoped
@Named("statusPage")
public class StatusPage {

    @Inject
    LineBoard board;

    public String render() {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
                <title>Bitrix24 SIP lines</title>
                <style>
                body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}
                td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}
                .success{background:#c8f7c5}.error{background:#f7c5c5}.in_progress{background:#f7e8c5}.wait{background:#e4e4e4}
                </style></head><body><h1>Bitrix24 SIP lines</h1>
                """);
        Map<String, List<LineStatus>> portals = board.snapshot();
        if (portals.isEmpty()) {
            html.append("<p>No portal polled yet.</p>");
        }
        portals.forEach((portal, lines) -> {
            html.append("<h2>").append(escape(portal)).append("</h2>");
            if (lines.isEmpty()) {
                html.append("<p>No cloud lines known yet.</p>");
                return;
            }
            html.append("<table><tr><th>Line</th><th>CONFIG_ID</th><th>Registration</th><th>Status</th><th>Code</th><th>Message</th><th>Updated</th></tr>");
            for (LineStatus l : lines) {
                html.append("<tr class=\"").append(escape(l.status())).append("\"><td>").append(escape(l.title()))
                        .append("</td><td>").append(l.configId()).append("</td><td>").append(l.regId())
                        .append("</td><td>").append(escape(l.status())).append("</td><td>")
                        .append(l.statusCode() == null ? "" : l.statusCode()).append("</td><td>").append(escape(l.errorMessage()))
                        .append("</td><td>").append(escape(l.lastUpdated())).append("</td></tr>");
            }
            html.append("</table>");
        });
        return html.append("</body></html>").toString();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
