package io.github.b24sip.simulator.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal multipart/form-data reader for the text fields API clients send (no file uploads). */
public final class Multipart {

    private static final Pattern BOUNDARY =
            Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private Multipart() {}

    /** Returns the form fields in order; throws IllegalArgumentException for a body that is not multipart. */
    public static List<Map.Entry<String, String>> parse(byte[] body, String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new IllegalArgumentException("multipart body without a boundary");
        }
        String delimiter = "--" + (m.group(1) != null ? m.group(1) : m.group(2));
        // ISO-8859-1 maps bytes 1:1 to chars, so positions found here are byte positions
        String text = new String(body, StandardCharsets.ISO_8859_1);
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        int pos = text.indexOf(delimiter);
        if (pos < 0) {
            throw new IllegalArgumentException("multipart body without its boundary");
        }
        while (true) {
            pos += delimiter.length();
            if (text.startsWith("--", pos)) {
                return fields;
            }
            int headersStart = text.indexOf("\r\n", pos) + 2;
            int headersEnd = text.indexOf("\r\n\r\n", headersStart);
            if (headersStart < 2 || headersEnd < 0) {
                throw new IllegalArgumentException("truncated multipart part");
            }
            int next = text.indexOf("\r\n" + delimiter, headersEnd + 4);
            if (next < 0) {
                throw new IllegalArgumentException("multipart part without a closing boundary");
            }
            Matcher name = NAME.matcher(text.substring(headersStart, headersEnd));
            if (name.find()) {
                String raw = text.substring(headersEnd + 4, next);
                fields.add(Map.entry(
                        name.group(1), new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
            }
            pos = next + 2;
        }
    }
}
