package io.mandate.dashboard.home;

import io.mandate.dashboard.queryapi.Api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokens issued and refusals per hour over the last day, as bars an SVG template places directly
 * (no chart library: two series of 24 bars are a few rectangles).
 *
 * @param bars   one per hour, oldest first
 * @param max    the tallest bar's count (the y scale)
 * @param partial true when more events happened than were read, so the bars show only the newest ones
 */
record ActivityChart(List<Bar> bars, long max, boolean partial) {

    static final int HOURS = 24;
    static final int WIDTH = 720;
    static final int HEIGHT = 160;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00").withZone(ZoneOffset.UTC);

    /** One hour: counts and the rectangles' geometry in the SVG's user units. */
    record Bar(String label, long issued, long refused, int x, int width, int issuedHeight, int refusedHeight) {
        public int issuedY() {
            return HEIGHT - issuedHeight;
        }

        public int refusedY() {
            return HEIGHT - refusedHeight;
        }

        public int refusedX() {
            return x + width;
        }
    }

    static ActivityChart of(Instant now, List<Api.Event> issued, List<Api.Event> refused, boolean partial) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant start = end.minus(Duration.ofHours(HOURS));
        long[] issuedPerHour = perHour(start, issued);
        long[] refusedPerHour = perHour(start, refused);
        long max = 1;
        for (int hour = 0; hour < HOURS; hour++) {
            max = Math.max(max, Math.max(issuedPerHour[hour], refusedPerHour[hour]));
        }
        int slot = WIDTH / HOURS;
        int barWidth = (slot - 4) / 2;
        List<Bar> bars = new ArrayList<>();
        for (int hour = 0; hour < HOURS; hour++) {
            bars.add(new Bar(HOUR.format(start.plus(Duration.ofHours(hour))), issuedPerHour[hour], refusedPerHour[hour],
                    hour * slot + 2, barWidth, height(issuedPerHour[hour], max), height(refusedPerHour[hour], max)));
        }
        return new ActivityChart(List.copyOf(bars), max, partial);
    }

    private static long[] perHour(Instant start, List<Api.Event> events) {
        long[] counts = new long[HOURS];
        for (Api.Event event : events) {
            if (event.occurredAt() == null || event.occurredAt().isBefore(start)) {
                continue;
            }
            int hour = (int) Duration.between(start, event.occurredAt()).toHours();
            if (hour < HOURS) {
                counts[hour]++;
            }
        }
        return counts;
    }

    /** A bar of n is at least 2 units tall, so one event is visible next to a thousand. */
    private static int height(long count, long max) {
        return count == 0 ? 0 : (int) Math.max(2, Math.round((double) count / max * (HEIGHT - 10)));
    }
}
