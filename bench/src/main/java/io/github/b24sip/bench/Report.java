package io.github.b24sip.bench;

import java.util.ArrayList;
import java.util.List;

/** Collects the figures and prints them at the end, raw figures first, ratios beside them. */
final class Report {

    private final List<String> lines = new ArrayList<>();

    void header(String text) {
        lines.add("== " + text);
    }

    void line(String text) {
        lines.add(text);
        System.out.println("  " + text);
    }

    void provisioned(String who, int bucket, int serverMs, int n, Provisioned p) {
        line(String.format(
                "%-32s N=%d bucket %d/2s server %2d ms: wall %.2f s, %d requests, %d x 503; bound %.2f s, wall/bound "
                        + "%s",
                who,
                n,
                bucket,
                serverMs,
                p.wallSeconds(),
                p.requests(),
                p.refused(),
                p.boundSeconds(),
                p.boundSeconds() > 0 ? String.format("%.3f", p.wallSeconds() / p.boundSeconds()) : "n/a (bound 0)"));
    }

    void ratio(String what, double value) {
        line(String.format("%s: %.3f", what, value));
    }

    void print() {
        System.out.println();
        lines.forEach(System.out::println);
    }
}
