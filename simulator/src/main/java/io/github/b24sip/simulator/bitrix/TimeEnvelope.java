package io.github.b24sip.simulator.bitrix;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code time} object of every successful response, with the integer/float quirk of the module source. */
final class TimeEnvelope {

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    private TimeEnvelope() {}

    /** PHP prints microtime floats in plain notation (1773654128.4171), never 1.77E9. */
    private static BigDecimal plain(double seconds) {
        return BigDecimal.valueOf(seconds).setScale(6, RoundingMode.HALF_UP);
    }

    /**
     * @param operating seconds this credential has used on this method in the window, or null for self-hosted
     *                  portals, which report neither {@code operating} nor {@code operating_reset_at}
     */
    static Map<String, Object> of(
            Instant start, Instant finish, double processingSeconds, Double operating, Long resetAt) {
        Map<String, Object> time = new LinkedHashMap<>();
        double startSeconds = start.toEpochMilli() / 1000.0;
        double finishSeconds = finish.toEpochMilli() / 1000.0;
        // $timeStart and $timeProcessStart are typed int in the source: start and processing are whole numbers
        time.put("start", (long) startSeconds);
        time.put("finish", plain(finishSeconds));
        time.put("duration", plain(Math.max(0, finishSeconds - startSeconds)));
        time.put("processing", (long) processingSeconds);
        time.put("date_start", ISO.format(start));
        time.put("date_finish", ISO.format(finish));
        if (operating != null) {
            time.put("operating", plain(operating));
            time.put("operating_reset_at", resetAt);
        }
        return time;
    }
}
