package io.github.b24sip.app.install;

/**
 * Text that came from outside (a field of an unauthenticated post) as the app may show it in a log line or an answer:
 * control characters escaped, so a forged line break cannot forge a log line, and cut, so a post cannot make the log
 * grow by what it sends.
 */
final class OutsideText {

    private OutsideText() {}

    /** {@code text} with control characters escaped ({@code \n}, {@code \u0007}) and cut to {@code max} characters. */
    static String shown(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= max && text.length() > max) {
            out.setLength(max);
            out.append("… (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
